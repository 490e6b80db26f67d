/**
 * The intake form (一窗综合受理) as the counter fills it: applicant, item, the
 * one materials checklist, fee receipt, delivery. Every field is optional
 * here because a draft is saved while half typed; what acceptance requires is
 * checked by the intake service, field by field, with the reason.
 * Every text has a maximum length: nothing oversized reaches the database.
 */
import { z } from 'zod'
import { isPlainDate } from './plainDate'

export const LIMITS = {
  name: 50,
  enterpriseName: 100,
  idNumber: 32,
  uscc: 32,
  phone: 32,
  address: 200,
  itemCode: 40,
  materialId: 40,
  materials: 100,
  copies: 99,
  receiptNo: 40,
  region: 30,
  note: 500,
} as const

const text = (max: number, label: string) => z.string().trim().max(max, `${label}最长 ${max} 个字符`)

export const plainDateSchema = z.string().refine(isPlainDate, '应为有效日期（YYYY-MM-DD）')

export const applicantFormSchema = z
  .object({
    kind: z.enum(['person', 'enterprise'], '申请人类型应为 person（个人）或 enterprise（企业）'),
    /** Person: the name on the ID card; enterprise: the registered name. */
    name: text(LIMITS.enterpriseName, '名称'),
    idNumber: text(LIMITS.idNumber, '身份证号码'),
    uscc: text(LIMITS.uscc, '统一社会信用代码'),
    phone: text(LIMITS.phone, '联系电话'),
    address: text(LIMITS.address, '地址'),
    /** Enterprise: the person at the counter (经办人), usually from an ID card tap. */
    handlerName: text(LIMITS.name, '经办人姓名'),
    handlerIdNumber: text(LIMITS.idNumber, '经办人身份证号码'),
    /** Whether the identity came from the card reader (recorded in the audit row) or was typed. */
    source: z.enum(['card', 'typed']),
  })
  .partial()
  .strict()

export const materialTickSchema = z
  .object({
    materialId: text(LIMITS.materialId, '材料编号').min(1, '材料编号不能为空'),
    receivedCopies: z.number().int('份数应为整数').min(0, '份数不能为负').max(LIMITS.copies, `份数最多 ${LIMITS.copies}`),
    /** 容缺受理: accept now, the applicant brings it by `promiseDate`. */
    deferred: z.boolean().optional(),
    promiseDate: plainDateSchema.optional(),
  })
  .strict()

export const deliveryFormSchema = z
  .object({
    method: z.enum(['window', 'express'], '领取方式应为 window（窗口领取）或 express（快递送达）'),
    recipient: text(LIMITS.name, '收件人'),
    phone: text(LIMITS.phone, '收件人电话'),
    province: text(LIMITS.region, '省'),
    city: text(LIMITS.region, '市'),
    district: text(LIMITS.region, '区县'),
    address: text(LIMITS.address, '详细地址'),
  })
  .partial()
  .strict()

export const intakeFormSchema = z
  .object({
    applicant: applicantFormSchema,
    itemCode: text(LIMITS.itemCode, '事项编码'),
    materials: z.array(materialTickSchema).max(LIMITS.materials, `材料最多 ${LIMITS.materials} 项`),
    /** 一票单据交费: the amount comes from the catalog; the clerk records the receipt number. */
    fee: z.object({ receiptNo: text(LIMITS.receiptNo, '缴费票据号') }).partial().strict(),
    delivery: deliveryFormSchema,
    note: text(LIMITS.note, '备注'),
    /** 代办 (an agent station): the clerk has the applicant's signed authorisation (授权委托书) on the desk; its photo is on the draft. */
    authorisation: z.object({ confirmed: z.boolean() }).partial().strict(),
    /** 委托代领人: the person the applicant authorises to collect the result (the 委托书 photo is on the draft); the output window checks them. */
    collectionAgent: z.object({ name: text(LIMITS.name, '代领人姓名'), idNumber: text(LIMITS.idNumber, '代领人身份证号码') }).partial().strict(),
  })
  .partial()
  .strict()

export type IntakeForm = z.output<typeof intakeFormSchema>
export type ApplicantForm = z.output<typeof applicantFormSchema>
export type MaterialTick = z.output<typeof materialTickSchema>
export type DeliveryForm = z.output<typeof deliveryFormSchema>
