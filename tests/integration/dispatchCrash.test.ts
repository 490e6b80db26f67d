/**
 * `dispatch drain` killed (SIGKILL) at the two moments that make duplicate
 * waybills elsewhere — while it waits out a carrier's 429, and while a create
 * the carrier has already stored waits for its reply — and then run again:
 * the Retry-After still holds across the restart, the stored order is looked
 * up and adopted instead of created again, every shipment is created in the
 * end with one order per client order id at the carrier, and a row parked
 * for a person shows in the drain's output.
 */
import type { ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { SIM_PARTNER } from '../fixtures/carrierSimHarness'
import { drainCounts, openDispatchCliWorld, type DispatchCliWorld } from '../fixtures/dispatchCliWorld'
import { exitOf } from '../fixtures/processTree'
import { waitFor } from '../fixtures/waitFor'

let world: DispatchCliWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const CREATE = 'EXP_RECE_CREATE_ORDER'
const SEARCH = 'EXP_RECE_SEARCH_ORDER_RESP'
/** One carrier call's limit: long enough that the kill lands while the reply is awaited; the lease is 4 × this + 2 s. */
const CALL_TIMEOUT_MS = 2000

async function shipped(w: DispatchCliWorld, ready: number): Promise<Array<{ caseNo: string; clientOrderId: string }>> {
  w.writeStation({ carrier: { kind: 'http', url: w.sim.sim.url, partnerId: SIM_PARTNER, timeoutMs: CALL_TIMEOUT_MS, monthlyCard: '7551234567' } })
  await w.seedReady(ready + 3, ready)
  expect((await w.cli(['dispatch', 'ship', '--data', w.dataDir, '--all-ready', ...w.carrierArgs])).code).toBe(0)
  const listed = JSON.parse((await w.cli(['dispatch', 'list', '--data', w.dataDir, '--json'])).out[0]!) as Array<{ caseNo: string; clientOrderId: string }>
  return listed.sort((a, b) => a.clientOrderId.localeCompare(b.clientOrderId))
}

function drainChild(w: DispatchCliWorld): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = w.spawnCli(['dispatch', 'drain', '--data', w.dataDir, '--timeout', '60', ...w.carrierArgs])
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  return { child, output: () => ({ stdout, stderr }) }
}

async function secondDrain(w: DispatchCliWorld): Promise<{ stdout: string; stderr: string }> {
  const { child, output } = drainChild(w)
  expect(await exitOf(child)).toEqual({ code: 0, signal: null })
  return output()
}

/** At the carrier: exactly one stored order per client order id, and these ids only. */
async function expectOneOrderEach(w: DispatchCliWorld, clientOrderIds: string[]): Promise<Map<string, string>> {
  const orders = await w.sim.control<Array<{ orderId: string; waybillNo: string }>>('GET', 'orders')
  expect(orders.map((o) => o.orderId).sort()).toEqual([...clientOrderIds].sort())
  const stored = (await w.calls(CREATE)).filter((c) => c.stored)
  expect(stored.map((c) => c.orderId).sort()).toEqual([...clientOrderIds].sort())
  return new Map(orders.map((o) => [o.orderId, o.waybillNo]))
}

