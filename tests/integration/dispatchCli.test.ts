/**
 * The dispatch CLI as an installer and the acceptance checks run it: seed
 * ready express cases, ship them all, drain the outbox to the carrier
 * emulator, list the shipments — one order per shipment at the carrier, and
 * the check word given on the command line never printed nor stored.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { databaseFile } from '../../main/store/database'
import { SIM_CHECK_WORD, SIM_PARTNER } from '../fixtures/carrierSimHarness'
import { drainCounts, openDispatchCliWorld, type DispatchCliWorld } from '../fixtures/dispatchCliWorld'
import { exitOf } from '../fixtures/processTree'

let world: DispatchCliWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const CREATE = 'EXP_RECE_CREATE_ORDER'

function readyExpressCount(dataDir: string): { ready: number; readyExpress: number } {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    return {
      ready: db.prepare("SELECT COUNT(*) FROM cases WHERE state = 'ready'").pluck().get() as number,
      readyExpress: db.prepare("SELECT COUNT(*) FROM cases WHERE state = 'ready' AND delivery = 'express'").pluck().get() as number,
    }
  } finally {
    db.close()
  }
}

/** Every file in the data directory, as text: where a leaked secret would sit (database, WAL, logs). */
function dataDirText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n')
}

describe('npm run cli -- seed --ready-express', () => {
  it('leaves exactly K cases ready for the courier, among cases in every other state', async () => {
    const w = (world = await openDispatchCliWorld())
    const seeded = await w.cli(['seed', '--data', w.dataDir, '--cases', '150', '--ready-express', '9', '--now', '2026-06-15T10:00:00+08:00'])
    expect(seeded.code).toBe(0)
    expect(seeded.out.join('\n')).toContain('待出件的快递办件 9 件')
    expect(readyExpressCount(w.dataDir).readyExpress).toBe(9)
  })

  it('refuses more ready express cases than cases, in one line', async () => {
    const w = (world = await openDispatchCliWorld())
    const run = await w.cli(['seed', '--data', w.dataDir, '--cases', '3', '--ready-express', '4'])
    expect(run.code).toBe(2)
    expect(run.err).toEqual(['--ready-express 应为 0–3 之间的整数（不超过 --cases）'])
  })
})

