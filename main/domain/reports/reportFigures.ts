/**
 * A report's figures from the rows the store read for its period: the cases
 * accepted in it (each with its decision day, if any) and the period's
 * ratings, supplement requests and shipments, already counted. Pure: the
 * store and the worker around it do the reading.
 *
 * The deadline rules, in one place:
 * - a case is decided when the hall's part ends with a result: 不予办理
 *   (rejected) or the certificate produced (ready) — the moment the promise
 *   clock stops (domain/caseClock.ts); a withdrawn case is neither on time nor
 *   overdue, the applicant having ended it;
 * - on time: decided on or before its due date; overdue: decided after it,
 *   or undecided on the reference day with the due date before that day;
 * - the reference day is the period's last day, or the hall's today while
 *   the period is not over yet;
 * - days over are working days (the holiday calendar's), at least 1: a
 *   decision on the Saturday after a Friday due date is still late.
 */
import { caseStates, stateLabels, type CaseState } from '../caseMachine'
import type { PlainDate } from '../plainDate'
import { gradeLabels, isNegative, ratingGrades, type RatingGrade } from '../ratings'
import type { WorkingDayCalendar } from '../workingDays'
import { daysBetween, type PeriodBounds, type ReportPeriod } from './reportPeriods'

export interface ReportCaseRow {
  caseNo: string
  itemCode: string
  itemName: string
  /** The item's department (its name, as the case row keeps it). */
  department: string
  state: CaseState
  /** Who accepted it (operator id) and at which station (window). */
  operator: string
  stationId: string
  acceptedDate: PlainDate
  deadline: PlainDate
  /** Rejected, or produced and beyond (the hall's result given): see the rules above. */
  decided: boolean
  /** The hall date of the decision; null while undecided, or when the timeline does not show it. */
  decidedDate: PlainDate | null
  /** Accepted with materials deferred (容缺受理). */
  deferred: boolean
}

export interface ReportInputs {
  period: ReportPeriod
  bounds: PeriodBounds
  /** The hall's today (the reference day of a period not over yet). */
  today: PlainDate
  generatedAt: string
  cases: readonly ReportCaseRow[]
  ratingsByGrade: Readonly<Partial<Record<RatingGrade, number>>>
  openFollowUps: number
  supplementRequests: number
  express: { shipped: number; delivered: number; exceptions: number }
  /** Operator id → name; an id not here is shown as it is. */
  operatorNames: ReadonlyMap<string, string>
  /** Station id → its window's name; others are called by their number. */
  stationNames: ReadonlyMap<string, string>
}

export interface CountRow {
  key: string
  label: string
  count: number
}

export interface OverdueCaseFigure {
  caseNo: string
  itemName: string
  departmentName: string | null
  acceptedDate: string
  dueDate: string
  daysOver: number
  state: CaseState
  open: boolean
}

export interface ReportFigures {
  period: ReportPeriod
  from: string
  to: string
  generatedAt: string
  accepted: number
  byState: CountRow[]
  byItem: CountRow[]
  byDepartment: CountRow[]
  byOperator: CountRow[]
  byWindow: CountRow[]
  byDay: CountRow[]
  deadlines: { onTime: number; overdue: number; onTimeShare: number | null; overdueCases: OverdueCaseFigure[] }
  averageHandlingDays: number | null
  deferredIntakes: number
  supplementRequests: number
  ratings: { byGrade: CountRow[]; negative: number; openFollowUps: number }
  express: { shipped: number; delivered: number; exceptions: number }
}

/** The reference day for "undecided and past due": the period's end, or today while it runs. */
export function referenceDay(bounds: PeriodBounds, today: PlainDate): PlainDate {
  return today < bounds.to ? today : bounds.to
}

export type DeadlineVerdict = { kind: 'onTime' } | { kind: 'overdue'; daysOver: number; open: boolean } | { kind: 'none' }

