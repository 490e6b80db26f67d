/**
 * The rules of a review decision (分类审核办理), checked before the state
 * machine moves the case: 准予 records the certificate where the item issues
 * one (the output window checks the number again at 出件); 不予 needs the
 * reason and the legal basis, both owed to the applicant in writing
 * (行政许可法 第三十八条第二款); 补正 names the missing items, picked from
 * the case's checklist and/or in free text, once and all together (一次性告知,
 * 行政许可法 第三十二条). What a decision carries that other actions may not
 * carry is refused too, so nothing is recorded that the paper does not say.
 */
import { z } from 'zod'
import type { CaseAction } from './caseMachine'
import { AppError } from './errors'
import { isPlainDate, type PlainDate } from './plainDate'

/** 不予受理 (the application does not meet the conditions to be taken) or 不予许可 (taken, reviewed, refused). */
export const refusalKinds = ['notPermitted', 'notAccepted'] as const
export type RefusalKind = (typeof refusalKinds)[number]

export const refusalLabels: Readonly<Record<RefusalKind, string>> = { notPermitted: '不予许可', notAccepted: '不予受理' }

export const LEGAL_BASIS_MAX = 300
export const CERTIFICATE_TYPE_MAX = 30
export const CERTIFICATE_NUMBER_MAX = 60

/** Characters a person can read off paper: no control characters, no line breaks. */
const printable = /^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u

/** The certificate as `cases.transition` takes it; `issuedOn` absent = the hall's today. */
export const certificateInputSchema = z
  .object({
    type: z.string().trim().min(1, '请输入证照类型').max(CERTIFICATE_TYPE_MAX, `证照类型最长 ${CERTIFICATE_TYPE_MAX} 个字符`).regex(printable, '证照类型含有不可打印的字符'),
    number: z
      .string()
      .trim()
      .min(1, '请输入证照编号')
      .max(CERTIFICATE_NUMBER_MAX, `证照编号最长 ${CERTIFICATE_NUMBER_MAX} 个字符`)
      .regex(printable, '证照编号含有不可打印的字符'),
    issuedOn: z.string().refine(isPlainDate, '核发日期应为有效日期（YYYY-MM-DD）').optional(),
  })
  .strict()
export type CertificateInput = z.input<typeof certificateInputSchema>

export interface Certificate {
  type: string
  number: string
  issuedOn: PlainDate
}

export interface DecisionInput {
  action: CaseAction
  /** The reason (不予) or the free-text part of a 补正; trimmed, null when empty. */
  note: string | null
  certificate?: CertificateInput
  legalBasis?: string
  refusal?: RefusalKind
  /** 补正: material ids from the case's checklist. */
  missingMaterials?: readonly string[]
}

export interface DecisionContext {
  caseNo: string
  /** What the item issues per the catalog; null: nothing; undefined: the item is no longer in the catalog (nothing to require). */
  certificateType: string | null | undefined
  acceptedDate: PlainDate
  today: PlainDate
  /** The case's checklist (the item's, as taken at intake). */
  materials: ReadonlyArray<{ materialId: string; name: string }>
}

export type Decision =
  | { kind: 'approve'; certificate: Certificate | null }
  | { kind: 'reject'; refusal: RefusalKind; reason: string; legalBasis: string }
  | { kind: 'requestSupplement'; missing: Array<{ materialId: string; name: string }>; text: string | null }
  | { kind: 'none' }

const bad = (message: string, field: string): AppError => new AppError('BAD_INPUT', message, field)

