/**
 * The real SF adapter against the real simulator over HTTP, for every fault
 * of specs/dispatch.md §C2: each failure arrives as the class the outbox acts
 * on, and a create whose reply was lost is found by its order id exactly once.
 */
import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CarrierError } from '../../main/dispatch/carrierAdapter'
import { isValidWaybillNo } from '../../main/domain/dispatch/waybillCheck'
import type { FaultRule } from '../../main/emulators/carrierSimFaults'
import { shipmentRequest, SIM_CHECK_WORD, startSim, type SimCallView, type SimHarness } from '../fixtures/carrierSimHarness'

let h: SimHarness
beforeEach(async () => {
  h = await startSim()
})
afterEach(async () => {
  await h.stop()
})

const CREATE = 'EXP_RECE_CREATE_ORDER'
const SEARCH = 'EXP_RECE_SEARCH_ORDER_RESP'

async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(CarrierError)
  return err as CarrierError
}

async function storedCreates(orderId: string): Promise<SimCallView[]> {
  const calls = await h.control<SimCallView[]>('GET', `calls?serviceCode=${CREATE}&orderId=${encodeURIComponent(orderId)}`)
  return calls.filter((c) => c.stored)
}

describe('SF adapter against the simulator: a create', () => {
  it('gets a waybill with a valid check digit and the route label data', async () => {
    const req = shipmentRequest()
    const created = await h.adapter().createShipment(req, h.ctx())
    expect(created.waybillNo).toBe('SF1000000000011')
    expect(isValidWaybillNo(created.waybillNo)).toBe(true)
    expect(created.routeLabel).toMatchObject({ waybillNo: 'SF1000000000011', destCode: '755', proCode: 'T6' })
    expect(created.routeLabel?.destRouteLabel).toMatch(/^755W-\d{3}$/)
    expect(await storedCreates(req.clientOrderId)).toHaveLength(1)
  })

  it('answers a second create of the same order id with 8016, which the lookup resolves to the first waybill', async () => {
    const req = shipmentRequest()
    const adapter = h.adapter()
    const first = await adapter.createShipment(req, h.ctx())
    const err = await failure(adapter.createShipment(req, h.ctx()))
    expect(err).toMatchObject({ cls: 'conflict', code: '8016' })
    expect(err.isDuplicateOrder).toBe(true)
    expect((await adapter.findByClientOrderId(req.clientOrderId, h.ctx()))?.waybillNo).toBe(first.waybillNo)
    expect(await storedCreates(req.clientOrderId)).toHaveLength(1)
  })

  it('gets the first waybill again when the carrier returns the first order for a repeated id', async () => {
    await h.control('POST', 'reset', { duplicateOrderMode: 'return_first' })
    const req = shipmentRequest()
    const adapter = h.adapter()
    const first = await adapter.createShipment(req, h.ctx())
    const again = await adapter.createShipment({ ...req, recipient: { ...req.recipient, name: '李四' } }, h.ctx())
    expect(again.waybillNo).toBe(first.waybillNo)
    expect(await storedCreates(req.clientOrderId)).toHaveLength(1)
  })

  it('refuses an address the carrier does not serve as a permanent validation error', async () => {
    await h.control('POST', 'reset', { unserviceableCounties: ['南山区'] })
    const err = await failure(h.adapter().createShipment(shipmentRequest(), h.ctx()))
    expect(err).toMatchObject({ cls: 'validation', code: 'FILTER_3', retryable: false })
    expect(err.message).toContain('不在承运商收派范围')
  })

  it("passes on the carrier's field check in its own words", async () => {
    const err = await failure(h.adapter({ monthlyCard: undefined }).createShipment(shipmentRequest(), h.ctx()))
    expect(err).toMatchObject({ cls: 'validation', code: 'SIM_FIELD_monthlyCard' })
    expect(err.detail.field).toBe('monthlyCard')
    expect(err.message).toContain('月结卡号')
  })
})

