/**
 * Recounting provisional deadlines (暂定) once a guessed year's calendar is
 * loaded. Runs inside the caller's case-change transaction (the calendar
 * import's own, or a start-up catch-up), so the year and every recount land
 * together or not at all; each recounted case gets its timeline and audit
 * rows, and `case.changed` goes out after the commit. Closed cases keep the
 * deadline they were closed with.
 */
import { caseStates, isOpen } from '../../domain/caseMachine'
import { AppError } from '../../domain/errors'
import { provisionalReason, replanDeadline } from '../../domain/provisionalDeadline'
import type { WorkingDayCalendar } from '../../domain/workingDays'
import type { Store } from '../../store/store'
import type { CaseChangeScope } from './caseChanges'

/** The timeline verb of a recount; caseViews labels it. */
export const RECOUNT_ACTION = 'recountDeadline'

export interface RecountedDeadline {
  caseNo: string
  previousDeadline: string
  deadline: string
  /** Years still guessed (another year is still missing); empty when the deadline is now exact. */
  stillMissingYears: number[]
}

const openStates = caseStates.filter(isOpen)

export function recountProvisionalDeadlines(input: {
  store: Store
  calendar: WorkingDayCalendar
  record: CaseChangeScope['record']
  at: string
  operator: string
  stationId: string
  /** Why, for the timeline note, from the years now loaded: e.g. "导入 2027 年节假日日历". */
  because: (loadedYears: number[]) => string
}): RecountedDeadline[] {
  const { store, calendar, at, operator, stationId } = input
  const recounted: RecountedDeadline[] = []
  for (const c of store.cases.withProvisionalDeadline(openStates)) {
    const mark = c.provisional!
    const nowLoaded = mark.missingYears.filter((y) => calendar.hasYear(y))
    if (nowLoaded.length === 0) continue
    const plan = replanDeadline({ calendar, acceptedDate: c.acceptedDate, promisedDays: c.promisedDays, pausedDays: c.pausedDays, provisional: mark })
    const updated = store.cases.updateState({
      id: c.id,
      expectedVersion: c.version,
      state: c.state,
      clock: c.clock,
      deadline: plan.deadline,
      warnDate: plan.warnDate,
      provisional: plan.provisional,
      pausedDays: plan.pausedDays,
      pausedSince: c.pausedSince,
      updatedAt: at,
    })
    // The write lock is held since the case was read: a miss here is a bug, and the whole import rolls back.
    if (!updated) throw new AppError('CONFLICT', `办件 ${c.caseNo} 在重算时限时被其他操作更新，导入已撤销，请重试`)
    const stillMissingYears = plan.provisional?.missingYears ?? []
    const details = {
      previousDeadline: c.deadline,
      deadline: plan.deadline,
      previousWarnDate: c.warnDate,
      warnDate: plan.warnDate,
      ...(plan.pausedDays !== c.pausedDays ? { previousPausedDays: c.pausedDays, pausedDays: plan.pausedDays } : {}),
      calendarYears: nowLoaded,
      provisionalYears: stillMissingYears,
    }
    const because = input.because(nowLoaded)
    const note = stillMissingYears.length === 0 ? `${because}，时限已按正式日历重算` : `${because}，时限已重算，仍为暂定（${provisionalReason(stillMissingYears)}）`
    input.record({
      caseId: c.id,
      caseNo: c.caseNo,
      action: RECOUNT_ACTION,
      from: c.state,
      to: c.state,
      at,
      operator,
      stationId,
      timeline: { note, details },
      audit: [{ action: 'case.deadline.recount', details }],
    })
    recounted.push({ caseNo: c.caseNo, previousDeadline: c.deadline, deadline: plan.deadline, stillMissingYears })
  }
  return recounted
}
