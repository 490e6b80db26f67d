/**
 * Provisional deadlines (暂定时限). A case whose deadline reaches a year whose
 * holiday notice is not imported yet is still accepted: the counter never
 * turns an applicant away for the hall's missing file. Its days in that year
 * count Monday–Friday only, the case carries the mark (which years, and the
 * 补正 pauses counted the same way), and the import recounts it exactly.
 */
import { warnDateOf } from './caseClock'
import type { PlainDate } from './plainDate'
import { computeDeadline, countProvisionally, pauseWorkingDays, type WorkingDayCalendar } from './workingDays'

/** One 补正 pause whose working days were counted with a year guessed as weekends only. */
export interface ProvisionalPause {
  from: PlainDate
  to: PlainDate
  workingDays: number
  missingYears: number[]
}

/** What a provisional deadline rests on; stored with the case. */
export interface ProvisionalMark {
  /** Every year guessed, for the deadline or a pause, ascending. */
  missingYears: number[]
  pauses: ProvisionalPause[]
}

export interface DeadlinePlan {
  deadline: PlainDate
  /** The first day the SLA light shows yellow (see caseClock.warnDateOf). */
  warnDate: PlainDate
  /** null: counted with real calendars only. */
  provisional: ProvisionalMark | null
}

function unionYears(...lists: ReadonlyArray<readonly number[]>): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b)
}

/** "2027 年节假日安排未导入" — the reason shown beside 暂定 on screens and paper. */
export function provisionalReason(missingYears: readonly number[]): string {
  return `${missingYears.join('、')} 年节假日安排未导入`
}

/** What screens, receipts and the contract carry about a provisional deadline: the years and the reason in words. */
export interface ProvisionalNote {
  missingYears: number[]
  reason: string
}

export function provisionalNote(mark: { missingYears: readonly number[] } | null): ProvisionalNote | null {
  return mark === null || mark.missingYears.length === 0 ? null : { missingYears: [...mark.missingYears], reason: provisionalReason(mark.missingYears) }
}

/**
 * The deadline and warn date, counted exactly where calendars are loaded and
 * Monday–Friday where not. `provisionalPauses` are earlier pauses that were
 * themselves counted provisionally: they keep the mark until recounted.
 */
export function planDeadline(input: {
  calendar: WorkingDayCalendar
  acceptedDate: PlainDate
  promisedDays: number
  pausedWorkingDays?: number
  provisionalPauses?: readonly ProvisionalPause[]
}): DeadlinePlan {
  const { calendar, acceptedDate, promisedDays } = input
  const { value, missingYears } = countProvisionally(calendar, (view) => {
    const deadline = computeDeadline({ calendar: view, acceptedDate, promisedDays, pausedWorkingDays: input.pausedWorkingDays ?? 0 })
    return { deadline, warnDate: warnDateOf({ calendar: view, acceptedDate, deadline, totalDays: promisedDays }) }
  })
  const pauses = [...(input.provisionalPauses ?? [])]
  const years = unionYears(missingYears, ...pauses.map((p) => p.missingYears))
  return { ...value, provisional: years.length > 0 ? { missingYears: years, pauses } : null }
}

/** The working days a 补正 pause took (see workingDays.pauseWorkingDays), and the pause's mark if a year was guessed. */
export function countPause(calendar: WorkingDayCalendar, from: PlainDate, to: PlainDate): { workingDays: number; provisional: ProvisionalPause | null } {
  const { value, missingYears } = countProvisionally(calendar, (view) => pauseWorkingDays(view, from, to))
  return { workingDays: value, provisional: missingYears.length > 0 ? { from, to, workingDays: value, missingYears } : null }
}

/**
 * A provisional deadline counted again with the calendars loaded now: each
 * provisional pause recounted (the paused total moves by the difference),
 * then the deadline and warn date. The result is exact when every guessed
 * year is loaded, still provisional (for fewer years) otherwise.
 */
export function replanDeadline(input: {
  calendar: WorkingDayCalendar
  acceptedDate: PlainDate
  promisedDays: number
  pausedDays: number
  provisional: ProvisionalMark
}): DeadlinePlan & { pausedDays: number } {
  let pausedDays = input.pausedDays
  const stillProvisional: ProvisionalPause[] = []
  for (const pause of input.provisional.pauses) {
    const recount = countPause(input.calendar, pause.from, pause.to)
    pausedDays += recount.workingDays - pause.workingDays
    if (recount.provisional) stillProvisional.push(recount.provisional)
  }
  const plan = planDeadline({ calendar: input.calendar, acceptedDate: input.acceptedDate, promisedDays: input.promisedDays, pausedWorkingDays: pausedDays, provisionalPauses: stillProvisional })
  return { ...plan, pausedDays }
}
