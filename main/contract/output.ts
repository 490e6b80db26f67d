/**
 * The output window (统一窗口出件): find a person's results by their ID card,
 * check that they may collect, name an agent with their authorisation letter
 * (委托书), and hand over — certificate number checked against the approval's,
 * the collector's signature, the output receipt (出件回执), the case
 * `collected`. Writes record the signed-in operator (`session.signIn`).
 */
import { z } from 'zod'
import { caseStates } from '../domain/caseMachine'
import { CERTIFICATE_NUMBER_MAX } from '../domain/reviewDecisions'
import { caseDetailSchema } from './cases'
import { defineCommands } from './define'

const caseNoSchema = z.string().trim().min(1, '请输入办件编号').max(40, '办件编号最长 40 个字符')
const idNumberSchema = z.string().trim().min(1, '请读取领取人身份证或输入身份证号码').max(32, '身份证号码最长 32 个字符')
const nameSchema = z.string().trim().min(1, '请输入领取人姓名').max(50, '姓名最长 50 个字符')
const roleSchema = z.enum(['applicant', 'handler', 'agent'])

/** A case as the output window shows it: what is to be handed over, and to whom it may go. */
export const outputCaseSchema = z.object({
  caseNo: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  state: z.enum(caseStates),
  stateLabel: z.string(),
  acceptedAt: z.string(),
  applicantKind: z.enum(['person', 'enterprise']),
  applicantName: z.string(),
  delivery: z.enum(['window', 'express']),
  /** Recorded at approval (准予); null: the item issues none, or none was recorded (the check is skipped). */
  certificate: z.object({ type: z.string(), number: z.string(), issuedOn: z.string() }).nullable(),
  agent: z.object({ name: z.string(), idMasked: z.string(), hasLetter: z.boolean(), recordedWhere: z.enum(['intake', 'output']) }).nullable(),
  /** Once collected: by whom (masked) and when. */
  collection: z
    .object({ role: roleSchema, collectorName: z.string(), collectorIdMasked: z.string(), collectedAt: z.string(), certificateNo: z.string().nullable() })
    .nullable(),
  /** Who may collect, masked (申请人本人 李**（3203**********2313）…). */
  mayCollect: z.array(z.string()),
})
export type OutputCaseView = z.infer<typeof outputCaseSchema>

export const outputCommands = defineCommands({
  'output.findByCard': {
    summary: "A person's cases waiting at the output window (待出件) as applicant, enterprise handler or named agent, oldest first: the card tap",
    input: z.object({ idNumber: idNumberSchema }).strict(),
    output: z.object({ rows: z.array(outputCaseSchema.extend({ role: roleSchema })) }),
  },
  'output.case': {
    summary: 'One case as the output window shows it (scanned receipt or typed number)',
    input: z.object({ caseNo: caseNoSchema }).strict(),
    output: outputCaseSchema,
  },
  'output.verifyCollector': {
    summary: 'May this ID number collect this case now? A refusal names who may (masked) and is audited',
    input: z.object({ caseNo: caseNoSchema, idNumber: idNumberSchema }).strict(),
    output: z.object({ allowed: z.boolean(), reason: z.string(), role: roleSchema.nullable(), mayCollect: z.array(z.string()) }),
  },
  'output.recordAgent': {
    summary: 'Name the agent (委托代领人) on a case with the photographed authorisation letter (委托书; the newest letter photo of the case unless given)',
    input: z
      .object({
        caseNo: caseNoSchema,
        name: nameSchema,
        idNumber: idNumberSchema,
        letterPhotoId: z.uuid('委托书照片编号格式不对').optional(),
      })
      .strict(),
    output: outputCaseSchema,
  },
  'output.collect': {
    summary: 'Hand the result over (出件): collector checked, certificate number checked, signature kept, output receipt printed, the case collected',
    input: z
      .object({
        caseNo: caseNoSchema,
        idNumber: idNumberSchema,
        name: nameSchema,
        /** Read off the certificate in hand (typed or scanned); empty where approval recorded none. */
        certificateNo: z.string().max(CERTIFICATE_NUMBER_MAX, `证照编号最长 ${CERTIFICATE_NUMBER_MAX} 个字符`),
        /** The collector's signature drawn on screen, a PNG data URL (the screen always asks; a station without a pad may leave it out). */
        signature: z.string().startsWith('data:image/png;base64,', '签名应为 PNG 图像').max(2_000_000, '签名图像过大').optional(),
      })
      .strict(),
    output: caseDetailSchema,
  },
})
