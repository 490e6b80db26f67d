/**
 * The reviewer's screen as plain data: which cases it lists, which actions
 * it offers on a case and which of them ask first, the `cases.transition`
 * request each dialog's fields make, and which notice a decision prints.
 * Pure and unit tested; the components only render it.
 */
import type { CommandInput } from '../../../main/contract'
import type { CaseAction, CaseDetail, CaseState } from '../cases/queueModel'

type TransitionInput = CommandInput<'cases.transition'>
export type DecisionRequest = Omit<TransitionInput, 'caseNo'>
export type RefusalKind = NonNullable<TransitionInput['refusal']>
export type NoticeKind = 'refusalNotice' | 'oneTimeNotice'

/** The states a reviewer still has work in: to start, to decide, waiting for the supplement, to produce. */
export const reviewStates: readonly CaseState[] = ['accepted', 'in_review', 'needs_supplement', 'approved']

/** The review's actions, in the order their buttons stand. */
export const reviewActions: readonly CaseAction[] = ['startReview', 'approve', 'reject', 'requestSupplement', 'supply', 'produce']

/** The decisions that open a dialog of their own (the reason, the certificate, the missing materials). */
export type DecisionAction = 'approve' | 'reject' | 'requestSupplement'

/** The review's actions this case allows now. */
export function offeredActions(detail: Pick<CaseDetail, 'allowedActions'>): CaseAction[] {
  return reviewActions.filter((a) => detail.allowedActions.some((x) => x.action === a))
}

/** The dialog an action opens first; null: it runs at once (an approval asks only where a certificate is issued). */
export function decisionDialogOf(action: CaseAction, detail: Pick<CaseDetail, 'certificateType'>): DecisionAction | null {
  if (action === 'reject' || action === 'requestSupplement') return action
  if (action === 'approve' && detail.certificateType !== null) return 'approve'
  return null
}

/** The notice a decision prints on A4, once it is made. */
export function noticeOf(action: CaseAction): NoticeKind | null {
  if (action === 'reject') return 'refusalNotice'
  if (action === 'requestSupplement') return 'oneTimeNotice'
  return null
}

/** The notice a listed case can have reprinted: the one-time notice while it waits for the supplement. */
export function reprintableNotice(state: CaseState | undefined): NoticeKind | null {
  return state === 'needs_supplement' ? 'oneTimeNotice' : null
}

export interface ApproveFields {
  type: string
  number: string
  /** Empty: main takes the hall's today. */
  issuedOn: string
}

export function approveRequest(f: ApproveFields): DecisionRequest {
  const issuedOn = f.issuedOn.trim()
  return { action: 'approve', certificate: { type: f.type.trim(), number: f.number.trim(), ...(issuedOn ? { issuedOn } : {}) } }
}

export interface RejectFields {
  refusal: RefusalKind
  reason: string
  legalBasis: string
}

/** Sent as typed (trimmed): main says what is missing, next to its field. */
export function rejectRequest(f: RejectFields): DecisionRequest {
  const note = f.reason.trim()
  const legalBasis = f.legalBasis.trim()
  return { action: 'reject', refusal: f.refusal, ...(note ? { note } : {}), ...(legalBasis ? { legalBasis } : {}) }
}

export interface SupplementFields {
  /** Material ids from the case's checklist. */
  picked: readonly string[]
  text: string
  dueDate: string
}

export function supplementRequest(f: SupplementFields): DecisionRequest {
  const note = f.text.trim()
  const dueDate = f.dueDate.trim()
  return { action: 'requestSupplement', missingMaterials: [...f.picked], ...(note ? { note } : {}), ...(dueDate ? { promiseDate: dueDate } : {}) }
}

/** The checklist with one material ticked or unticked, in the checklist's order. */
export function togglePicked(picked: readonly string[], materialId: string, order: readonly string[]): string[] {
  const next = picked.includes(materialId) ? picked.filter((id) => id !== materialId) : [...picked, materialId]
  return order.filter((id) => next.includes(id))
}

/** The material a digit key stands for in the 补正 dialog (1 → the first, … 9 → the ninth). */
export function materialOfDigit(key: string, order: readonly string[]): string | null {
  if (!/^[1-9]$/.test(key)) return null
  return order[Number(key) - 1] ?? null
}

/** Which dialog field shows main's refusal (its `field`); the rest show under the dialog. */
export function dialogFieldOf(field: string | undefined): string {
  switch (field) {
    case 'certificate.number':
    case 'certificate':
      return 'number'
    case 'certificate.type':
      return 'type'
    case 'certificate.issuedOn':
      return 'issuedOn'
    case 'note':
    case 'legalBasis':
    case 'missingMaterials':
    case 'promiseDate':
      return field
    default:
      return 'general'
  }
}