describe('npm run cli -- dispatch ship / drain / list', () => {
  it('ships every ready express case once, creates each at the carrier once, and lists them with their waybills', async () => {
    const w = (world = await openDispatchCliWorld())
    const ready = await w.seedReady(40, 6)
    expect(ready).toHaveLength(6)

    const shipped = await w.cli(['dispatch', 'ship', '--data', w.dataDir, '--all-ready', ...w.carrierArgs])
    expect(shipped).toMatchObject({ code: 0, err: [] })
    expect(shipped.out).toEqual(['已为 6 件待出件的快递办件排队下单，0 件未寄递（npm run cli -- dispatch drain 发往承运商）'])
    // A second "ship all" finds nothing left: each case has its shipment.
    expect((await w.cli(['dispatch', 'ship', '--data', w.dataDir, '--all-ready', ...w.carrierArgs])).out[0]).toMatch(/^已为 0 件/)

    const drained = await w.cli(['dispatch', 'drain', '--data', w.dataDir, '--timeout', '30', ...w.carrierArgs])
    expect(drained).toMatchObject({ code: 0, err: [] })
    expect(drainCounts(drained)).toEqual({ created: 6, waiting: 0, parked: 0 })

    const listed = await w.cli(['dispatch', 'list', '--data', w.dataDir, '--json'])
    expect(listed.code).toBe(0)
    const shipments = JSON.parse(listed.out.join('\n')) as Array<Record<string, unknown>>
    expect(shipments.map((s) => Object.keys(s).sort())).toEqual(Array(6).fill(['caseNo', 'clientOrderId', 'status', 'waybillNo']))
    expect(shipments.map((s) => s.caseNo).sort()).toEqual([...ready].sort())
    expect(shipments.every((s) => s.status === 'created' && /^SF\d{13}$/.test(String(s.waybillNo)))).toBe(true)

    // At the carrier: one order per client order id, with the waybill the station recorded.
    const orders = await w.sim.control<Array<{ orderId: string; waybillNo: string }>>('GET', 'orders')
    expect(orders.map((o) => `${o.orderId} ${o.waybillNo}`).sort()).toEqual(shipments.map((s) => `${String(s.clientOrderId)} ${String(s.waybillNo)}`).sort())
    expect((await w.calls(CREATE)).filter((c) => c.stored)).toHaveLength(6)

    // The check word went to the carrier's digest only: not on the screen, not in the data directory.
    const printed = [...shipped.out, ...shipped.err, ...drained.out, ...drained.err, ...listed.out].join('\n')
    expect(printed).not.toContain(SIM_CHECK_WORD)
    expect(dataDirText(w.dataDir)).not.toContain(SIM_CHECK_WORD)
  })

  it('lists the shipments as a table without --json', async () => {
    const w = (world = await openDispatchCliWorld())
    await w.seedReady(10, 2)
    await w.cli(['dispatch', 'ship', '--data', w.dataDir, '--all-ready', ...w.carrierArgs])
    const listed = await w.cli(['dispatch', 'list', '--data', w.dataDir])
    expect(listed.out).toHaveLength(2)
    for (const line of listed.out) expect(line).toMatch(/^\d{21} {2}OW001-\d{6}-1 {2}- {2}queued$/)
  })

  it('refuses to ship, in one line, where the station carrier cannot be reached from the CLI and none is given for the run', async () => {
    const w = (world = await openDispatchCliWorld())
    await w.seedReady(5, 1)
    // A fresh data directory is the demo hall: its carrier emulator runs inside the app.
    const demo = await w.cli(['dispatch', 'ship', '--data', w.dataDir, '--all-ready'])
    expect(demo.code).toBe(1)
    expect(demo.err).toHaveLength(1)
    expect(demo.err[0]).toMatch(/^本站配置为应用内的承运商模拟器（emulator）.*--carrier http --carrier-url/)

    w.writeStation({ carrier: { kind: 'manual' } })
    const manual = await w.cli(['dispatch', 'drain', '--data', w.dataDir])
    expect(manual.code).toBe(1)
    expect(manual.err).toHaveLength(1)
    expect(manual.err[0]).toMatch(/^本站配置为手工面单（manual）.*--carrier http --carrier-url/)
    expect(readyExpressCount(w.dataDir).readyExpress).toBe(1)
  })

  it('reads the check word from stdin with --check-word -, keeping it off the command line', { timeout: 60_000 }, async () => {
    const w = (world = await openDispatchCliWorld())
    await w.seedReady(6, 2)
    const args = ['--data', w.dataDir, '--carrier', 'http', '--carrier-url', w.sim.sim.url, '--partner', SIM_PARTNER, '--check-word', '-']
    expect((await w.cli(['dispatch', 'ship', '--all-ready', ...args.slice(0, -1), SIM_CHECK_WORD])).code).toBe(0)
    const child = w.spawnCli(['dispatch', 'drain', ...args], `${SIM_CHECK_WORD}\n`)
    let stdout = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    expect(await exitOf(child)).toEqual({ code: 0, signal: null })
    expect(drainCounts(stdout)).toEqual({ created: 2, waiting: 0, parked: 0 })
  })

  it('asks for the rest of an http carrier in one line, without echoing the check word', async () => {
    const w = (world = await openDispatchCliWorld())
    const run = await w.cli(['dispatch', 'drain', '--data', w.dataDir, '--carrier', 'http', '--check-word', SIM_CHECK_WORD])
    expect(run.code).toBe(2)
    expect(run.err).toEqual(['改用接口承运商还需要 --carrier-url、--partner'])
  })
})
