/**
 * The review's side of a transition (分类审核办理): the decision's rules are
 * pure (domain/reviewDecisions.ts); this reads what they need from the
 * catalog and the case, and says what the transaction records beside the
 * state — the timeline and audit details, and the certificate at 准予.
 */
import { AppError } from '../../domain/errors'
import type { PlainDate } from '../../domain/plainDate'
import { checkDecision, decisionDetails, type Certificate, type CertificateInput, type RefusalKind } from '../../domain/reviewDecisions'
import type { CaseAction } from '../../domain/caseMachine'
import type { CaseSummary } from '../../store/caseRecords'
import type { Store } from '../../store/store'
import type { CatalogService } from './catalogService'

/** What a transition may carry besides its note, for the review's decisions. */
export interface ReviewFields {
  /** approve: required where the catalog item issues a certificate. */
  certificate?: CertificateInput
  /** reject: required. */
  legalBasis?: string
  refusal?: RefusalKind
  /** requestSupplement: ids from the case's checklist. */
  missingMaterials?: readonly string[]
}

export type ReviewCatalog = Pick<CatalogService, 'item' | 'items' | 'departments' | 'departmentName'>

/**
 * The item codes routed to a department, by the catalog as it is now (cases
 * store the department's name for the page; the routing follows the item).
 */
export function departmentItemCodes(catalog: ReviewCatalog | undefined, department: string): string[] {
  if (!catalog || !catalog.departments().some((d) => d.code === department)) {
    throw new AppError('BAD_INPUT', `事项目录中没有部门代码 ${department}`, 'filters.department')
  }
  return catalog
    .items()
    .filter((i) => i.department === department)
    .map((i) => i.code)
}

/** The certificate the item issues per the catalog now: null for none; undefined when the item is no longer in the catalog. */
export function certificateTypeOf(catalog: ReviewCatalog | undefined, itemCode: string): string | null | undefined {
  if (!catalog) return undefined
  try {
    return catalog.item(itemCode).certificate?.type ?? null
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined
    throw err
  }
}

export interface ReviewOutcome {
  /** Merged into the timeline's and the audit row's details; null when the decision adds nothing. */
  details: Record<string, unknown> | null
  /** Recorded in the transition's transaction (准予 with a certificate). */
  certificate: Certificate | null
}

export function reviewOutcome(input: {
  current: CaseSummary
  action: CaseAction
  note: string | null
  fields: ReviewFields
  today: PlainDate
  store: Store
  catalog: ReviewCatalog | undefined
}): ReviewOutcome {
  const { current, action, fields, catalog } = input
  const decision = checkDecision(
    { action, note: input.note, ...fields },
    {
      caseNo: current.caseNo,
      certificateType: action === 'approve' ? certificateTypeOf(catalog, current.itemCode) : null,
      acceptedDate: current.acceptedDate,
      today: input.today,
      materials: action === 'requestSupplement' ? input.store.cases.materials(current.id) : [],
    },
  )
  const departmentName = catalog?.departmentName(current.department) ?? current.department
  return { details: decisionDetails(decision, departmentName), certificate: decision.kind === 'approve' ? decision.certificate : null }
}
