/**
 * One scan, one label: an entry (a scanned receipt or waybill, or a number
 * typed + Enter) runs `dispatch.check` then `dispatch.ship`; with the manual
 * carrier the desk waits for the pre-printed waybill between the two. Entries
 * are taken one after another in the order they came, so a quick second scan
 * never overtakes the first. The label's print job (`print.job`) is followed
 * per case, so the outcome says when it is on paper or on screen.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PrintJobView } from '../../../main/contract/printing'
import { call, CommandError, useEvent } from '../../bridge/client'
import type { ClassifiedScan } from '../../hooks/scanTargets'
import { actionOfEntry, newerLabelJob, withFresh, withStatus, type DeskAction, type DeskPhase, type ShipRefusal } from './courierDesk'
import type { DeskView } from './useDeskState'

export interface ShipFlow {
  phase: DeskPhase
  /** The newest label job seen for a case number. */
  labelJobOf(caseNo: string): PrintJobView | null
  /** Takes one entry; resolves once it (and those before it) are done, with where the desk then stands. */
  enter(scan: ClassifiedScan): Promise<DeskPhase>
  /** Esc: stop waiting for a waybill (the case stays as it was), or clear the outcome. */
  reset(): void
  /** An entry is being worked on or waits its turn. */
  isBusy: boolean
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export function useShipFlow(desk: DeskView | null): ShipFlow {
  const [phase, setPhaseState] = useState<DeskPhase>({ kind: 'idle' })
  const [labelJobs, setLabelJobs] = useState<ReadonlyMap<string, PrintJobView>>(new Map())
  const [pendingCount, setPendingCount] = useState(0)
  const phaseRef = useRef(phase)
  const queue = useRef<Promise<void>>(Promise.resolve())
  const carrierRef = useRef(desk?.carrier.kind ?? null)
  carrierRef.current = desk?.carrier.kind ?? null

  const setPhase = useCallback((next: DeskPhase | ((current: DeskPhase) => DeskPhase)): void => {
    phaseRef.current = typeof next === 'function' ? next(phaseRef.current) : next
    setPhaseState(phaseRef.current)
  }, [])

  useEvent('print.job', (job) => {
    if (job.kind !== 'waybillLabel' || job.caseNo === null) return
    const caseNo = job.caseNo
    setLabelJobs((jobs) => {
      const next = newerLabelJob(jobs.get(caseNo), job)
      if (next === jobs.get(caseNo) || next === undefined) return jobs
      return new Map(jobs).set(caseNo, next)
    })
  })
  useEvent('dispatch.changed', (change) => setPhase((current) => withStatus(current, change)))
  // The reloaded desk has the shown shipment's waiting reason and label count.
  const pending = desk?.pending
  useEffect(() => {
    if (pending) setPhase((current) => withFresh(current, pending))
  }, [pending, setPhase])

  const ship = useCallback(
    async (caseNo: string, waybillNo?: string): Promise<void> => {
      setPhase({ kind: 'working', caseNo, step: 'ship' })
      try {
        const shipment = await call('dispatch.ship', waybillNo === undefined ? { caseNo } : { caseNo, waybillNo })
        setPhase({ kind: 'shipped', shipment })
      } catch (err) {
        // A refused waybill keeps the case waiting: scan the next sheet.
        if (waybillNo !== undefined && (!(err instanceof CommandError) || err.field === undefined || err.field === 'waybillNo')) {
          setPhase({ kind: 'awaitingWaybill', caseNo, problem: messageOf(err) })
        } else setPhase({ kind: 'failed', caseNo, message: messageOf(err) })
      }
    },
    [setPhase],
  )

  const run = useCallback(
    async (action: DeskAction): Promise<void> => {
      if (action.kind === 'waybillFirst') {
        setPhase({ kind: 'waybillFirst', waybillNo: action.waybillNo })
        return
      }
      if (action.kind === 'bind') {
        await ship(action.caseNo, action.waybillNo)
        return
      }
      const { caseNo } = action
      setPhase({ kind: 'working', caseNo, step: 'check' })
      try {
        const verdict = await call('dispatch.check', { caseNo })
        if (!verdict.ok) {
          setPhase({ kind: 'refused', caseNo, reason: (verdict.reason ?? 'not_ready') as ShipRefusal, message: verdict.message })
          return
        }
      } catch (err) {
        setPhase({ kind: 'failed', caseNo, message: messageOf(err) })
        return
      }
      // Manual carrier: the label needs the pre-printed waybill first. A scan before the desk loaded asks which carrier.
      const carrier = carrierRef.current ?? (await call('dispatch.desk', {}).then((d) => d.carrier.kind, () => 'manual' as const))
      if (carrier !== 'http') setPhase({ kind: 'awaitingWaybill', caseNo, problem: null })
      else await ship(caseNo)
    },
    [setPhase, ship],
  )

  const enter = useCallback(
    (scan: ClassifiedScan): Promise<DeskPhase> => {
      setPendingCount((n) => n + 1)
      // The action is decided when the entry's turn comes: the entry before it may have left a case waiting for its waybill.
      const turn = queue.current
        .then(() => run(actionOfEntry(scan, phaseRef.current)))
        // Never a rejected queue: the entries after this one still get their turn.
        .catch((err: unknown) => setPhase({ kind: 'failed', caseNo: null, message: messageOf(err) }))
      queue.current = turn.finally(() => setPendingCount((n) => n - 1))
      return queue.current.then(() => phaseRef.current)
    },
    [run, setPhase],
  )

  const reset = useCallback(() => setPhase({ kind: 'idle' }), [setPhase])
  const labelJobOf = useCallback((caseNo: string) => labelJobs.get(caseNo) ?? null, [labelJobs])

  return { phase, labelJobOf, enter, reset, isBusy: pendingCount > 0 }
}
