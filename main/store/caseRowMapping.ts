/** The one SELECT list for case summaries and its mapping, shared by lookups and the queue. */
import type { CaseState } from '../domain/caseMachine'
import type { CaseClock } from '../domain/caseClock'
import type { ProvisionalMark } from '../domain/provisionalDeadline'
import type { ApplicantKind, CaseSummary, DeliveryMethod } from './caseRecords'

export const SUMMARY_COLUMNS = `
  c.id, c.case_no, c.item_code, c.item_name, c.department, c.state, c.clock, c.station_id, c.operator,
  c.accepted_at, c.accepted_date, c.promised_days, c.paused_days, c.paused_since, c.deadline, c.warn_date, c.provisional_deadline,
  c.delivery, c.fee_cents, c.updated_at, c.version,
  c.applicant_kind, c.applicant_name, c.applicant_phone, c.id_masked AS applicant_id_masked, c.uscc,
  c.agent_branch_code, c.agent_branch_name, c.agent_name, c.authorisation_sha256`

/** One row per case, applicant included (migration 006): no join. */
export const SUMMARY_FROM = 'cases c'

export interface SummaryRow {
  id: number
  case_no: string
  item_code: string
  item_name: string
  department: string
  state: string
  clock: string
  station_id: string
  operator: string
  accepted_at: string
  accepted_date: string
  promised_days: number
  paused_days: number
  paused_since: string | null
  deadline: string
  warn_date: string
  provisional_deadline: string | null
  delivery: string
  fee_cents: number | null
  updated_at: string
  version: number
  applicant_kind: string
  applicant_name: string
  applicant_phone: string
  applicant_id_masked: string | null
  uscc: string | null
  agent_branch_code: string | null
  agent_branch_name: string | null
  agent_name: string | null
  authorisation_sha256: string | null
}

/** The CHECK constraints and the services guarantee these enums; the casts only restate that. */
export function toSummary(r: SummaryRow): CaseSummary {
  return {
    id: r.id,
    caseNo: r.case_no,
    itemCode: r.item_code,
    itemName: r.item_name,
    department: r.department,
    state: r.state as CaseState,
    clock: r.clock as CaseClock,
    stationId: r.station_id,
    operator: r.operator,
    acceptedAt: r.accepted_at,
    acceptedDate: r.accepted_date,
    promisedDays: r.promised_days,
    pausedDays: r.paused_days,
    pausedSince: r.paused_since,
    deadline: r.deadline,
    warnDate: r.warn_date,
    // Written only from ProvisionalMark (caseRepository): the parse restates it.
    provisional: r.provisional_deadline === null ? null : (JSON.parse(r.provisional_deadline) as ProvisionalMark),
    delivery: r.delivery as DeliveryMethod,
    feeCents: r.fee_cents,
    updatedAt: r.updated_at,
    version: r.version,
    applicantKind: r.applicant_kind as ApplicantKind,
    applicantName: r.applicant_name,
    applicantPhone: r.applicant_phone,
    applicantIdMasked: r.applicant_id_masked,
    uscc: r.uscc,
    // Migration 013's CHECKs set the four together.
    agent:
      r.agent_branch_code === null
        ? null
        : { branchCode: r.agent_branch_code, branchName: r.agent_branch_name ?? '', agentName: r.agent_name ?? '', authorisationSha256: r.authorisation_sha256 ?? '' },
  }
}