// Each way the reply to a stored create can be lost (commit 'after').
const lostReplies: Array<{ name: string; fault: FaultRule['fault']; timeoutMs?: number }> = [
  { name: 'HTTP 503 with a JSON body', fault: { kind: 'http', status: 503, body: 'json', commit: 'after' } },
  { name: 'HTTP 502 gateway page', fault: { kind: 'http', status: 502, body: 'html', commit: 'after' } },
  { name: 'HTTP 500 with no body', fault: { kind: 'http', status: 500, body: 'empty', commit: 'after' } },
  { name: 'connection reset mid-reply', fault: { kind: 'reset', commit: 'after' } },
  { name: 'a reply slower than the client waits', fault: { kind: 'delay', ms: 60_000, commit: 'after' }, timeoutMs: 300 },
  { name: 'a truncated body', fault: { kind: 'malformed', variant: 'truncated', commit: 'after' } },
  { name: 'an HTML page with 200', fault: { kind: 'malformed', variant: 'html_200', commit: 'after' } },
  { name: 'garbled inner JSON', fault: { kind: 'malformed', variant: 'bad_inner_json', commit: 'after' } },
  { name: 'GBK bytes labelled UTF-8', fault: { kind: 'malformed', variant: 'gbk_body', commit: 'after' } },
]

describe('SF adapter against the simulator: a create whose reply is lost', () => {
  it.each(lostReplies)('after $name is unknown_outcome, and the lookup finds exactly one order', async ({ fault, timeoutMs }) => {
    const req = shipmentRequest()
    await h.faults({ match: { serviceCode: CREATE }, fault })
    const adapter = h.adapter()
    const err = await failure(adapter.createShipment(req, h.ctx(timeoutMs)))
    expect(err.cls).toBe('unknown_outcome')
    expect(err.retryable).toBe(true)

    const found = await adapter.findByClientOrderId(req.clientOrderId, h.ctx())
    expect(found?.waybillNo).toBe('SF1000000000011')
    const stored = await storedCreates(req.clientOrderId)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.waybillNo).toBe(found?.waybillNo)
  })

  it.each([
    { name: 'HTTP 500', fault: { kind: 'http', status: 500, body: 'json', commit: 'before' } as const },
    { name: 'a reset', fault: { kind: 'reset', commit: 'before' } as const },
    { name: 'a truncated body', fault: { kind: 'malformed', variant: 'truncated', commit: 'before' } as const },
  ])('before commit ($name) is unknown_outcome too, and the lookup finds nothing to adopt', async ({ fault }) => {
    const req = shipmentRequest()
    await h.faults({ match: { serviceCode: CREATE }, fault })
    const adapter = h.adapter()
    expect((await failure(adapter.createShipment(req, h.ctx()))).cls).toBe('unknown_outcome')
    expect(await adapter.findByClientOrderId(req.clientOrderId, h.ctx())).toBeNull()
    expect(await storedCreates(req.clientOrderId)).toHaveLength(0)
    // Now the create may be sent: one order in the end.
    await adapter.createShipment(req, h.ctx())
    expect(await storedCreates(req.clientOrderId)).toHaveLength(1)
  })

  it('is transient, not uncertain, when the carrier cannot be reached at all (nothing was sent)', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    const err = await failure(h.adapter({ url: `http://127.0.0.1:${closedPort}` }).createShipment(shipmentRequest(), h.ctx()))
    expect(err).toMatchObject({ cls: 'transient', code: 'ECONNREFUSED' })
  })
})

describe('SF adapter against the simulator: the same faults on a read are transient', () => {
  it.each<FaultRule['fault']>([
    { kind: 'http', status: 503, body: 'json', commit: 'before' },
    { kind: 'reset', commit: 'after' },
    { kind: 'malformed', variant: 'bad_inner_json', commit: 'after' },
    { kind: 'malformed', variant: 'gbk_body', commit: 'before' },
  ])('%o', async (fault) => {
    await h.faults({ match: { serviceCode: SEARCH }, fault })
    expect((await failure(h.adapter().findByClientOrderId('OW-none', h.ctx()))).cls).toBe('transient')
  })

  it('a read slower than the client waits', async () => {
    await h.faults({ match: { serviceCode: SEARCH }, fault: { kind: 'delay', ms: 60_000, commit: 'before' } })
    expect(await failure(h.adapter().findByClientOrderId('OW-none', h.ctx(200)))).toMatchObject({ cls: 'transient', code: 'TIMEOUT' })
  })
})

