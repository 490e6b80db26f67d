/**
 * Every fault of specs/dispatch.md §C2 on the carrier's create, through the
 * desk, the outbox and the real adapter against the real emulator: the desk
 * answers with the shipment queued and the reason (never an error for a
 * carrier outage), and in the end there is exactly one order per shipment —
 * created, or parked for a person with the carrier's words.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FaultRule } from '../../main/emulators/carrierSimFaults'
import { openDispatchWorld, type DispatchWorld } from '../fixtures/dispatchWorld'

let world: DispatchWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const CREATE = 'EXP_RECE_CREATE_ORDER'
const SEARCH = 'EXP_RECE_SEARCH_ORDER_RESP'
const create = (fault: FaultRule['fault']): FaultRule => ({ match: { serviceCode: CREATE }, fault })
/** Past the test backoff's cap (60 s): every retry is due. */
const PAST_BACKOFF = 61_000

async function shipAndRecover(w: DispatchWorld, caseNo: string) {
  const first = await w.dispatch.ship({ caseNo })
  w.advance(PAST_BACKOFF)
  await w.runDue()
  return { first, after: w.dispatch.shipments({ limit: 10 }).find((s) => s.caseNo === caseNo)! }
}

describe('a carrier fault on create, with the order maybe stored', () => {
  it.each<[string, FaultRule['fault']]>([
    ['a 500 after the order was stored', { kind: 'http', status: 500, body: 'html', commit: 'after' }],
    ['a connection reset after the order was stored', { kind: 'reset', commit: 'after' }],
    ['a reply slower than our timeout', { kind: 'delay', ms: 3_000, commit: 'after' }],
    ['a malformed reply after the order was stored', { kind: 'malformed', variant: 'truncated', commit: 'after' }],
  ])('%s: the desk shows it queued with the reason, then the order is found and adopted — one order, one label', async (_what, fault) => {
    const w = (world = await openDispatchWorld({ timeoutMs: 500 }))
    await w.sim.faults(create(fault))
    const caseNo = w.readyCase()

    const { first, after } = await shipAndRecover(w, caseNo)

    expect(first).toMatchObject({ status: 'queued', waybillNo: null, waiting: { parked: false, reason: expect.any(String), nextAttemptAt: expect.any(String) } })
    expect(after.waybillNo).toMatch(/^SF\d{13}$/)
    const stored = await w.storedCreates(first.clientOrderId)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.waybillNo).toBe(after.waybillNo)
    // The retry asked for the order and adopted it: the create was sent once, never again.
    expect(await w.sim.control<unknown[]>('GET', `calls?serviceCode=${CREATE}&orderId=${first.clientOrderId}`)).toHaveLength(1)
    expect(await w.sim.control<unknown[]>('GET', `calls?serviceCode=${SEARCH}&orderId=${first.clientOrderId}`)).toHaveLength(1)
    expect(w.printing.jobs({ caseNo, limit: 10 }).filter((j) => j.kind === 'waybillLabel')).toHaveLength(1)
  })

  it('after a "duplicate order" answer (8016) adopts the order the carrier already has', async () => {
    const w = (world = await openDispatchWorld())
    // The first create is stored but its reply lost; the lookup then misses it once, so the retry creates again and hears 8016.
    await w.sim.faults(create({ kind: 'http', status: 503, commit: 'after' }), {
      match: { serviceCode: SEARCH },
      fault: { kind: 'biz_error', errorCode: 'SIM_ORDER_NOT_FOUND', errorMsg: '查无此订单' },
    })
    const caseNo = w.readyCase()
    const { first, after } = await shipAndRecover(w, caseNo)
    expect(after.status).not.toBe('queued')
    const creates = await w.sim.control<Array<{ orderId?: string; outcome: string; stored: boolean }>>('GET', `calls?serviceCode=${CREATE}&orderId=${first.clientOrderId}`)
    expect(creates.map((c) => c.outcome)).toEqual(['ok', 'biz 8016'])
    expect(creates.filter((c) => c.stored)).toHaveLength(1)
  })
})

