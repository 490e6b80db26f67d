/**
 * Dispatch: draining 10,000 queued shipments to the carrier emulator through
 * the outbox (lane `carrier`: lease, the SF-shaped adapter's signed create,
 * the waybill, route label, label job and audit row stored per shipment).
 *
 * - ÷ the emulator's own raw rate: the same create requests sent straight at
 *   the emulator by the same adapter (one `fetch` per request), with the
 *   lane's concurrency, in blocks before and after the drain; their mean is
 *   the denominator. What the ratio says is what the outbox, the store and
 *   the exactly-once bookkeeping cost on top of the wire. Target ≥ 0.5.
 * - Time per shipment ÷ 2 ms: the absolute rate against 500/s, a target we
 *   set (10,000 shipments in 20 s), so it moves with the machine.
 * The emulator runs in its own process (the carrier is another machine), its
 * rate limit off. A run with a duplicate waybill (an order id stored twice at
 * the carrier) or a shipment left without one is not a measurement: both
 * figures fail, naming the count.
 *
 * What got the drain there (it ran at ≈ 0.25 of raw, ≈ 460/s): the outcomes
 * that end together, with what each records (waybill, label job, audit row),
 * and the leases that refill their places share one commit
 * (main/outbox/groupCommit.ts) instead of three commits a shipment; and the
 * lane runs 16 creates at once here, so the groups fill.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { appRoot } from '../../../main/config/paths'
import type { ShipmentRequest } from '../../../main/dispatch/carrierAdapter'
import { SfHttpAdapter } from '../../../main/dispatch/sfHttpAdapter'
import { carrierOverrideOf, loadConfigOf, openDispatchArea, shippingCarrier } from '../../../main/cli/dispatchArea'
import { buildCaseServices } from '../../../main/services/cases/caseServices'
import { DemoSeeder } from '../../../main/services/cases/demoSeeder'
import { SettableClock } from '../../../main/services/cases/hallClock'
import { EventBus } from '../../../main/services/eventBus'
import { SessionService } from '../../../main/services/system/session'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { openStore } from '../../../main/store/store'
import { tempDataDir } from '../../fixtures/caseWorld'
import { overFixedLimit, sameRunRatio, type BenchFigure } from '../figure'

const SHIPMENTS = 10_000
/** Creates in flight at once, the same on both sides (the lane's `concurrency`; the station's default is 4). */
const CONCURRENCY = 16
const RAW_BLOCK = 2_000
const PARTNER = 'OWBENCH01'
const CHECK_WORD = 'bench-check-word-5d1e'
const ADMIN = 'bench-admin'
/** The seeded history ends here (a year whose holiday calendar ships); shipping then runs on the real clock. */
const SEED_NOW = new Date('2026-06-15T10:00:00+08:00')
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path))

interface Measured {
  drainRate: number
  rawRate: number
  rawRates: number[]
  duplicates: number
  created: number
  waiting: number
  parked: number
}

const verbose = (line: string): void => {
  if (process.env.BENCH_VERBOSE) console.error(`dispatch: ${line}`)
}