describe('SF adapter against the simulator: gateway and business refusals', () => {
  it('429 is rate_limited with the wait from Retry-After', async () => {
    await h.faults({ match: {}, fault: { kind: 'rate_limit', retryAfterSec: 7 } })
    const err = await failure(h.adapter().createShipment(shipmentRequest(), h.ctx()))
    expect(err).toMatchObject({ cls: 'rate_limited', retryable: true })
    expect(err.detail.retryAfterMs).toBe(7000)
  })

  it("the simulator's own bucket answers 429 once a partner's tokens are spent", async () => {
    await h.control('POST', 'reset', { rateLimitPerSec: 0.001 })
    const adapter = h.adapter()
    await adapter.findByClientOrderId('OW-a', h.ctx())
    const err = await failure(adapter.findByClientOrderId('OW-b', h.ctx()))
    expect(err.cls).toBe('rate_limited')
    expect(err.detail.retryAfterMs).toBeGreaterThan(0)
  })

  it.each([
    ['A1001', 'validation'],
    ['A1002', 'clock'],
    ['A1003', 'auth'],
    ['A1004', 'auth'],
    ['A1006', 'auth'],
  ] as const)('api code %s is %s and not retried', async (apiResultCode, cls) => {
    await h.faults({ match: {}, fault: { kind: 'api_code', apiResultCode } })
    const err = await failure(h.adapter().createShipment(shipmentRequest(), h.ctx()))
    expect(err).toMatchObject({ cls, code: apiResultCode, retryable: false })
  })

  it('a wrong check word is auth (A1006), and the word is in no error text', async () => {
    const err = await failure(h.adapter({ checkWord: 'WRONG-CHECK-WORD' }).createShipment(shipmentRequest(), h.ctx()))
    expect(err).toMatchObject({ cls: 'auth', code: 'A1006' })
    expect(err.message).toContain('数字签名无效')
  })

  it('a PC clock ten minutes slow is clock (A1002)', async () => {
    const slow = () => new Date(h.sim.clock.now() - 600_000)
    const err = await failure(h.adapter().createShipment(shipmentRequest(), h.ctx(5000, slow)))
    expect(err).toMatchObject({ cls: 'clock', code: 'A1002' })
    expect(err.message).toContain('请核对本机时钟')
  })

  it('a business error 8016 is the duplicate marker; another is validation in the carrier words', async () => {
    await h.faults(
      { match: { serviceCode: CREATE }, fault: { kind: 'biz_error', errorCode: '8016', errorMsg: '重复下单' } },
      { match: { serviceCode: CREATE }, fault: { kind: 'biz_error', errorCode: '20052', errorMsg: '月结卡号不匹配' } },
    )
    const adapter = h.adapter()
    expect(await failure(adapter.createShipment(shipmentRequest(), h.ctx()))).toMatchObject({ cls: 'conflict', isDuplicateOrder: true })
    expect(await failure(adapter.createShipment(shipmentRequest(), h.ctx()))).toMatchObject({ cls: 'validation', code: '20052', message: '月结卡号不匹配' })
  })

  it('scrubs the check word from anything the carrier echoes back', async () => {
    await h.faults({ match: {}, fault: { kind: 'biz_error', errorCode: 'X1', errorMsg: `签名原文含 ${SIM_CHECK_WORD} 字样` } })
    const err = await failure(h.adapter().createShipment(shipmentRequest(), h.ctx()))
    expect(err.message).toBe('签名原文含 *** 字样')
    expect(JSON.stringify(err.detail)).not.toContain(SIM_CHECK_WORD)
  })

  it('an expired token is auth when signing by digest', async () => {
    await h.faults({ match: {}, fault: { kind: 'token_expired' } })
    expect((await failure(h.adapter().createShipment(shipmentRequest(), h.ctx()))).cls).toBe('auth')
  })

  it('in token mode an expired token is fetched again once, and the create goes through once', async () => {
    const req = shipmentRequest()
    const adapter = h.adapter({ auth: 'token' })
    await adapter.findByClientOrderId(req.clientOrderId, h.ctx())
    await h.faults({ match: { serviceCode: CREATE }, fault: { kind: 'token_expired' } })
    expect((await adapter.createShipment(req, h.ctx())).waybillNo).toBe('SF1000000000011')
    const tokenCalls = (await h.control<SimCallView[]>('GET', 'calls')).filter((c) => c.serviceCode === undefined)
    expect(tokenCalls).toHaveLength(2)
    expect(await storedCreates(req.clientOrderId)).toHaveLength(1)
  })
})
