import { z } from 'zod'
import { AppError } from '../errors'
import { maskPhone } from '../masking'
import { hallMoment, utcTimestamp } from '../timestamps'
import { asciiText as ascii, moment, text } from './fieldSchemas'
import { caseNoSchema } from './receiptData'

/** Everything printed on a 100 × 150 mm waybill label (specs/dispatch.md §D1). */
export const waybillLabelDataSchema = z.object({
  carrierName: text(12),
  productName: text(12),
  /** To the minute: the header band has no room for seconds. */
  printedAt: moment.max(16, '应为 YYYY-MM-DD HH:mm'),
  /** 目的地代码 / 大头笔 from the carrier (SF `destRouteLabel`), e.g. `755WE-571A3`. */
  destRouteLabel: ascii(16, '目的地代码').optional(),
  /** SF `codingMapping`, boxed in the corner. */
  codingMapping: ascii(6, '分拣码').optional(),
  waybillNo: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{8,20}$/, '运单号应为 8–20 位大写字母或数字'),
  recipient: z.object({ name: text(30), phone: text(20), address: text(160) }),
  /** Print the recipient's name as 张*三 (carrier or privacy setting). */
  isNamePrivate: z.boolean().default(false),
  sender: z.object({ name: text(30), window: text(20).optional(), phone: text(20), address: text(100) }),
  cargo: text(10).default('证照'),
  pieceNo: z.number().int().min(1).default(1),
  pieceCount: z.number().int().min(1).default(1),
  weightKg: z.number().positive().max(100).optional(),
  payment: text(10).default('寄付月结'),
  monthlyAccount: ascii(20, '月结卡号').optional(),
  caseNo: caseNoSchema,
  /** Tracking URL or the carrier's two-dimension code. */
  qrData: ascii(300, '二维码内容'),
  stationId: ascii(8, '工作站号'),
  operatorId: ascii(16, '操作员'),
  /** Our client order id (`OW…`), for finding the order with the carrier. */
  orderRef: ascii(32, '订单号'),
})
export type WaybillLabelData = z.infer<typeof waybillLabelDataSchema>
export type WaybillLabelInput = z.input<typeof waybillLabelDataSchema>

/** `SF1000000000011` → `SF 1000 0000 0001 1`: how a courier reads it aloud. */
export function groupWaybillNo(waybillNo: string): string {
  const match = /^([A-Z]*)(\d*)([A-Z]*)$/.exec(waybillNo)
  if (!match) return waybillNo
  const [, prefix = '', digits = '', suffix = ''] = match
  const groups = digits.match(/\d{1,4}/g) ?? []
  return [prefix, ...groups, suffix].filter(Boolean).join(' ')
}

/** What a shipment gives its label (the store's shipment row has these fields). */
export interface ShipmentForLabel {
  caseNo: string
  clientOrderId: string
  waybillNo: string | null
  recipient: { name: string; phone: string; province: string; city: string; district: string; address: string }
  /** The carrier's routing data, when it gave any (SF routeLabelInfo). */
  routeLabel: { destRouteLabel?: string; codingMapping?: string; productName?: string; qrPayload?: string } | null
}

/** The hall as sender, and the desk's settings for the label. */
export interface HallForLabel {
  carrierName: string
  /** The product when the carrier names none: 标快, 特快专递. */
  productName: string
  senderName: string
  senderWindow?: string
  senderPhone: string
  senderAddress: string
  stationId: string
  operatorId: string
  monthlyAccount?: string
  /** A tracking URL with `{waybillNo}` in it, for the QR code when the carrier gives no code of its own. */
  trackingUrl?: string
  /** 张*三 on the label: a carrier or privacy setting. */
  isNamePrivate?: boolean
  weightKg?: number
}

/** 省市区 and the street as one line; a province-level city is written once (北京市朝阳区, not 北京市北京市朝阳区). */
function fullAddress(r: ShipmentForLabel['recipient']): string {
  const city = r.city === r.province ? '' : r.city
  return `${r.province}${city}${r.district}${r.address}`
}

/**
 * A shipment's label data. The phone is masked here, so the full number never
 * enters a print job (the job's data is kept and shown in the job list). A
 * shipment without a waybill has no label: the carrier has not answered yet.
 */
export function waybillLabelInputOf(shipment: ShipmentForLabel, hall: HallForLabel, printedAt: Date): WaybillLabelInput {
  const waybillNo = shipment.waybillNo
  if (!waybillNo) {
    throw new AppError('ILLEGAL_TRANSITION', `办件 ${shipment.caseNo} 的寄递还没有运单号（承运商尚未返回），不能打印面单`, 'waybillNo')
  }
  const route = shipment.routeLabel ?? {}
  const qrData = route.qrPayload ?? (hall.trackingUrl ? hall.trackingUrl.replace('{waybillNo}', waybillNo) : waybillNo)
  return {
    carrierName: hall.carrierName,
    productName: route.productName ?? hall.productName,
    printedAt: hallMoment(utcTimestamp(printedAt)),
    destRouteLabel: route.destRouteLabel,
    codingMapping: route.codingMapping,
    waybillNo,
    recipient: { name: shipment.recipient.name, phone: maskPhone(shipment.recipient.phone), address: fullAddress(shipment.recipient) },
    isNamePrivate: hall.isNamePrivate ?? false,
    sender: { name: hall.senderName, window: hall.senderWindow, phone: hall.senderPhone, address: hall.senderAddress },
    weightKg: hall.weightKg,
    monthlyAccount: hall.monthlyAccount,
    caseNo: shipment.caseNo,
    qrData,
    stationId: hall.stationId,
    operatorId: hall.operatorId,
    orderRef: shipment.clientOrderId,
  }
}
