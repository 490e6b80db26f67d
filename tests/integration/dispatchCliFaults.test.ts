/**
 * The faults of specs/dispatch.md §C2 on the carrier's create, through the
 * CLI path an installer runs (`dispatch ship --all-ready`, then `dispatch
 * drain`): a fault the carrier may have acted on ends in exactly one order,
 * adopted; a refusal only a person can fix is parked, named on stderr with
 * the carrier's words, and counted in the drain's one JSON line.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FaultRule } from '../../main/emulators/carrierSimFaults'
import { SIM_CHECK_WORD, SIM_PARTNER } from '../fixtures/carrierSimHarness'
import { drainCounts, openDispatchCliWorld, type DispatchCliWorld } from '../fixtures/dispatchCliWorld'

let world: DispatchCliWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const CREATE = 'EXP_RECE_CREATE_ORDER'
const TIMEOUT_MS = 500

/** One ready express case shipped on a station whose http carrier answers within 500 ms or is given up on. */
async function shippedCase(w: DispatchCliWorld, auth: 'digest' | 'token' = 'digest'): Promise<{ caseNo: string; clientOrderId: string }> {
  w.writeStation({ carrier: { kind: 'http', url: w.sim.sim.url, partnerId: SIM_PARTNER, auth, timeoutMs: TIMEOUT_MS, monthlyCard: '7551234567' } })
  const [caseNo] = await w.seedReady(4, 1)
  const shipped = await w.cli(['dispatch', 'ship', '--data', w.dataDir, '--all-ready', '--check-word', SIM_CHECK_WORD, '--carrier-url', w.sim.sim.url, '--partner', SIM_PARTNER])
  expect(shipped.code).toBe(0)
  const listed = JSON.parse((await w.cli(['dispatch', 'list', '--data', w.dataDir, '--json'])).out[0]!) as Array<{ caseNo: string; clientOrderId: string }>
  return { caseNo: caseNo!, clientOrderId: listed[0]!.clientOrderId }
}

async function drain(w: DispatchCliWorld) {
  return w.cli(['dispatch', 'drain', '--data', w.dataDir, '--timeout', '30', ...w.carrierArgs])
}

type Fault = FaultRule['fault']

describe('a §C2 fault on create, through dispatch drain', () => {
  it.each<[string, Fault, { creates: number }]>([
    ['HTTP 503 after the order was stored', { kind: 'http', status: 503, body: 'json', commit: 'after' }, { creates: 1 }],
    ['HTTP 500 (an HTML page) before anything was stored', { kind: 'http', status: 500, body: 'html', commit: 'before' }, { creates: 2 }],
    ['a reply slower than the call timeout, after storing', { kind: 'delay', ms: 3 * TIMEOUT_MS, commit: 'after' }, { creates: 1 }],
    ['a reply slower than the call timeout, before storing', { kind: 'delay', ms: 3 * TIMEOUT_MS, commit: 'before' }, { creates: 2 }],
    ['a connection reset mid-reply, after storing', { kind: 'reset', commit: 'after' }, { creates: 1 }],
    ['a connection reset before storing', { kind: 'reset', commit: 'before' }, { creates: 2 }],
    ['a 429 with Retry-After', { kind: 'rate_limit', retryAfterSec: 1 }, { creates: 2 }],
    ['a truncated reply after storing', { kind: 'malformed', variant: 'truncated', commit: 'after' }, { creates: 1 }],
    ['a GBK-encoded reply after storing', { kind: 'malformed', variant: 'gbk_body', commit: 'after' }, { creates: 1 }],
    ['garbled inner JSON after storing', { kind: 'malformed', variant: 'bad_inner_json', commit: 'after' }, { creates: 1 }],
    ['a gateway HTML page with status 200, before storing', { kind: 'malformed', variant: 'html_200', commit: 'before' }, { creates: 2 }],
  ])('%s: the shipment is created once', { timeout: 30_000 }, async (_what, fault, expected) => {
    const w = (world = await openDispatchCliWorld())
    const { clientOrderId } = await shippedCase(w)
    await w.sim.faults({ match: { serviceCode: CREATE }, fault })

    const drained = await drain(w)

    expect(drained).toMatchObject({ code: 0, err: [] })
    expect(drainCounts(drained)).toEqual({ created: 1, waiting: 0, parked: 0 })
    const creates = await w.calls(CREATE, clientOrderId)
    expect(creates).toHaveLength(expected.creates)
    expect(creates.filter((c) => c.stored)).toHaveLength(1)
    const [listed] = JSON.parse((await w.cli(['dispatch', 'list', '--data', w.dataDir, '--json'])).out[0]!) as Array<{ waybillNo: string; status: string }>
    expect(listed).toMatchObject({ waybillNo: creates.find((c) => c.stored)!.waybillNo, status: 'created' })
  })

  it('an expired token (token auth) is fetched again and the create goes through once', { timeout: 30_000 }, async () => {
    const w = (world = await openDispatchCliWorld())
    const { clientOrderId } = await shippedCase(w, 'token')
    await w.sim.faults({ match: { serviceCode: CREATE }, fault: { kind: 'token_expired' } })
    const drained = await drain(w)
    expect(drainCounts(drained)).toEqual({ created: 1, waiting: 0, parked: 0 })
    expect((await w.calls(CREATE, clientOrderId)).map((c) => c.outcome)).toEqual(['fault token_expired', 'ok'])
  })

  it.each<[string, Fault, RegExp]>([
    ['an invalid digest (A1006)', { kind: 'api_code', apiResultCode: 'A1006' }, /数字签名无效/],
    ['a request taken as expired (A1002)', { kind: 'api_code', apiResultCode: 'A1002' }, /核对本机时钟/],
    ['an IP not allowed (A1003)', { kind: 'api_code', apiResultCode: 'A1003' }, /不允许本机 IP/],
    ['no permission for the service (A1004)', { kind: 'api_code', apiResultCode: 'A1004' }, /无此服务权限/],
    ['a missing parameter (A1001)', { kind: 'api_code', apiResultCode: 'A1001' }, /缺少必填参数/],
    ['a business refusal', { kind: 'biz_error', errorCode: '20052', errorMsg: '收件地址超出派送范围' }, /收件地址超出派送范围/],
  ])('%s: parked for a person, shown by the drain, nothing created', { timeout: 30_000 }, async (_what, fault, reason) => {
    const w = (world = await openDispatchCliWorld())
    const { caseNo, clientOrderId } = await shippedCase(w)
    await w.sim.faults({ match: { serviceCode: CREATE }, fault })

    const drained = await drain(w)

    expect(drained.code).toBe(0)
    expect(drainCounts(drained)).toEqual({ created: 0, waiting: 0, parked: 1 })
    expect(drained.err).toHaveLength(1)
    expect(drained.err[0]).toMatch(new RegExp(`^搁置待人工处理：办件 ${caseNo}（外发作业 #\\d+）：`))
    expect(drained.err[0]).toMatch(reason)
    expect(drained.err[0]).not.toContain(SIM_CHECK_WORD)
    expect((await w.calls(CREATE, clientOrderId)).filter((c) => c.stored)).toEqual([])
  })
})
