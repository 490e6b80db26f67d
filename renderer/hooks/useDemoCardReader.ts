/**
 * The demo hall's emulated ID card reader as the screens drive it: whether
 * the reader is emulated (its light says so; only then does the station
 * register the demo commands), the cards it can be given, and laying,
 * lifting, faulting. Shared by the devices screen's full tap-card panel and
 * the compact tap in the intake's applicant section.
 */
import { useCallback, useEffect, useState } from 'react'
import type { CommandInput, CommandOutput } from '../../main/contract'
import { call } from '../bridge/client'
import { useDeviceStatuses } from './useDeviceStatuses'

export type EmulatorCards = CommandOutput<'demo.idcard.listCards'>
export type EmulatorFaultKind = CommandInput<'demo.idcard.fault'>['kind']

export interface DemoCardReader {
  /** False while the lights load, and always with a real reader: render nothing then. */
  isEmulator: boolean
  /** null until the first list arrives. */
  cards: EmulatorCards | null
  /** The last command's failure (zh-CN from main), cleared by the next success. */
  error: string | null
  isBusy: boolean
  place: (cardIndex: number) => void
  remove: () => void
  fault: (kind: EmulatorFaultKind) => void
}

export function useDemoCardReader(): DemoCardReader {
  const isEmulator = useDeviceStatuses().some((status) => status.device === 'idcard' && status.isEmulated)
  const [cards, setCards] = useState<EmulatorCards | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const run = useCallback(async (action: () => Promise<EmulatorCards>) => {
    setBusy(true)
    try {
      setCards(await action())
      setError(null)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }, [])

  useEffect(() => {
    if (isEmulator) void run(() => call('demo.idcard.listCards', {}))
  }, [isEmulator, run])

  return {
    isEmulator,
    cards,
    error,
    isBusy,
    place: (cardIndex) => void run(() => call('demo.idcard.place', { cardIndex })),
    remove: () => void run(() => call('demo.idcard.remove', {})),
    fault: (kind) => void run(() => call('demo.idcard.fault', { kind })),
  }
}