/** `emulate carrier` in its own process, rate limit off; resolves with its URL. */
async function startEmulator(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const args = ['--import', 'tsx', 'main/cli.ts', 'emulate', 'carrier', '--port', '0', '--rate-limit', '0', '--partner', PARTNER, '--check-word', CHECK_WORD, '--admin-token', ADMIN]
  // Under setpriv --pdeathsig the emulator goes with the bench even if the bench is killed outright.
  const child = SETPRIV
    ? spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', process.execPath, ...args], { cwd: appRoot(), stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { cwd: appRoot(), stdio: ['pipe', 'pipe', 'pipe'] })
  const killOnExit = (): void => void child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the carrier emulator did not start within 60 s: ${stderr}`)), 60_000)
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`the carrier emulator exited (${code}) before it was ready: ${stderr}`)))
  })
  return {
    url,
    child,
    async stop() {
      process.off('exit', killOnExit)
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

async function control<T>(url: string, path: string): Promise<T> {
  const response = await fetch(`${url}/__sim/${path}`, { headers: { 'x-sim-admin': ADMIN } })
  if (!response.ok) throw new Error(`control ${path}: HTTP ${response.status}`)
  return (await response.json()) as T
}

/** A data directory with SHIPMENTS ready express cases, each shipped: one create waiting per case in lane `carrier`. */
function seededReadyCases(dataDir: string): void {
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  try {
    const events = new EventBus()
    const session = new SessionService({ events })
    const clock = new SettableClock(SEED_NOW)
    const services = buildCaseServices({ store, events, session, clock, dataDir, stationId: '001', regionCode: '320300' })
    new DemoSeeder(services, session, clock, { cases: SHIPMENTS, readyExpress: SHIPMENTS, days: 20, now: SEED_NOW, regionCode: '320300' }).run()
  } finally {
    store.close()
  }
}

function carrierArgs(url: string): Map<string, string | true> {
  return new Map<string, string | true>([
    ['carrier', 'http'],
    ['carrier-url', url],
    ['partner', PARTNER],
    ['check-word', CHECK_WORD],
  ])
}

/** The same create request the drain sends, for a fresh order id, straight at the emulator. */
async function rawCreateRate(adapter: SfHttpAdapter, template: ShipmentRequest, block: number, tag: string): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < block) {
        const n = next++
        await adapter.createShipment({ ...template, clientOrderId: `RAW-${tag}-${n}` }, { requestId: `raw-${tag}-${n}`, deadlineMs: Date.now() + 10_000, now: () => new Date() })
      }
    }),
  )
  return block / ((performance.now() - started) / 1000)
}

async function measure(): Promise<Measured> {
  const dataDir = tempDataDir('onewindow-bench-dispatch-')
  const emulator = await startEmulator()
  try {
    let started = performance.now()
    seededReadyCases(dataDir)
    const config = loadConfigOf(dataDir)
    const carrier = shippingCarrier(config, carrierOverrideOf(carrierArgs(emulator.url)))
    const area = openDispatchArea(config, carrier, { concurrency: CONCURRENCY })
    let drained: { created: number; waiting: number; parked: number }
    const rawRates: number[] = []
    let drainRate: number
    try {
      const shipped = area.dispatch.shipAllReady({ operator: 'BENCH01' })
      if (shipped.queued !== SHIPMENTS) throw new Error(`only ${shipped.queued} of ${SHIPMENTS} shipments queued: ${shipped.skipped[0]?.message ?? ''}`)
      verbose(`fixture: ${SHIPMENTS} shipments queued in ${((performance.now() - started) / 1000).toFixed(1)} s`)

      // The request the drain will send, taken from a queued row, so both sides ask the carrier for the same thing.
      const template = (area.store.outbox.list('waiting', 1)[0]!.payload as { request: ShipmentRequest }).request
      const adapter = new SfHttpAdapter({ url: emulator.url, partnerId: PARTNER, checkWord: CHECK_WORD, monthlyCard: carrier.carrier.kind === 'http' ? carrier.carrier.monthlyCard : undefined })
      await rawCreateRate(adapter, template, 1000, 'warm')
      rawRates.push(await rawCreateRate(adapter, template, RAW_BLOCK, 'before'))

      started = performance.now()
      drained = await area.dispatch.drain({ timeoutMs: 600_000 })
      drainRate = SHIPMENTS / ((performance.now() - started) / 1000)

      rawRates.push(await rawCreateRate(adapter, template, RAW_BLOCK, 'after'))
    } finally {
      await area.close()
    }
    const calls = await control<Array<{ orderId?: string; stored: boolean }>>(emulator.url, 'calls?serviceCode=EXP_RECE_CREATE_ORDER')
    const storedPerOrder = new Map<string, number>()
    for (const c of calls) if (c.stored && c.orderId && !c.orderId.startsWith('RAW-')) storedPerOrder.set(c.orderId, (storedPerOrder.get(c.orderId) ?? 0) + 1)
    const duplicates = [...storedPerOrder.values()].reduce((sum, n) => sum + n - 1, 0)
    const rawRate = rawRates.reduce((a, b) => a + b, 0) / rawRates.length
    verbose(`drain ${drainRate.toFixed(0)}/s; raw ${rawRates.map((r) => r.toFixed(0)).join(', ')}/s; ${JSON.stringify(drained)}; duplicates ${duplicates}`)
    return { drainRate, rawRate, rawRates, duplicates, ...drained }
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

let measured: Promise<Measured> | undefined

/** Both figures come from one run; a run that doubled or lost a waybill measured nothing. */
async function checkedRun(): Promise<Measured> {
  measured ??= measure()
  const m = await measured
  if (m.duplicates !== 0) throw new Error(`${m.duplicates} duplicate waybill(s): an order id stored more than once at the carrier`)
  if (m.created !== SHIPMENTS || m.waiting !== 0 || m.parked !== 0) throw new Error(`not every shipment created: ${m.created} created, ${m.waiting} waiting, ${m.parked} parked of ${SHIPMENTS}`)
  return m
}

const counts = (m: Measured): string => `drain ${m.drainRate.toFixed(0)}/s, raw ${m.rawRates.map((r) => r.toFixed(0)).join(' and ')}/s, concurrency ${CONCURRENCY}, duplicates ${m.duplicates}, ${m.created}/${SHIPMENTS} created`

export const figures: BenchFigure[] = [
  {
    name: 'dispatch: drain rate of 10,000 queued shipments ÷ raw create rate at the carrier emulator',
    async run() {
      const m = await checkedRun()
      return {
        ...sameRunRatio(m.drainRate / m.rawRate, { atLeast: 0.5 }, `the same create requests sent straight at the emulator through the same adapter (fetch), concurrency ${CONCURRENCY}, blocks of ${RAW_BLOCK} before and after the drain`),
        note: counts(m),
      }
    },
  },
  {
    name: 'dispatch: time per shipment drained ÷ 2 ms (500 shipments/s), 10,000 shipments',
    async run() {
      const m = await checkedRun()
      return { ...overFixedLimit(1000 / m.drainRate, { ms: 2, basis: 'target', what: '2 ms per shipment: 500 shipments a second, the rate we set' }, { atMost: 1 }), note: counts(m) }
    },
  },
]