describe('a carrier that cannot be reached', () => {
  it('is no error at the desk: the shipment is queued with the reason, the case shipping, the create waiting in the outbox', async () => {
    const w = (world = await openDispatchWorld())
    const caseNo = w.readyCase()
    await w.sim.stop()
    const first = await w.dispatch.ship({ caseNo })
    expect(first).toMatchObject({ status: 'queued', waiting: { parked: false, reason: expect.stringMatching(/连不上承运商/), nextAttemptAt: expect.any(String) } })
    expect(w.cases.services.cases.get(caseNo).state).toBe('shipping')
    expect(w.cases.store.outbox.byKey(`shipment.create:${first.clientOrderId}`)).toMatchObject({ state: 'waiting', lastErrorClass: 'transient' })
  })
})

describe('a carrier asking us to wait', () => {
  it('429 with Retry-After: nothing is sent before it has passed, then one order', async () => {
    const w = (world = await openDispatchWorld())
    await w.sim.faults(create({ kind: 'rate_limit', retryAfterSec: 30 }))
    const caseNo = w.readyCase()
    const first = await w.dispatch.ship({ caseNo })
    expect(first).toMatchObject({ status: 'queued', waiting: { parked: false, reason: expect.stringMatching(/限流|429|稍后/) } })
    expect(Date.parse(first.waiting!.nextAttemptAt!) - Date.parse(first.createdAt)).toBeGreaterThanOrEqual(30_000)

    w.advance(20_000)
    await w.runDue()
    expect(await w.sim.control<unknown[]>('GET', `calls?serviceCode=${CREATE}`)).toHaveLength(1)

    w.advance(PAST_BACKOFF)
    await w.runDue()
    expect(await w.storedCreates(first.clientOrderId)).toHaveLength(1)
    expect(w.cases.store.shipments.findById(first.id)!.waybillNo).toMatch(/^SF/)
  })
})

describe('a carrier refusing for good', () => {
  it('an invalid digest (A1006) parks the create with the carrier’s words; a person’s retry after the fix creates it once', async () => {
    const w = (world = await openDispatchWorld())
    await w.sim.faults(create({ kind: 'api_code', apiResultCode: 'A1006' }))
    const caseNo = w.readyCase()
    const first = await w.dispatch.ship({ caseNo })
    expect(first).toMatchObject({ status: 'queued', waiting: { parked: true, nextAttemptAt: null, reason: expect.stringMatching(/数字签名无效/) } })
    expect(await w.storedCreates()).toHaveLength(0)
    const row = w.cases.store.outbox.byKey(`shipment.create:${first.clientOrderId}`)!
    expect(row).toMatchObject({ state: 'parked', lastErrorClass: 'auth' })
    expect(w.outbox.list({ state: 'parked', limit: 10 }).map((r) => r.caseNo)).toEqual([caseNo])

    w.outbox.retry({ id: row.id, reason: '已更正校验码' })
    await w.runDue()
    expect(await w.storedCreates(first.clientOrderId)).toHaveLength(1)
    expect(w.dispatch.shipments({ limit: 10 })[0]).toMatchObject({ caseNo, status: expect.stringMatching(/created|label_printed/), waiting: null })
  })

  it('a business refusal parks the create with the carrier’s own message', async () => {
    const w = (world = await openDispatchWorld())
    await w.sim.faults(create({ kind: 'biz_error', errorCode: '20011', errorMsg: '收件地址超出收派范围' }))
    const caseNo = w.readyCase()
    const first = await w.dispatch.ship({ caseNo })
    expect(first.waiting).toMatchObject({ parked: true, reason: '收件地址超出收派范围' })
    expect(w.cases.store.shipments.findById(first.id)).toMatchObject({ status: 'queued', lastErrorClass: 'validation', lastError: '收件地址超出收派范围' })
    w.advance(PAST_BACKOFF)
    await w.runDue()
    expect(await w.sim.control<unknown[]>('GET', `calls?serviceCode=${CREATE}`)).toHaveLength(1)
  })
})
