import { z } from 'zod'
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
