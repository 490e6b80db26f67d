/**
 * How cases leave the service: queue rows (masked: lists are shown to the
 * whole hall) and the case page (the one place the full ID number appears).
 */
import { lightOf, type CaseClock } from '../../domain/caseClock'
import { actionLabels, allowedActions, deskOnlyActions, stateLabels, type CaseAction, type CaseState } from '../../domain/caseMachine'
import { maskPhone } from '../../domain/masking'
import type { AgentMark } from '../../domain/agentCase'
import type { PlainDate } from '../../domain/plainDate'
import { provisionalNote, type ProvisionalNote } from '../../domain/provisionalDeadline'
import type { DeadlineLight, WorkingDayCalendar } from '../../domain/workingDays'
import { RECOUNT_ACTION } from './provisionalRecount'
import type { ApplicantKind, CaseDetailRecord, CaseMaterialRecord, CaseSummary, DeliveryMethod, ExpressAddress, NewApplicant } from '../../store/caseRecords'

export interface CaseRow {
  caseNo: string
  itemCode: string
  itemName: string
  department: string
  state: CaseState
  stateLabel: string
  clock: CaseClock
  light: DeadlineLight | null
  /** Running cases: working days after today up to the deadline (negative: overdue by that many). */
  workingDaysLeft: number | null
  acceptedAt: string
  deadline: string
  /** 暂定: a year the deadline reaches had no holiday calendar; counted Monday–Friday there until it is imported. */
  deadlineProvisional: ProvisionalNote | null
  applicantKind: ApplicantKind
  applicantName: string
  /** Person: ID number masked (first 4 + last 4); enterprise: the USCC. */
  applicantId: string | null
  phoneMasked: string
  delivery: DeliveryMethod
  stationId: string
  operator: string
  /** 代办: the bank branch and clerk that took the case; null at a hall window. */
  agent: AgentMark | null
}

export interface TimelineEntry {
  at: string
  operator: string
  stationId: string
  action: string
  actionLabel: string
  fromState: CaseState | null
  toState: CaseState
  toStateLabel: string
  note: string | null
  details: Record<string, unknown> | null
}

export interface CaseDetail extends CaseRow {
  acceptedDate: PlainDate
  promisedDays: number
  pausedDays: number
  pausedSince: PlainDate | null
  version: number
  fee: { cents: number; name: string; receiptNo: string } | null
  note: string | null
  /** ID numbers in full: the case page only. */
  applicant: NewApplicant
  materials: CaseMaterialRecord[]
  express: ExpressAddress | null
  timeline: TimelineEntry[]
  allowedActions: Array<{ action: CaseAction; label: string; needsNote: boolean }>
  /** What the item issues per the catalog (准予 then needs its number); null: none. */
  certificateType: string | null
  /** Recorded at 准予. */
  certificate: { type: string; number: string; issuedOn: PlainDate } | null
}

/** Actions whose reason the applicant is owed in writing (补正告知, 不予受理理由). */
export const actionsNeedingNote: ReadonlySet<CaseAction> = new Set<CaseAction>(['reject', 'requestSupplement'])

/** Timeline verbs that are not state-machine actions. */
const timelineLabels: Readonly<Record<string, string>> = { accept: '受理', supplyMaterials: '补交容缺材料', [RECOUNT_ACTION]: '时限重算' }

export function applicantIdShown(a: { kind: ApplicantKind; idMasked: string | null; uscc: string | null }): string | null {
  return a.kind === 'person' ? a.idMasked : a.uscc
}

/** Working days left, memoised per deadline: a page of 50 rows shares few deadlines. */
export class DaysLeftCounter {
  private readonly memo = new Map<string, number | null>()
  private readonly provisionalView: WorkingDayCalendar
  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly today: PlainDate,
  ) {
    this.provisionalView = calendar.provisional()
  }

  /** `provisional`: the deadline is marked 暂定, so its count may guess the same missing years it did. */
  daysLeft(deadline: PlainDate, provisional = false): number | null {
    const key = `${provisional ? 'p' : 'x'}${deadline}`
    let left = this.memo.get(key)
    if (left === undefined) {
      try {
        left = (provisional ? this.provisionalView : this.calendar).workingDaysBetween(this.today, deadline)
      } catch {
        // A year without a calendar under an exact deadline: the light still shows; the count is unknown rather than wrong.
        left = null
      }
      this.memo.set(key, left)
    }
    return left
  }
}

export function toCaseRow(s: CaseSummary, today: PlainDate, days: DaysLeftCounter): CaseRow {
  return {
    caseNo: s.caseNo,
    itemCode: s.itemCode,
    itemName: s.itemName,
    department: s.department,
    state: s.state,
    stateLabel: stateLabels[s.state],
    clock: s.clock,
    light: lightOf({ clock: s.clock, today, deadline: s.deadline, warnDate: s.warnDate }),
    workingDaysLeft: s.clock === 'running' ? days.daysLeft(s.deadline, s.provisional !== null) : null,
    acceptedAt: s.acceptedAt,
    deadline: s.deadline,
    deadlineProvisional: provisionalNote(s.provisional),
    applicantKind: s.applicantKind,
    applicantName: s.applicantName,
    applicantId: applicantIdShown({ kind: s.applicantKind, idMasked: s.applicantIdMasked, uscc: s.uscc }),
    phoneMasked: maskPhone(s.applicantPhone),
    delivery: s.delivery,
    stationId: s.stationId,
    operator: s.operator,
    agent: s.agent,
  }
}

export function toCaseDetail(d: CaseDetailRecord, today: PlainDate, days: DaysLeftCounter, review: Pick<CaseDetail, 'certificateType' | 'certificate'>): CaseDetail {
  return {
    ...toCaseRow(d, today, days),
    acceptedDate: d.acceptedDate,
    promisedDays: d.promisedDays,
    pausedDays: d.pausedDays,
    pausedSince: d.pausedSince,
    version: d.version,
    fee: d.feeCents !== null && d.feeName !== null && d.feeReceiptNo !== null ? { cents: d.feeCents, name: d.feeName, receiptNo: d.feeReceiptNo } : null,
    note: d.note,
    applicant: applicantInFull(d.applicant),
    materials: d.materials,
    express: d.express,
    timeline: d.events.map((e) => ({
      at: e.at,
      operator: e.operator,
      stationId: e.stationId,
      action: e.action,
      actionLabel: timelineLabels[e.action] ?? actionLabels[e.action as CaseAction] ?? e.action,
      fromState: e.fromState,
      toState: e.toState,
      toStateLabel: stateLabels[e.toState],
      note: e.note,
      details: e.details,
    })),
    allowedActions: allowedActions(d.state)
      // 窗口领取 is the output window's (it checks who collects); the case page does not offer it.
      .filter((action) => !deskOnlyActions.has(action) && action !== 'collect')
      .map((action) => ({ action, label: actionLabels[action], needsNote: actionsNeedingNote.has(action) })),
    certificateType: review.certificateType,
    certificate: review.certificate,
  }
}

/** The applicant as the case page shows it: everything but the masked copy the list uses. */
function applicantInFull(a: CaseDetailRecord['applicant']): NewApplicant {
  const { handlerIdMasked: _listOnly, ...inFull } = a
  return inFull
}
