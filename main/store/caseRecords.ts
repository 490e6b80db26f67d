/**
 * The shapes cases are written and read in at the store's edge. Plain data:
 * ID numbers go in as text and come out masked, or in full only through
 * `CaseRepository.detail` (the case page).
 */
import type { CaseState } from '../domain/caseMachine'
import type { CaseClock } from '../domain/caseClock'
import type { AgentMark } from '../domain/agentCase'
import type { PlainDate } from '../domain/plainDate'
import type { ProvisionalMark } from '../domain/provisionalDeadline'

export type ApplicantKind = 'person' | 'enterprise'
export type DeliveryMethod = 'window' | 'express'
export type MaterialForm = 'original' | 'copy' | 'original_and_copy'
/** received: on the desk; deferred: 容缺受理, promised for later; absent: an optional material not brought. */
export type MaterialStatus = 'received' | 'deferred' | 'absent'

export interface NewApplicant {
  kind: ApplicantKind
  name: string
  phone: string
  address: string | null
  /** Person: the normalized ID number (stored encrypted). */
  idNumber: string | null
  idKind: string | null
  uscc: string | null
  /** Enterprise: the person handling it at the counter (经办人). */
  handlerName: string | null
  handlerIdNumber: string | null
}

export interface NewMaterial {
  materialId: string
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  receivedCopies: number
  status: MaterialStatus
  promiseDate: PlainDate | null
}

export interface ExpressAddress {
  recipient: string
  phone: string
  province: string
  city: string
  district: string
  address: string
}

export interface NewCase {
  caseNo: string
  itemCode: string
  itemName: string
  department: string
  state: CaseState
  clock: CaseClock
  stationId: string
  operator: string
  acceptedAt: string
  acceptedDate: PlainDate
  promisedDays: number
  deadline: PlainDate
  warnDate: PlainDate
  /** 暂定: the deadline counted a year with no calendar as weekends only; null when exact. */
  provisional: ProvisionalMark | null
  delivery: DeliveryMethod
  fee: { cents: number; name: string; receiptNo: string } | null
  note: string | null
  draftId: string | null
  applicant: NewApplicant
  materials: NewMaterial[]
  express: ExpressAddress | null
  /** 代办: taken by a bank branch on the hall's behalf; null at a hall window. */
  agent: AgentMark | null
}

/** One case as lists show it: no full ID number anywhere. */
export interface CaseSummary {
  id: number
  caseNo: string
  itemCode: string
  itemName: string
  department: string
  state: CaseState
  clock: CaseClock
  stationId: string
  operator: string
  acceptedAt: string
  acceptedDate: PlainDate
  promisedDays: number
  pausedDays: number
  pausedSince: PlainDate | null
  deadline: PlainDate
  warnDate: PlainDate
  provisional: ProvisionalMark | null
  delivery: DeliveryMethod
  feeCents: number | null
  updatedAt: string
  version: number
  applicantKind: ApplicantKind
  applicantName: string
  applicantPhone: string
  /** Person: masked ID number; enterprise: null (see `uscc`). */
  applicantIdMasked: string | null
  uscc: string | null
  /** 代办: the branch, its clerk and the authorisation photo's hash; null at a hall window. */
  agent: AgentMark | null
}

export interface CaseMaterialRecord extends NewMaterial {
  suppliedAt: string | null
}

export interface CaseEventRecord {
  /** The entry's number within its case: 1 is the acceptance. */
  seq: number
  /** The case's number: (caseNo, seq) names the entry on every station. */
  caseNo: string
  at: string
  operator: string
  stationId: string
  action: string
  fromState: CaseState | null
  toState: CaseState
  note: string | null
  details: Record<string, unknown> | null
}

/** The case page: everything, the applicant's ID number in full. */
export interface CaseDetailRecord extends CaseSummary {
  feeName: string | null
  feeReceiptNo: string | null
  note: string | null
  applicant: NewApplicant & { handlerIdMasked: string | null }
  materials: CaseMaterialRecord[]
  express: ExpressAddress | null
  events: CaseEventRecord[]
}

export interface NewCaseEvent {
  caseId: number
  at: string
  operator: string
  stationId: string
  action: string
  fromState: CaseState | null
  toState: CaseState
  note: string | null
  details: Record<string, unknown> | null
}

/** What a transition changes on the case row; `version` guards against a concurrent change. */
export interface CaseStateUpdate {
  id: number
  expectedVersion: number
  state: CaseState
  clock: CaseClock
  deadline: PlainDate
  warnDate: PlainDate
  provisional: ProvisionalMark | null
  pausedDays: number
  pausedSince: PlainDate | null
  updatedAt: string
}