/** Checks a decision's input against the case and returns what is to be recorded; throws BAD_INPUT naming the field. */
export function checkDecision(input: DecisionInput, ctx: DecisionContext): Decision {
  const { action } = input
  if (input.certificate !== undefined && action !== 'approve') throw bad(`办件 ${ctx.caseNo}：证照只在“准予”时登记`, 'certificate')
  if ((input.legalBasis !== undefined || input.refusal !== undefined) && action !== 'reject') {
    throw bad(`办件 ${ctx.caseNo}：法律依据和不予类型只在“不予”时填写`, input.legalBasis !== undefined ? 'legalBasis' : 'refusal')
  }
  if (input.missingMaterials !== undefined && action !== 'requestSupplement') throw bad(`办件 ${ctx.caseNo}：须补正的材料只在“补正”时选择`, 'missingMaterials')
  switch (action) {
    case 'approve':
      return { kind: 'approve', certificate: checkCertificate(input.certificate, ctx) }
    case 'reject':
      return checkRefusal(input)
    case 'requestSupplement':
      return checkSupplement(input, ctx)
    default:
      return { kind: 'none' }
  }
}

function checkCertificate(given: CertificateInput | undefined, ctx: DecisionContext): Certificate | null {
  const required = ctx.certificateType ?? null
  if (given === undefined) {
    if (required !== null) throw bad(`办件 ${ctx.caseNo} 的事项核发“${required}”：准予时须登记证照编号`, 'certificate.number')
    return null
  }
  const parsed = certificateInputSchema.safeParse(given)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw bad(`办件 ${ctx.caseNo}：${issue.message}`, ['certificate', ...issue.path.map(String)].join('.'))
  }
  const { type, number } = parsed.data
  if (required !== null && type !== required) throw bad(`办件 ${ctx.caseNo} 的事项核发“${required}”，登记的证照类型却是“${type}”`, 'certificate.type')
  const issuedOn = parsed.data.issuedOn ?? ctx.today
  if (issuedOn > ctx.today) throw bad(`核发日期 ${issuedOn} 晚于今天（${ctx.today}）：证照尚未核发不能准予`, 'certificate.issuedOn')
  if (issuedOn < ctx.acceptedDate) throw bad(`核发日期 ${issuedOn} 早于办件受理日期 ${ctx.acceptedDate}`, 'certificate.issuedOn')
  return { type, number, issuedOn }
}

function checkRefusal(input: DecisionInput): Decision {
  if (input.note === null) throw bad('不予办理需要填写理由', 'note')
  const legalBasis = input.legalBasis?.trim() ?? ''
  if (legalBasis === '') throw bad('不予办理须写明法律依据（例如《中华人民共和国行政许可法》第三十八条第二款）', 'legalBasis')
  if (legalBasis.length > LEGAL_BASIS_MAX) throw bad(`法律依据最长 ${LEGAL_BASIS_MAX} 个字符`, 'legalBasis')
  return { kind: 'reject', refusal: input.refusal ?? 'notPermitted', reason: input.note, legalBasis }
}

function checkSupplement(input: DecisionInput, ctx: DecisionContext): Decision {
  const wanted = [...new Set((input.missingMaterials ?? []).map((id) => id.trim()).filter((id) => id !== ''))]
  const byId = new Map(ctx.materials.map((m) => [m.materialId, m.name]))
  const unknown = wanted.filter((id) => !byId.has(id))
  if (unknown.length > 0) throw bad(`办件 ${ctx.caseNo} 的材料清单中没有 ${unknown.join('、')}`, 'missingMaterials')
  if (wanted.length === 0 && input.note === null) throw bad('补正需要写明须补正的材料或内容', 'note')
  // In the checklist's order, so the notice reads like the checklist the applicant holds.
  const missing = ctx.materials.filter((m) => wanted.includes(m.materialId)).map((m) => ({ materialId: m.materialId, name: m.name }))
  return { kind: 'requestSupplement', missing, text: input.note }
}

/** What the timeline and the audit row keep of a decision (the notices are rebuilt from it). */
export function decisionDetails(decision: Decision, departmentName: string): Record<string, unknown> | null {
  switch (decision.kind) {
    case 'approve':
      return decision.certificate ? { certificate: decision.certificate } : null
    case 'reject':
      return { refusal: decision.refusal, legalBasis: decision.legalBasis, departmentName }
    case 'requestSupplement':
      return { missingMaterials: decision.missing, departmentName }
    case 'none':
      return null
  }
}
