import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/domain/errors'
import { waybillLabelDataSchema, waybillLabelInputOf, type HallForLabel, type ShipmentForLabel } from '../../../main/domain/print/waybillData'
import { buildWaybillLabel } from '../../../main/domain/print/waybillLabel'

const shipment = (overrides: Partial<ShipmentForLabel> = {}): ShipmentForLabel => ({
  caseNo: '320300202603020010001',
  clientOrderId: 'OW001-000001-1',
  waybillNo: 'SF1000000000011',
  recipient: { name: '张建国', phone: '13951234567', province: '江苏省', city: '徐州市', district: '鼓楼区', address: '中山北路 12 号' },
  routeLabel: { destRouteLabel: '516WE-001', codingMapping: 'S47', qrPayload: "MMM={'k5':'SF1000000000011'}" },
  ...overrides,
})

const hall: HallForLabel = {
  carrierName: '顺丰',
  productName: '标快',
  senderName: '示范市政务服务中心',
  senderWindow: '出件窗口',
  senderPhone: '0516-12345678',
  senderAddress: '江苏省徐州市云龙区和平大道 1 号',
  stationId: '001',
  operatorId: 'A001',
  monthlyAccount: '7550001567',
  trackingUrl: 'https://example.invalid/t/{waybillNo}',
}

// 2026-03-02 10:40 in the hall (the tests run with the process's zone; the label shows local time).
const AT = new Date(2026, 2, 2, 10, 40)

describe('a shipment’s waybill label data', () => {
  it('carries the waybill, the carrier’s routing, the case and the order ref, with the phone masked', () => {
    const input = waybillLabelInputOf(shipment(), hall, AT)
    expect(input).toMatchObject({
      waybillNo: 'SF1000000000011',
      destRouteLabel: '516WE-001',
      codingMapping: 'S47',
      qrData: "MMM={'k5':'SF1000000000011'}",
      printedAt: '2026-03-02 10:40',
      caseNo: '320300202603020010001',
      orderRef: 'OW001-000001-1',
      recipient: { name: '张建国', phone: '139****4567', address: '江苏省徐州市鼓楼区中山北路 12 号' },
      sender: { name: '示范市政务服务中心', window: '出件窗口' },
    })
    expect(JSON.stringify(input)).not.toContain('13951234567')
    const label = buildWaybillLabel(waybillLabelDataSchema.parse(input))
    expect(label.elements.some((e) => e.type === 'text' && e.text.includes('张建国  139****4567'))).toBe(true)
  })

  it('falls back to the hall’s tracking URL and product when the carrier gave no routing (a manual waybill)', () => {
    const input = waybillLabelInputOf(shipment({ routeLabel: null }), hall, AT)
    expect(input).toMatchObject({ qrData: 'https://example.invalid/t/SF1000000000011', productName: '标快', destRouteLabel: undefined })
    expect(waybillLabelDataSchema.safeParse(input).success).toBe(true)
  })

  it('writes a province-level city once in the address', () => {
    const input = waybillLabelInputOf(shipment({ recipient: { ...shipment().recipient, province: '北京市', city: '北京市', district: '朝阳区', address: '建国路 1 号' } }), hall, AT)
    expect(input.recipient.address).toBe('北京市朝阳区建国路 1 号')
  })

  it('refuses a shipment the carrier has not given a waybill yet', () => {
    const error = (() => {
      try {
        waybillLabelInputOf(shipment({ waybillNo: null }), hall, AT)
      } catch (err) {
        return err
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('320300202603020010001') })
  })
})