describe('dispatch drain killed mid-drain, then run again', () => {
  it('while waiting out a 429: the Retry-After holds across the restart, the shipment is created once, the parked one shows', { timeout: 90_000 }, async () => {
    const w = (world = await openDispatchCliWorld())
    const [throttled, refused] = await shipped(w, 2)
    await w.sim.faults(
      { match: { serviceCode: CREATE, orderId: throttled!.clientOrderId }, fault: { kind: 'rate_limit', retryAfterSec: 3 } },
      { match: { serviceCode: CREATE, orderId: refused!.clientOrderId }, fault: { kind: 'biz_error', errorCode: '20052', errorMsg: '收件地址超出派送范围' } },
    )

    const first = drainChild(w)
    await waitFor(
      'the 429 stored as the next attempt and the refusal parked',
      () => w.createRow(throttled!.clientOrderId)?.lastErrorClass === 'rate_limited' && w.createRow(refused!.clientOrderId)?.state === 'parked',
      30_000,
    )
    first.child.kill('SIGKILL')
    expect(await exitOf(first.child)).toEqual({ code: null, signal: 'SIGKILL' })
    const waiting = w.createRow(throttled!.clientOrderId)!
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1 })
    const [throttledCall] = await w.calls(CREATE, throttled!.clientOrderId)
    expect(throttledCall).toMatchObject({ outcome: 'fault rate_limit', stored: false })
    expect(Date.parse(waiting.nextAttemptAt) - Date.parse(throttledCall!.at)).toBeGreaterThanOrEqual(3000)

    const second = await secondDrain(w)

    expect(drainCounts(second.stdout)).toEqual({ created: 1, waiting: 0, parked: 1 })
    expect(second.stderr).toMatch(new RegExp(`搁置待人工处理：办件 ${refused!.caseNo}（外发作业 #\\d+）：.*收件地址超出派送范围`))
    // Nothing went to the carrier for the throttled order before the moment its Retry-After allowed.
    const later = (await w.calls(undefined, throttled!.clientOrderId)).filter((c) => c.seq > throttledCall!.seq)
    expect(later.length).toBeGreaterThan(0)
    for (const call of later) expect(Date.parse(call.at)).toBeGreaterThanOrEqual(Date.parse(waiting.nextAttemptAt))
    const waybills = await expectOneOrderEach(w, [throttled!.clientOrderId])
    const listed = JSON.parse((await w.cli(['dispatch', 'list', '--data', w.dataDir, '--json'])).out[0]!) as Array<{ caseNo: string; waybillNo: string | null; status: string }>
    expect(listed.find((s) => s.caseNo === throttled!.caseNo)).toMatchObject({ status: 'created', waybillNo: waybills.get(throttled!.clientOrderId) })
    expect(listed.find((s) => s.caseNo === refused!.caseNo)).toMatchObject({ status: 'queued', waybillNo: null })
  })

  it('while a create the carrier stored awaits its reply: the next drain finds the order and adopts it, never creating it again', { timeout: 90_000 }, async () => {
    const w = (world = await openDispatchCliWorld())
    const all = await shipped(w, 3)
    const held = all[0]!
    // The carrier stores the order, then holds the reply far past the call's limit.
    await w.sim.faults({ match: { serviceCode: CREATE, orderId: held.clientOrderId }, fault: { kind: 'delay', ms: 120_000, commit: 'after' } })

    const first = drainChild(w)
    await waitFor(
      'the held order stored at the carrier and the others created',
      () => w.sim.sim.calls.some((c) => c.orderId === held.clientOrderId && c.stored) && all.slice(1).every((s) => w.createRow(s.clientOrderId)?.state === 'done'),
      30_000,
    )
    first.child.kill('SIGKILL')
    expect(await exitOf(first.child)).toEqual({ code: null, signal: 'SIGKILL' })
    // Killed while the reply was awaited: the row is still leased by the dead drain, its outcome unknown to the station.
    expect(w.createRow(held.clientOrderId)).toMatchObject({ state: 'leased', attempts: 1 })

    const second = await secondDrain(w)

    expect(drainCounts(second.stdout)).toEqual({ created: 3, waiting: 0, parked: 0 })
    expect(second.stderr).toBe('')
    expect((await w.calls(CREATE, held.clientOrderId)).map((c) => c.stored)).toEqual([true])
    expect((await w.calls(SEARCH, held.clientOrderId)).map((c) => c.outcome)).toEqual(['ok'])
    const waybills = await expectOneOrderEach(w, all.map((s) => s.clientOrderId))
    const listed = JSON.parse((await w.cli(['dispatch', 'list', '--data', w.dataDir, '--json'])).out[0]!) as Array<{ clientOrderId: string; waybillNo: string | null; status: string }>
    expect(listed.map((s) => `${s.clientOrderId} ${s.waybillNo} ${s.status}`).sort()).toEqual(all.map((s) => `${s.clientOrderId} ${waybills.get(s.clientOrderId)} created`).sort())
    expect(w.createRow(held.clientOrderId)).toMatchObject({ state: 'done', attempts: 2, uncertain: 1 })
  })
})
