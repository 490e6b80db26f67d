import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { openStore, type Store } from '../../../main/store/store'
import { tempDataDir } from '../../fixtures/caseWorld'
import { aNewShipment, aShipmentAt } from '../../fixtures/shipmentBuilder'
import { refusal } from '../../fixtures/refusal'

const T0 = new Date(Date.UTC(2026, 2, 2, 2, 0))
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000)
const CASE_A = '320300202603020010001'
const CASE_B = '320300202603020010002'
const CASE_C = '320300202603020010003'

let dir: string
let store: Store

beforeEach(() => {
  dir = tempDataDir('onewindow-shipments-')
  store = openStore({ dataDir: dir, keyProvider: new FileKeyProvider(dir) })
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a shipment of a case', () => {
  it('gets its client order id before any carrier call, numbered per station', () => {
    const a = store.shipments.create(aNewShipment(CASE_A, T0))
    const b = store.shipments.create(aNewShipment(CASE_B, T0))
    const other = store.shipments.create(aNewShipment(CASE_C, T0, { stationId: '002' }))
    expect([a.clientOrderId, b.clientOrderId, other.clientOrderId]).toEqual(['OW001-000001-1', 'OW001-000002-1', 'OW002-000001-1'])
    expect(a).toMatchObject({ status: 'queued', waybillNo: null, generation: 1, statusAt: '2026-03-02T02:00:00.000Z', createdAt: '2026-03-02T02:00:00.000Z' })
    expect(store.shipments.findByClientOrderId('OW001-000002-1')?.caseNo).toBe(CASE_B)
    expect(a.recipient).toMatchObject({ name: '张建国', phone: '13951234567', divisionCode: '320302' })
  })

  it('is one live shipment per case: a second is refused until the first is cancelled, which the next generation of the same number replaces', () => {
    const first = store.shipments.create(aNewShipment(CASE_A, T0))
    store.shipments.create(aNewShipment(CASE_B, T0))
    const twice = refusal(() => store.shipments.create(aNewShipment(CASE_A, later(1))))
    expect(twice).toMatchObject({ code: 'CONFLICT', field: 'caseNo' })
    expect(twice.message).toContain('OW001-000001-1')

    store.shipments.setStatus(first.id, 'cancelled', later(2))
    const again = store.shipments.create(aNewShipment(CASE_A, later(3)))
    expect(again).toMatchObject({ clientOrderId: 'OW001-000001-2', generation: 2, status: 'queued' })
    expect(store.shipments.findByCase(CASE_A)?.id).toBe(again.id)
    expect(store.shipments.listByCase(CASE_A).map((s) => s.status)).toEqual(['queued', 'cancelled'])
  })

  it('is one live shipment per case in the schema too, whoever writes the row', () => {
    store.shipments.create(aNewShipment(CASE_A, T0))
    const copy = `INSERT INTO shipments (case_no, carrier, order_seq, generation, client_order_id, status, status_rank, status_at, recipient, operator, station_id, created_at, updated_at)
      SELECT case_no, carrier, 9, 1, 'OW001-000009-1', 'queued', 0, status_at, recipient, operator, station_id, created_at, updated_at FROM shipments`
    expect(() => store.db.prepare(copy).run()).toThrow(/UNIQUE constraint failed: shipments.case_no/)
  })

  it('binds one waybill: the same one again is a no-op, another one or one used by another case is refused', () => {
    const a = store.shipments.create(aNewShipment(CASE_A, T0))
    const bound = store.shipments.bindWaybill(a.id, { waybillNo: 'SF1000000000011', routeLabel: { destRouteLabel: '755WE-571A3' }, at: later(1) })
    expect(bound).toMatchObject({ status: 'created', waybillNo: 'SF1000000000011', routeLabel: { destRouteLabel: '755WE-571A3' } })
    expect(store.shipments.bindWaybill(a.id, { waybillNo: 'SF1000000000011', at: later(2) }).statusAt).toBe(bound.statusAt)
    expect(refusal(() => store.shipments.bindWaybill(a.id, { waybillNo: 'SF1000000000022', at: later(2) }))).toMatchObject({ code: 'CONFLICT', field: 'waybillNo' })

    const b = store.shipments.create(aNewShipment(CASE_B, T0))
    const taken = refusal(() => store.shipments.bindWaybill(b.id, { waybillNo: 'SF1000000000011', at: later(3) }))
    expect(taken.message).toContain(CASE_A)
    expect(store.shipments.findByWaybill('SF1000000000011')?.caseNo).toBe(CASE_A)
  })
})

