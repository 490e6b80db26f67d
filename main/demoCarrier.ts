/**
 * The demo hall's carrier: the SF-shaped carrier emulator (specs/dispatch.md
 * §C) in-process on a free 127.0.0.1 port, its clock following the real one
 * and its courier picking parcels up by themselves, handed to the desk as an
 * `http` carrier with the emulator's partner id and check word — what a
 * station.json for the real carrier would say (the check word then comes from
 * the key store). Root-level: only the composition root may start emulators.
 *
 * Its controls drive the emulator through its own control plane (`/__sim/*`,
 * with its admin token), as a test outside the process would: the clock moved
 * ahead so a demo parcel can be followed to 签收, and the push pointed at the
 * station host. The desk stamps its requests with the emulator's clock: moved
 * ahead, it would otherwise refuse them as 5 minutes stale (A1002).
 */
import { randomBytes } from 'node:crypto'
import type { ServiceCarrierConfig } from './domain/dispatch/carrierConfig'
import { AppError } from './domain/errors'
import { CarrierSim } from './emulators/carrierSim'
import type { CarrierDemoControls } from './services/demoControls'

export interface CarrierDemo {
  carrier: ServiceCarrierConfig
  checkWord: string | undefined
  /** The emulator's clock, for stamping requests to it (absent when it did not start). */
  clock: { now(): Date } | undefined
  controls: CarrierDemoControls | null
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
    return { carrier: { kind: 'manual' }, checkWord: undefined, clock: undefined, controls: null, failure: { reason: 'emulator_failed', message }, close: async () => undefined }
  }
  const control = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${sim.url}/__sim/${path}`, {
      method: 'POST',
      headers: { 'x-sim-admin': sim.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = (await response.json()) as T & { error?: string }
    if (!response.ok) throw new AppError('CARRIER_UNAVAILABLE', `承运商模拟器拒绝了 ${path}：${json.error ?? `HTTP ${response.status}`}`)
    return json
  }
  return {
    carrier: { kind: 'http', url: sim.url, partnerId: PARTNER, checkWordRef: 'carrier.demo', auth: 'digest', monthlyCard: SANDBOX_CARD, expressTypeId: 2, timeoutMs: 10_000 },
    checkWord,
    clock: { now: () => new Date(sim.clock.now()) },
    controls: {
      advance: async (ms) => ({ carrierNow: (await control<{ now: string }>('clock', { advanceMs: Math.round(ms) })).now }),
      pushTo: async (target) => {
        await control('push-config', target ? { url: target.url, secretHeader: `${target.header.name}: ${target.header.value}` } : { url: null })
      },
    },
    failure: null,
    close: () => sim.stop(),
  }
}
