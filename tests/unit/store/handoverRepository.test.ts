import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { openStore, type Store } from '../../../main/store/store'
import { tempDataDir } from '../../fixtures/caseWorld'
import { aShipmentAt } from '../../fixtures/shipmentBuilder'
import { refusal } from '../../fixtures/refusal'

const T0 = new Date(Date.UTC(2026, 2, 2, 8, 0))
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000)
const SIGNATURE_SHA = 'a'.repeat(64)
const COURIER_ID = '320302198506122313'

let dir: string
let store: Store

beforeEach(() => {
  dir = tempDataDir('onewindow-handover-')
  store = openStore({ dataDir: dir, keyProvider: new FileKeyProvider(dir) })
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const open = (carrier = 'manual') => store.handover.openBatch({ carrier, stationId: '001', operator: 'A001', at: T0 })
const closing = (at: Date) => ({
  courierName: '刘快递',
  courierIdNumber: COURIER_ID,
  courierPhone: '13900001111',
  signatureFile: 'signatures/aaaa.png',
  signatureSha256: SIGNATURE_SHA,
  operator: 'A001',
  at,
})

describe('a handover batch (交接清单)', () => {
  it('is one open batch per carrier: opening again gives the same batch', () => {
    const batch = open()
    expect(open().id).toBe(batch.id)
    expect(open('http').id).not.toBe(batch.id)
    expect(store.handover.findOpenBatch('001', 'manual')?.id).toBe(batch.id)
  })

  it('takes a printed label once: scanning it again is a no-op', () => {
    const s = aShipmentAt(store, '320300202603020010001', 'SF1000000000011', 'label_printed', T0)
    const batch = open()
    const first = store.handover.addItem(batch.id, 'SF1000000000011', later(1))
    expect(first).toMatchObject({ isDuplicate: false, item: { shipmentId: s.id, caseNo: '320300202603020010001', recipientName: '张建国', status: 'label_printed' } })
    expect(store.handover.addItem(batch.id, 'SF1000000000011', later(2))).toMatchObject({ isDuplicate: true, item: { scannedAt: later(1).toISOString() } })
    expect(store.handover.items(batch.id)).toHaveLength(1)
    expect(store.shipments.findById(s.id)?.batchId).toBe(batch.id)
  })

  it.each([
    ['an unknown waybill', 'SF9999999999999', 'NOT_FOUND', /不是本站的寄递/],
    ['a label not printed yet', 'SF1000000000022', 'ILLEGAL_TRANSITION', /面单尚未打印确认（当前：已下单）/],
    ['a cancelled shipment', 'SF1000000000033', 'ILLEGAL_TRANSITION', /已取消/],
    ['another carrier’s parcel', 'SF1000000000044', 'CONFLICT', /属于承运商 http/],
  ])('refuses %s with the reason', (_what, waybillNo, code, message) => {
    aShipmentAt(store, '320300202603020010002', 'SF1000000000022', 'created', T0)
    const cancelled = aShipmentAt(store, '320300202603020010003', 'SF1000000000033', 'label_printed', T0)
    store.shipments.setStatus(cancelled.id, 'cancelled', later(1))
    aShipmentAt(store, '320300202603020010004', 'SF1000000000044', 'label_printed', T0, { carrier: 'http' })
    const batch = open()
    const e = refusal(() => store.handover.addItem(batch.id, waybillNo, later(2)))
    expect(e).toMatchObject({ code, field: 'waybillNo' })
    expect(e.message).toMatch(message)
    expect(store.handover.items(batch.id)).toEqual([])
  })

  it('refuses a parcel already handed over in an earlier batch, and any scan into a closed batch', () => {
    aShipmentAt(store, '320300202603020010001', 'SF1000000000011', 'label_printed', T0)
    aShipmentAt(store, '320300202603020010002', 'SF1000000000022', 'label_printed', T0)
    const first = open()
    store.handover.addItem(first.id, 'SF1000000000011', later(1))
    store.handover.closeBatch(first.id, closing(later(5)))

    const second = open()
    expect(second.id).not.toBe(first.id)
    const again = refusal(() => store.handover.addItem(second.id, 'SF1000000000011', later(6)))
    expect(again).toMatchObject({ code: 'CONFLICT', field: 'waybillNo' })
    expect(again.message).toContain(`已在交接批次 ${first.id} 中`)
    expect(refusal(() => store.handover.addItem(first.id, 'SF1000000000022', later(6)))).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'batchId' })
  })

  it('hands every parcel over on close, with the courier’s ID and phone kept masked only', () => {
    const a = aShipmentAt(store, '320300202603020010001', 'SF1000000000011', 'label_printed', T0)
    const b = aShipmentAt(store, '320300202603020010002', 'SF1000000000022', 'label_printed', T0)
    const batch = open()
    store.handover.addItem(batch.id, 'SF1000000000011', later(1))
    store.handover.addItem(batch.id, 'SF1000000000022', later(2))
    const closed = store.handover.closeBatch(batch.id, closing(later(5)))
    expect(closed).toMatchObject({
      closedAt: later(5).toISOString(),
      courierName: '刘快递',
      courierIdMasked: '3203**********2313',
      courierPhoneMasked: '139****1111',
      signatureSha256: SIGNATURE_SHA,
      closedBy: 'A001',
    })
    expect(closed.items.map((i) => i.status)).toEqual(['handed_over', 'handed_over'])
    for (const s of [a, b]) expect(store.shipments.findById(s.id)).toMatchObject({ status: 'handed_over', statusAt: later(5).toISOString() })
    const row = JSON.stringify(store.db.prepare('SELECT * FROM handover_batches').all())
    expect(row).not.toContain(COURIER_ID)
    expect(row).not.toContain('13900001111')
    expect(store.handover.findOpenBatch('001', 'manual')).toBeNull()
  })

  it('refuses to close an empty batch, and changes nothing', () => {
    const batch = open()
    expect(refusal(() => store.handover.closeBatch(batch.id, closing(later(5))))).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'batchId' })
    expect(store.handover.findBatch(batch.id)?.closedAt).toBeNull()
  })

  it('lets a parcel cancelled before the courier came leave the open batch', () => {
    const a = aShipmentAt(store, '320300202603020010001', 'SF1000000000011', 'label_printed', T0)
    aShipmentAt(store, '320300202603020010002', 'SF1000000000022', 'label_printed', T0)
    const batch = open()
    store.handover.addItem(batch.id, 'SF1000000000011', later(1))
    store.handover.addItem(batch.id, 'SF1000000000022', later(2))
    store.shipments.setStatus(a.id, 'cancelled', later(3))
    expect(store.handover.items(batch.id).map((i) => i.waybillNo)).toEqual(['SF1000000000022'])
    expect(store.shipments.findById(a.id)?.batchId).toBeNull()
    expect(store.handover.closeBatch(batch.id, closing(later(5))).items).toHaveLength(1)
  })

  it('records the printed list’s hash with the batch', () => {
    aShipmentAt(store, '320300202603020010001', 'SF1000000000011', 'label_printed', T0)
    const batch = open()
    store.handover.addItem(batch.id, 'SF1000000000011', later(1))
    store.handover.closeBatch(batch.id, closing(later(5)))
    store.handover.recordDocument(batch.id, 'b'.repeat(64))
    expect(store.handover.findBatch(batch.id)?.docSha256).toBe('b'.repeat(64))
    expect(refusal(() => store.handover.recordDocument(batch.id, 'not-a-hash'))).toMatchObject({ code: 'BAD_INPUT' })
  })
})