describe('shipment status', () => {
  it('only moves up in rank: a late lower event changes nothing, a delivered parcel stays delivered', () => {
    const s = aShipmentAt(store, CASE_A, 'SF1000000000011', 'label_printed', T0)
    expect(store.shipments.setStatus(s.id, 'in_transit', later(10))).toMatchObject({ changed: true, status: 'in_transit' })
    expect(store.shipments.setStatus(s.id, 'created', later(20))).toEqual({ changed: false, status: 'in_transit' })
    expect(store.shipments.setStatus(s.id, 'delivered', later(30))).toMatchObject({ changed: true, status: 'delivered' })
    expect(store.shipments.setStatus(s.id, 'out_for_delivery', later(40))).toEqual({ changed: false, status: 'delivered' })
    expect(store.shipments.findById(s.id)).toMatchObject({ status: 'delivered', statusRank: 100, statusAt: later(30).toISOString() })
  })

  it('lets a newer re-attempt follow a failed delivery, but not an older event', () => {
    const s = aShipmentAt(store, CASE_A, 'SF1000000000011', 'label_printed', T0)
    store.shipments.setStatus(s.id, 'failed', later(60))
    expect(store.shipments.setStatus(s.id, 'out_for_delivery', later(30)).changed).toBe(false)
    expect(store.shipments.setStatus(s.id, 'out_for_delivery', later(90))).toMatchObject({ changed: true, status: 'out_for_delivery' })
  })

  it('counts label prints for the reprint mark', () => {
    const s = aShipmentAt(store, CASE_A, 'SF1000000000011', 'created', T0)
    expect(store.shipments.recordLabelPrint(s.id, later(1))).toBe(1)
    expect(store.shipments.recordLabelPrint(s.id, later(2))).toBe(2)
  })
})

describe('tracking events', () => {
  const events = [
    { carrierEventId: 'r1', at: '2026-03-02T14:00:00+08:00', code: '54', status: 'in_transit' as const, description: '已收取快件', location: '徐州' },
    { at: '2026-03-03T09:00:00+08:00', code: '44', status: 'out_for_delivery' as const, description: '派送中', location: '南京' },
  ]

  it('keeps each event once, however often push and poll report it', () => {
    const s = aShipmentAt(store, CASE_A, 'SF1000000000011', 'label_printed', T0)
    expect(store.shipments.addTrackingEvents(s.id, events, later(100))).toHaveLength(2)
    expect(store.shipments.addTrackingEvents(s.id, [...events].reverse(), later(200))).toEqual([])
    const stored = store.shipments.trackingEvents(s.id)
    expect(stored.map((e) => [e.code, e.at])).toEqual([
      ['54', '2026-03-02T06:00:00.000Z'],
      ['44', '2026-03-03T01:00:00.000Z'],
    ])
    expect(stored[0]).toMatchObject({ dedupKey: 'id:r1', receivedAt: later(100).toISOString() })
  })

  it('keeps an event once when the carrier pushes it with its route id and a poll reports it again without one', () => {
    const s = aShipmentAt(store, CASE_A, 'SF1000000000011', 'label_printed', T0)
    const pushed = { carrierEventId: 'SF1000000000011-01', at: '2026-03-02T14:00:00+08:00', code: '50', status: 'in_transit' as const, description: '已收取快件', location: '徐州市' }
    const { carrierEventId: _id, ...polled } = pushed
    expect(store.shipments.addTrackingEvents(s.id, [pushed], later(100))).toHaveLength(1)
    expect(store.shipments.addTrackingEvents(s.id, [polled], later(200))).toEqual([])
    // And the other way round: polled first, then pushed.
    const next = { at: '2026-03-02T16:00:00+08:00', code: '30', status: null, description: '完成分拣', location: '徐州市' }
    expect(store.shipments.addTrackingEvents(s.id, [next], later(300))).toHaveLength(1)
    expect(store.shipments.addTrackingEvents(s.id, [{ ...next, carrierEventId: 'SF1000000000011-02' }], later(400))).toEqual([])
    expect(store.shipments.trackingEvents(s.id).map((e) => e.code)).toEqual(['50', '30'])
  })

  it('refuses an event time it cannot read, naming the waybill', () => {
    const s = aShipmentAt(store, CASE_A, 'SF1000000000011', 'label_printed', T0)
    const e = refusal(() => store.shipments.addTrackingEvents(s.id, [{ at: '明天', code: '80', status: 'delivered', description: '已签收' }], T0))
    expect(e).toMatchObject({ code: 'BAD_INPUT' })
    expect(e.message).toContain('SF1000000000011')
    expect(store.shipments.trackingEvents(s.id)).toEqual([])
  })

  it('lists returns and failed deliveries as exceptions with the carrier’s reason', () => {
    const returned = aShipmentAt(store, CASE_A, 'SF1000000000011', 'label_printed', T0)
    const fine = aShipmentAt(store, CASE_B, 'SF1000000000022', 'label_printed', T0)
    store.shipments.setStatus(returned.id, 'returned', later(10))
    store.shipments.setException(returned.id, '收件人拒收', later(10))
    store.shipments.setStatus(fine.id, 'in_transit', later(10))
    expect(store.shipments.exceptions().map((s) => [s.caseNo, s.status, s.exceptionReason])).toEqual([[CASE_A, 'returned', '收件人拒收']])
    expect(store.shipments.list().map((s) => s.caseNo)).toEqual([CASE_B, CASE_A])
    expect(store.shipments.list({ status: 'in_transit' }).map((s) => s.caseNo)).toEqual([CASE_B])
  })
})