/** One case against its due date (see the rules at the top). */
export function deadlineVerdict(row: Pick<ReportCaseRow, 'state' | 'deadline' | 'decided' | 'decidedDate'>, reference: PlainDate, calendar: WorkingDayCalendar): DeadlineVerdict {
  if (row.state === 'withdrawn') return { kind: 'none' }
  if (row.decided) {
    // A decided case whose decision the timeline does not show cannot be judged either way.
    if (row.decidedDate === null) return { kind: 'none' }
    if (row.decidedDate <= row.deadline) return { kind: 'onTime' }
    return { kind: 'overdue', daysOver: Math.max(1, calendar.workingDaysBetween(row.deadline, row.decidedDate)), open: false }
  }
  if (row.deadline < reference) return { kind: 'overdue', daysOver: Math.max(1, calendar.workingDaysBetween(row.deadline, reference)), open: true }
  return { kind: 'none' }
}

/** Counts by key, most first (ties by key), labelled. */
function countBy(rows: readonly ReportCaseRow[], keyOf: (r: ReportCaseRow) => string, labelOf: (key: string, r: ReportCaseRow) => string): CountRow[] {
  const counts = new Map<string, CountRow>()
  for (const r of rows) {
    const key = keyOf(r)
    const row = counts.get(key)
    if (row) row.count++
    else counts.set(key, { key, label: labelOf(key, r), count: 1 })
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

const round2 = (n: number): number => Math.round(n * 100) / 100

export function buildReportFigures(inputs: ReportInputs, calendar: WorkingDayCalendar): ReportFigures {
  const { cases, bounds } = inputs
  const reference = referenceDay(bounds, inputs.today)

  const stateCounts = new Map<CaseState, number>()
  for (const r of cases) stateCounts.set(r.state, (stateCounts.get(r.state) ?? 0) + 1)
  const dayCounts = new Map<string, number>()
  for (const r of cases) dayCounts.set(r.acceptedDate, (dayCounts.get(r.acceptedDate) ?? 0) + 1)

  let onTime = 0
  let handlingTotal = 0
  let handled = 0
  const overdueCases: OverdueCaseFigure[] = []
  for (const r of cases) {
    const verdict = deadlineVerdict(r, reference, calendar)
    if (verdict.kind === 'onTime') onTime++
    else if (verdict.kind === 'overdue') {
      overdueCases.push({
        caseNo: r.caseNo,
        itemName: r.itemName,
        departmentName: r.department === '' ? null : r.department,
        acceptedDate: r.acceptedDate,
        dueDate: r.deadline,
        daysOver: verdict.daysOver,
        state: r.state,
        open: verdict.open,
      })
    }
    if (r.decided && r.decidedDate !== null && r.state !== 'withdrawn') {
      handlingTotal += calendar.workingDaysBetween(r.acceptedDate, r.decidedDate)
      handled++
    }
  }
  overdueCases.sort((a, b) => b.daysOver - a.daysOver || (a.caseNo < b.caseNo ? -1 : 1))
  const overdue = overdueCases.length

  const byGrade = ratingGrades.map((g) => ({ key: String(g), label: gradeLabels[g], count: inputs.ratingsByGrade[g] ?? 0 }))
  return {
    period: inputs.period,
    from: bounds.from,
    to: bounds.to,
    generatedAt: inputs.generatedAt,
    accepted: cases.length,
    byState: caseStates.map((s) => ({ key: s, label: stateLabels[s], count: stateCounts.get(s) ?? 0 })),
    byItem: countBy(cases, (r) => r.itemCode, (_k, r) => r.itemName),
    byDepartment: countBy(cases, (r) => r.department, (k) => (k === '' ? '（未填部门）' : k)),
    byOperator: countBy(cases, (r) => r.operator, (k) => inputs.operatorNames.get(k) ?? k),
    byWindow: countBy(cases, (r) => r.stationId, (k) => inputs.stationNames.get(k) ?? `${k} 号工作站`),
    byDay: daysBetween(bounds).map((d) => ({ key: d, label: d, count: dayCounts.get(d) ?? 0 })),
    deadlines: { onTime, overdue, onTimeShare: onTime + overdue === 0 ? null : onTime / (onTime + overdue), overdueCases },
    averageHandlingDays: handled === 0 ? null : round2(handlingTotal / handled),
    deferredIntakes: cases.filter((r) => r.deferred).length,
    supplementRequests: inputs.supplementRequests,
    ratings: { byGrade, negative: byGrade.filter((g) => isNegative(Number(g.key))).reduce((n, g) => n + g.count, 0), openFollowUps: inputs.openFollowUps },
    express: { ...inputs.express },
  }
}
