/**
 * Plain inputs of the counter receipts. The cases service fills them from a
 * case; the contract validates them when a screen asks for a preview; the
 * print queue stores them as the job's data and re-validates on print.
 */
import { z } from 'zod'
import { PRINTABLE_ASCII } from './code128'
import { day, moment, text } from './fieldSchemas'
import { maskIdNumber } from '../masking'
import { LIMITS } from '../intakeForm'

/** Printed as a QR code: ASCII only (URLs), so every printer stores it byte for byte. */
const qrPayload = z.string().min(1).max(300).regex(PRINTABLE_ASCII, '二维码内容应为 ASCII（网址）')

/** Case numbers go into Code 128: printable ASCII without spaces (so not PRINTABLE_ASCII, which allows them). */
export const caseNoSchema = z
  .string()
  .trim()
  .min(4)
  .max(24)
  .regex(/^[\x21-\x7e]+$/, '受理编号只能含字母、数字和符号')

/**
 * Printed where the 统一社会信用代码 goes for an enterprise being set up
 * (设立登记): it has none yet. Printed as is; every real number is masked.
 */
export const NOT_YET_ISSUED = '设立中，尚未核发'

/** An ID as the paper shows it: masked, unless there is none yet to mask. */
export function printedId(idNumber: string): string {
  return idNumber === NOT_YET_ISSUED ? idNumber : maskIdNumber(idNumber)
}

export const personSchema = z.object({
  /** As long as the intake allows: an enterprise's registered name can run to 100 characters, and the receipt wraps it. */
  name: text(LIMITS.enterpriseName),
  /** Printed masked (first 4 + last 4). */
  idNumber: text(32),
  idType: text(20).default('居民身份证'),
})

export const materialLineSchema = z.object({
  name: text(80),
  /** 原件 / 复印件 / 电子 … */
  form: text(10).optional(),
  copies: z.number().int().min(1).max(99).default(1),
  /** `deficient` = accepted under the 容缺 promise, to be handed in later. */
  status: z.enum(['received', 'deficient']).default('received'),
})

export const deliverySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('window') }),
  z.object({ method: z.literal('express'), address: text(160), recipientPhone: text(20).optional() }),
])

/**
 * What every case document starts with: where, which case, which item, who.
 * Each document extends it (or leaves out what it does not print), so the
 * limits are the same on every paper.
 */
export const caseHeadSchema = z.object({
  hallName: text(60),
  windowName: text(40),
  caseNo: caseNoSchema,
  itemName: text(120),
  itemCode: text(40).optional(),
  applicant: personSchema,
  /** An authorised agent submitting for the applicant (代办人), if any. */
  agent: personSchema.optional(),
})

/** The head of the documents that print neither the item code nor an agent. */
const shortCaseHeadSchema = caseHeadSchema.omit({ itemCode: true, agent: true })

export const acceptanceReceiptDataSchema = caseHeadSchema.extend({
  /** 代办: the bank branch that took the case on the hall's behalf (代办网点), printed under the title. */
  agentBranch: z.object({ name: text(40), code: text(20) }).optional(),
  materials: z.array(materialLineSchema).max(60),
  /** 容缺受理: what is missing, by when, under the applicant's written promise. */
  deficiencyPromise: z.object({ dueDate: day, note: text(200).optional() }).optional(),
  /** 一票单据 number of the fee receipt; absent = no fee. */
  feeReceiptNo: text(40).optional(),
  /** Amount as printed, e.g. "50.00" (yuan). */
  feeAmount: z.string().regex(/^\d+(\.\d{1,2})?$/).optional(),
  acceptedAt: moment,
  promisedDate: day,
  /**
   * Why the promised date is provisional (暂定), e.g. "2027 年节假日安排未导入":
   * a year it reaches had no holiday calendar, so it was counted Monday–Friday.
   */
  promisedDateProvisional: text(60).optional(),
  /** Statutory or promised working days, shown beside the promised date. */
  workingDays: z.number().int().min(0).max(999).optional(),
  delivery: deliverySchema,
  operator: text(32),
  hallPhone: text(20).optional(),
  progressQueryUrl: qrPayload,
  evaluationUrl: qrPayload,
})
export type AcceptanceReceiptData = z.infer<typeof acceptanceReceiptDataSchema>

export const outputReceiptDataSchema = shortCaseHeadSchema.extend({
  /** Who took the result: the applicant or an authorised agent (ID checked again). */
  recipient: personSchema.extend({ relation: z.enum(['self', 'agent']) }),
  results: z
    .array(z.object({ name: text(80), number: text(60).optional(), copies: z.number().int().min(1).max(99).default(1) }))
    .min(1)
    .max(30),
  /** Handed over at the window, or sent by express with a waybill. */
  method: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('window') }),
    z.object({ kind: z.literal('express'), carrierName: text(20), waybillNo: text(30) }),
  ]),
  handedAt: moment,
  operator: text(32),
  evaluationUrl: qrPayload,
})
export type OutputReceiptData = z.infer<typeof outputReceiptDataSchema>

export const supplementNoticeDataSchema = shortCaseHeadSchema.extend({
  /** Each material to hand in again and what is wrong with it. */
  items: z.array(z.object({ name: text(80), reason: text(200) })).min(1).max(30),
  noticedAt: moment,
  /** Last day to hand in the supplement; the deadline clock is stopped until then. */
  dueDate: day,
  operator: text(32),
  hallPhone: text(20).optional(),
  progressQueryUrl: qrPayload,
})
export type SupplementNoticeData = z.infer<typeof supplementNoticeDataSchema>
