/**
 * The demo hall's carrier: the SF-shaped carrier emulator (specs/dispatch.md
 * §C) in-process on a free 127.0.0.1 port, its clock following the real one
 * and its courier picking parcels up by themselves, handed to the desk as an
 * `http` carrier with the emulator's partner id and check word — what a
 * station.json for the real carrier would say (the check word then comes from
 * the key store). Root-level: only the composition root may start emulators.
 */
import { randomBytes } from 'node:crypto'
import type { ServiceCarrierConfig } from './domain/dispatch/carrierConfig'
import { CarrierSim } from './emulators/carrierSim'

export interface CarrierDemo {
  carrier: ServiceCarrierConfig
  checkWord: string | undefined
  failure: { reason: string; message: string } | null
  close(): Promise<void>
}

const PARTNER = 'OWDEMO01'
/** The emulator wants a monthly card when the sender pays; SF's shared sandbox card. */
const SANDBOX_CARD = '7551234567'

export async function startCarrierDemo(options: { autoPickupAfterMs: number }): Promise<CarrierDemo> {
  const checkWord = randomBytes(16).toString('hex')
  const sim = new CarrierSim({ partners: [{ partnerId: PARTNER, checkWord }], settings: { autoPickupAfterMs: options.autoPickupAfterMs } })
  try {
    await sim.start()
  } catch (err) {
    const message = `承运商模拟器无法启动：${err instanceof Error ? err.message : String(err)}；寄递台改用手工面单`
    return { carrier: { kind: 'manual' }, checkWord: undefined, failure: { reason: 'emulator_failed', message }, close: async () => undefined }
  }
  return {
    carrier: { kind: 'http', url: sim.url, partnerId: PARTNER, checkWordRef: 'carrier.demo', auth: 'digest', monthlyCard: SANDBOX_CARD, expressTypeId: 2, timeoutMs: 10_000 },
    checkWord,
    failure: null,
    close: () => sim.stop(),
  }
}
