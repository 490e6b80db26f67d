/**
 * The simulated carrier's own contract (specs/dispatch.md §C1, §C2), spoken
 * to raw over HTTP: the gateway's checks in order, the requestID replay, the
 * control plane's token, tracking on the simulator's clock, and route pushes
 * retried until acknowledged.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sfMsgDigest } from '../../main/dispatch/sfDigest'
import { SIM_CHECK_WORD, SIM_PARTNER, SIM_START, shipmentRequest, startSim, type SimHarness } from '../fixtures/carrierSimHarness'
import { waitFor } from '../fixtures/waitFor'

let h: SimHarness
const servers: Server[] = []
beforeEach(async () => {
  h = await startSim()
})
afterEach(async () => {
  await h.stop()
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

interface Envelope {
  apiResultCode: string
  apiErrorMsg: string
  apiResultData: string | null
}

function signedForm(msgData: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const timestamp = overrides.timestamp ?? String(h.sim.clock.now())
  const form: Record<string, string | undefined> = {
    partnerID: SIM_PARTNER,
    requestID: randomUUID(),
    serviceCode: 'EXP_RECE_SEARCH_ORDER_RESP',
    timestamp,
    msgDigest: sfMsgDigest(msgData, timestamp, SIM_CHECK_WORD),
    msgData,
    ...overrides,
  }
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined))
}

async function post(form: Record<string, string>): Promise<{ text: string; envelope: Envelope }> {
  const response = await fetch(`${h.sim.url}/std/service`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(form).toString(),
  })
  const text = await response.text()
  return { text, envelope: JSON.parse(text) as Envelope }
}

const search = JSON.stringify({ orderId: 'OW-none' })

describe('carrier simulator gateway', () => {
  it('checks in order: a missing field (A1001) before an unknown partner (A1004)', async () => {
    const { envelope } = await post(signedForm(search, { partnerID: 'NOBODY', msgDigest: undefined }))
    expect(envelope.apiResultCode).toBe('A1001')
    expect(envelope.apiErrorMsg).toContain('msgDigest')
    expect((await post(signedForm(search, { partnerID: 'NOBODY' }))).envelope.apiResultCode).toBe('A1004')
  })

  it('refuses a timestamp more than 300 s off its clock (A1002), in milliseconds or seconds', async () => {
    const old = String(h.sim.clock.now() - 301_000)
    expect((await post(signedForm(search, { timestamp: old }))).envelope.apiResultCode).toBe('A1002')
    const seconds = String(Math.floor(h.sim.clock.now() / 1000))
    expect((await post(signedForm(search, { timestamp: seconds }))).envelope.apiResultCode).toBe('A1000')
  })

  it('refuses the digest computed without urlencoding (A1006), and says so', async () => {
    const msgData = JSON.stringify({ orderId: 'OW-ST01-000001-1', remark: '证照 *~' })
    const timestamp = String(h.sim.clock.now())
    const raw = createHash('md5').update(msgData + timestamp + SIM_CHECK_WORD, 'utf8').digest('base64')
    const { envelope } = await post(signedForm(msgData, { timestamp, msgDigest: raw }))
    expect(envelope.apiResultCode).toBe('A1006')
    expect(envelope.apiErrorMsg).toContain('未做 URL 编码')
    expect((await post(signedForm(msgData, { timestamp }))).envelope.apiResultCode).toBe('A1000')
  })

  it('replays the stored reply byte for byte for a repeated requestID, and refuses it with another body', async () => {
    const form = signedForm(search)
    const first = await post(form)
    const again = await post(form)
    expect(again.text).toBe(first.text)
    const other = JSON.stringify({ orderId: 'OW-other' })
    const { envelope } = await post({ ...signedForm(other), requestID: form.requestID! })
    expect(envelope.apiResultCode).toBe('SIM_REQUEST_ID_REUSED')
  })

  it('stores one order for a replayed create', async () => {
    const req = shipmentRequest()
    const msgData = JSON.stringify({ orderId: req.clientOrderId, monthlyCard: '7551234567', payMethod: 1, cargoDetails: [{ name: '证照' }], contactInfoList: [
      { contactType: 1, contact: '窗口', tel: '0516-83801234', province: '江苏省', city: '徐州市', county: '云龙区', address: '元和路1号' },
      { contactType: 2, contact: '张三', mobile: '13812345678', province: '广东省', city: '深圳市', county: '南山区', address: '软件园' },
    ] })
    const form = signedForm(msgData, { serviceCode: 'EXP_RECE_CREATE_ORDER' })
    const first = await post(form)
    expect((await post(form)).text).toBe(first.text)
    const orders = await h.control<Array<{ orderId: string }>>('GET', 'orders')
    expect(orders.filter((o) => o.orderId === req.clientOrderId)).toHaveLength(1)
  })

  it('limits a route query to 10 waybills (A1001)', async () => {
    const msgData = JSON.stringify({ trackingType: 1, trackingNumber: Array.from({ length: 11 }, () => 'SF1000000000011') })
    expect((await post(signedForm(msgData, { serviceCode: 'EXP_RECE_SEARCH_ROUTES' }))).envelope.apiResultCode).toBe('A1001')
  })
})

describe('carrier simulator control plane', () => {
  it('refuses a request without the admin token', async () => {
    const response = await fetch(`${h.sim.url}/__sim/orders`)
    expect(response.status).toBe(401)
    const wrong = await fetch(`${h.sim.url}/__sim/orders`, { headers: { 'x-sim-admin': 'guess' } })
    expect(wrong.status).toBe(401)
  })

  it('refuses a fault rule it does not know, naming the problem', async () => {
    await expect(h.control('POST', 'faults', { rules: [{ fault: { kind: 'meteor' } }] })).rejects.toThrow(/HTTP 400.*故障规则无效/)
  })

  it('fires a rule on the nth matching request only, for the given number of times', async () => {
    await h.faults({ match: { serviceCode: 'EXP_RECE_SEARCH_ORDER_RESP', nth: 2, times: 1 }, fault: { kind: 'api_code', apiResultCode: 'A1003' } })
    const codes: string[] = []
    for (let i = 0; i < 3; i++) codes.push((await post(signedForm(search))).envelope.apiResultCode)
    expect(codes).toEqual(['A1000', 'A1003', 'A1000'])
  })

  it('sets, advances and reports its clock', async () => {
    expect(await h.control('GET', 'clock')).toEqual({ now: SIM_START.toISOString(), running: false })
    expect(await h.control('POST', 'clock', { advanceMs: 90_000 })).toEqual({ now: '2025-03-18T02:01:30.000Z', running: false })
    expect(await h.control('POST', 'clock', { set: '2025-06-01T00:00:00+08:00' })).toMatchObject({ now: '2025-05-31T16:00:00.000Z' })
  })
})

describe('carrier simulator tracking', () => {
  it('has no routes before pickup, then advances with its clock to delivered', async () => {
    const adapter = h.adapter()
    const { waybillNo } = await adapter.createShipment(shipmentRequest(), h.ctx())
    expect((await adapter.track([waybillNo], h.ctx()))[0]).toMatchObject({ events: [], status: null, isDelivered: false })

    await h.control('POST', 'pickup', { waybillNos: [waybillNo] })
    await h.control('POST', 'clock', { advanceMs: 3 * 3_600_000 })
    const moving = (await adapter.track([waybillNo], h.ctx()))[0]!
    expect(moving.events.map((e) => e.code)).toEqual(['50', '30', '36'])
    expect(moving.events[0]).toMatchObject({ at: '2025-03-18T10:00:00+08:00', status: 'in_transit', description: '顺丰速运 已收取快件', location: '徐州市' })
    expect(moving.status).toBe('in_transit')

    await h.control('POST', 'clock', { advanceMs: 21 * 3_600_000 })
    const done = (await adapter.track([waybillNo], h.ctx()))[0]!
    expect(done.events.map((e) => e.code)).toEqual(['50', '30', '36', '31', '130', '44', '80'])
    expect(done).toMatchObject({ status: 'delivered', isDelivered: true })
  })

  it('plays a refusal through to returned, with the reason from the remark', async () => {
    const adapter = h.adapter()
    const { waybillNo } = await adapter.createShipment(shipmentRequest(), h.ctx())
    await h.control('POST', 'scenario', { waybillNo, scenario: 'refused' })
    await h.control('POST', 'pickup', { waybillNos: [waybillNo] })
    await h.control('POST', 'clock', { advanceMs: 30 * 3_600_000 })
    const snapshot = (await adapter.track([waybillNo], h.ctx()))[0]!
    expect(snapshot.events.find((e) => e.code === '70')).toMatchObject({ status: 'failed', reason: 'consignee_refused' })
    expect(snapshot.status).toBe('returned')
  })

  it('lists events out of order in that scenario, and the latest status still comes from the times', async () => {
    const adapter = h.adapter()
    const { waybillNo } = await adapter.createShipment(shipmentRequest(), h.ctx())
    await h.control('POST', 'scenario', { waybillNo, scenario: 'out_of_order' })
    await h.control('POST', 'pickup', { waybillNos: [waybillNo] })
    await h.control('POST', 'clock', { advanceMs: 22 * 3_600_000 })
    const snapshot = (await adapter.track([waybillNo], h.ctx()))[0]!
    expect(snapshot.events.map((e) => e.code)).toEqual(['50', '31', '36', '30', '130', '44'])
    expect(snapshot.status).toBe('out_for_delivery')
  })

  it('cancels once, says already cancelled after, and refuses once the courier has the parcel', async () => {
    const adapter = h.adapter()
    const a = shipmentRequest()
    const created = await adapter.createShipment(a, h.ctx())
    expect(await adapter.cancelShipment({ clientOrderId: a.clientOrderId, waybillNo: created.waybillNo }, h.ctx())).toBe('cancelled')
    expect(await adapter.cancelShipment({ clientOrderId: a.clientOrderId }, h.ctx())).toBe('already_cancelled')
    expect((await adapter.findByClientOrderId(a.clientOrderId, h.ctx()))?.isCancelled).toBe(true)

    const b = shipmentRequest()
    const picked = await adapter.createShipment(b, h.ctx())
    await h.control('POST', 'pickup', { waybillNos: [picked.waybillNo] })
    await expect(adapter.cancelShipment({ clientOrderId: b.clientOrderId }, h.ctx())).rejects.toMatchObject({ cls: 'conflict', code: 'SIM_CANNOT_CANCEL_PICKED_UP' })
  })

  it('pushes each new event, retries until acknowledged, and sends duplicates when told', async () => {
    const received: Array<{ id: string; opCode: string; secret: string | undefined }> = []
    let refusals = 1
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        if (refusals-- > 0) {
          res.writeHead(500).end()
          return
        }
        const routes = (JSON.parse(body) as { Body: { WaybillRoute: Array<{ id: string; opCode: string }> } }).Body.WaybillRoute
        for (const route of routes) received.push({ id: route.id, opCode: route.opCode, secret: req.headers['x-push-secret'] as string | undefined })
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ return_code: '0000', return_msg: '成功' }))
      })
    })
    servers.push(receiver)
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/sf/push`

    const { waybillNo } = await h.adapter().createShipment(shipmentRequest(), h.ctx())
    await h.control('POST', 'push-config', { url, secretHeader: 'X-Push-Secret: s3cret', duplicatePush: true })
    await h.control('POST', 'pickup', { waybillNos: [waybillNo] })
    await waitFor('the pickup push after one refusal', () => received.length === 2)
    expect(received).toEqual([
      { id: `${waybillNo}-01`, opCode: '50', secret: 's3cret' },
      { id: `${waybillNo}-01`, opCode: '50', secret: 's3cret' },
    ])
    const deliveries = await h.control<Array<{ routeId: string; attempts: number; state: string }>>('GET', 'pushes')
    expect(deliveries).toEqual([expect.objectContaining({ routeId: `${waybillNo}-01`, attempts: 2, state: 'delivered' })])

    await h.control('POST', 'clock', { advanceMs: 2 * 3_600_000 })
    await waitFor('the sorting push', () => received.length === 4)
    expect(received.slice(2).map((r) => r.opCode)).toEqual(['30', '30'])
  })

  it('the adapter reads a push and answers with the success the carrier expects', () => {
    const body = new TextEncoder().encode(JSON.stringify({ Body: { WaybillRoute: [{ id: 'R9', mailno: 'SF1000000000011', orderid: 'OW1', acceptTime: '2025-03-19 10:00:00', acceptAddress: '深圳市', remark: '已签收，签收人：本人', opCode: '80' }] } }))
    const parsed = h.adapter().parsePush(body, {})
    expect(parsed.events).toEqual([
      { waybillNo: 'SF1000000000011', clientOrderId: 'OW1', event: { carrierEventId: 'R9', at: '2025-03-19T10:00:00+08:00', code: '80', status: 'delivered', description: '已签收，签收人：本人', location: '深圳市' } },
    ])
    expect(JSON.parse(parsed.ack.body)).toEqual({ return_code: '0000', return_msg: '成功' })
    expect(h.adapter().parsePush(new TextEncoder().encode('<xml/>'), {}).ack.status).toBe(400)
  })
})

