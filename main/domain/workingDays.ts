/**
 * The working-day clock (工作日): Monday–Friday, minus the official holidays,
 * plus the make-up working days (调休). Every promised deadline in the hall
 * counts in these days.
 */
import { AppError } from './errors'
import type { HolidayCalendarYear } from './holidayCalendar'
import { fromEpochDay, isPlainDate, isWeekend, toEpochDay, yearOf, type PlainDate } from './plainDate'

/** One year as arrays over its days, so counting is arithmetic rather than a walk through strings. */
interface YearDays {
  /** Epoch day of 1 January. */
  firstDay: number
  /** 1 for a working day, by day of the year. */
  working: Uint8Array
  /** Working days from 1 January up to and including each day. */
  cumulative: Uint16Array
}

function requireDate(date: string, what: string): void {
  if (!isPlainDate(date)) throw new AppError('BAD_INPUT', `${what}“${date}”不是有效日期（应为 YYYY-MM-DD）`)
}

function buildYear(y: HolidayCalendarYear): YearDays {
  const firstDay = toEpochDay(`${String(y.year).padStart(4, '0')}-01-01`)
  const length = toEpochDay(`${String(y.year + 1).padStart(4, '0')}-01-01`) - firstDay
  const working = new Uint8Array(length)
  for (let i = 0; i < length; i++) working[i] = isWeekend(fromEpochDay(firstDay + i)) ? 0 : 1
  for (const h of y.holidays) {
    const last = toEpochDay(h.to)
    for (let d = toEpochDay(h.from); d <= last; d++) if (d - firstDay >= 0 && d - firstDay < length) working[d - firstDay] = 0
  }
  for (const d of y.makeupWorkdays) {
    const i = toEpochDay(d) - firstDay
    if (i >= 0 && i < length) working[i] = 1
  }
  const cumulative = new Uint16Array(length)
  let sum = 0
  for (let i = 0; i < length; i++) {
    sum += working[i]!
    cumulative[i] = sum
  }
  return { firstDay, working, cumulative }
}

export class WorkingDayCalendar {
  private byYear = new Map<number, YearDays>()
  /**
   * Only on a provisional view (`provisional()`): the years not loaded, each
   * counted Monday–Friday, kept so the view can say which years it guessed.
   */
  private weekendOnly: Map<number, YearDays> | undefined

  /** A later entry for the same year replaces an earlier one: an imported calendar overrides the shipped one. */
  constructor(years: readonly HolidayCalendarYear[]) {
    for (const y of years) this.byYear.set(y.year, buildYear(y))
  }

  /**
   * A view of this calendar that counts a year with no calendar as plain
   * Monday–Friday instead of refusing, and remembers which years it did that
   * for (`weekendOnlyYears`). For provisional deadlines (暂定) only: whatever
   * it counts must be marked so and recounted when the year is imported.
   * Shares the loaded years, so a view costs nothing to make.
   */
  provisional(): WorkingDayCalendar {
    const view = new WorkingDayCalendar([])
    view.byYear = this.byYear
    view.weekendOnly = new Map()
    return view
  }

  /** The years a provisional view counted on weekends alone so far, ascending; none on a plain calendar. */
  weekendOnlyYears(): number[] {
    return [...(this.weekendOnly?.keys() ?? [])].sort((a, b) => a - b)
  }

  hasYear(year: number): boolean {
    return this.byYear.has(year)
  }

  /** The loaded years, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b)
  }

  isWorkingDay(date: PlainDate): boolean {
    requireDate(date, '日期')
    return this.isWorkingEpochDay(toEpochDay(date))
  }

  /**
   * The N-th working day after `startDate` (the day of acceptance does not
   * count, whatever it is). N = 0 gives the start date itself: an item
   * promised "on the spot" (即办) is due the same day.
   */
  addWorkingDays(startDate: PlainDate, n: number): PlainDate {
    requireDate(startDate, '起算日')
    if (!Number.isInteger(n) || n < 0) throw new AppError('BAD_INPUT', `工作日数应为非负整数，收到 ${n}`)
    let day = toEpochDay(startDate)
    if (n === 0) {
      // A plain calendar still wants the year, as for any other deadline; a provisional view's answer does not depend on it.
      if (!this.weekendOnly) this.yearDays(yearOf(startDate))
      return startDate
    }
    let counted = 0
    while (counted < n) {
      day++
      if (this.isWorkingEpochDay(day)) counted++
    }
    return fromEpochDay(day)
  }

  /**
   * Working days strictly after `fromDate` up to and including `toDate`.
   * Negative when `toDate` is earlier (−workingDaysBetween(toDate, fromDate)),
   * so "overdue by N working days" reads off the same function.
   */
  workingDaysBetween(fromDate: PlainDate, toDate: PlainDate): number {
    requireDate(fromDate, '起始日')
    requireDate(toDate, '截止日')
    if (toDate < fromDate) return -this.workingDaysBetween(toDate, fromDate)
    const first = toEpochDay(fromDate) + 1
    const last = toEpochDay(toDate)
    if (last < first) return 0
    let count = 0
    // Year by year over the days counted; only the years those days touch must be loaded.
    for (let year = yearOf(fromEpochDay(first)); year <= yearOf(toDate); year++) {
      const days = this.yearDays(year)
      const lo = Math.max(first, days.firstDay) - days.firstDay
      const hi = Math.min(last, days.firstDay + days.working.length - 1) - days.firstDay
      count += days.cumulative[hi]! - (lo > 0 ? days.cumulative[lo - 1]! : 0)
    }
    return count
  }

  private isWorkingEpochDay(day: number): boolean {
    // A handful of years are loaded: a scan beats formatting the date to find its year.
    for (const days of this.byYear.values()) {
      const i = day - days.firstDay
      if (i >= 0 && i < days.working.length) return days.working[i] === 1
    }
    // Throws CALENDAR_MISSING naming the year, or (provisional view) gives the weekend-only year.
    const days = this.yearDays(yearOf(fromEpochDay(day)))
    return days.working[day - days.firstDay] === 1
  }

  private yearDays(year: number): YearDays {
    const days = this.byYear.get(year)
    if (days) return days
    // Never fall back to plain weekends silently: a deadline wrong by a Spring Festival week is worse than none.
    // Only a provisional view does, and it records the year so the result is marked 暂定.
    if (!this.weekendOnly) throw new AppError('CALENDAR_MISSING', `缺少 ${year} 年节假日日历，请先导入（npm run cli -- calendar import FILE）`)
    let guessed = this.weekendOnly.get(year)
    if (!guessed) {
      guessed = buildYear({ year, source: '', holidays: [], makeupWorkdays: [] })
      this.weekendOnly.set(year, guessed)
    }
    return guessed
  }
}

/**
 * Runs a count on a provisional view of `calendar`: years with no calendar
 * count Monday–Friday only. `missingYears` (ascending) names the years that
 * were guessed that way; empty means the result is exact.
 */
export function countProvisionally<T>(calendar: WorkingDayCalendar, count: (view: WorkingDayCalendar) => T): { value: T; missingYears: number[] } {
  const view = calendar.provisional()
  const value = count(view)
  return { value, missingYears: view.weekendOnlyYears() }
}

/**
 * Deadline = end of the N-th working day after acceptance, moved later by the
 * working days the case spent waiting for supplement (补正 stops the clock).
 */
export function computeDeadline(input: {
  calendar: WorkingDayCalendar
  acceptedDate: PlainDate
  promisedDays: number
  pausedWorkingDays?: number
}): PlainDate {
  const paused = input.pausedWorkingDays ?? 0
  if (!Number.isInteger(paused) || paused < 0) throw new AppError('BAD_INPUT', `暂停工作日数应为非负整数，收到 ${paused}`)
  return input.calendar.addWorkingDays(input.acceptedDate, input.promisedDays + paused)
}

/**
 * Working days a supplement pause (补正) took: those after the day the case
 * was sent back, up to and including the day the materials came in. Paused
 * and resumed the same day costs nothing.
 */
export function pauseWorkingDays(calendar: WorkingDayCalendar, pauseStartDate: PlainDate, resumeDate: PlainDate): number {
  requireDate(pauseStartDate, '补正开始日')
  requireDate(resumeDate, '补正结束日')
  if (resumeDate < pauseStartDate) throw new AppError('BAD_INPUT', `补正结束日 ${resumeDate} 早于开始日 ${pauseStartDate}`)
  return calendar.workingDaysBetween(pauseStartDate, resumeDate)
}

export type DeadlineLight = 'green' | 'yellow' | 'red'

/**
 * The SLA light: red once `today` is past the deadline day; yellow when the
 * working days left (after today, up to the deadline) are at most
 * max(1, 20% of the promised days); green otherwise.
 */
export function deadlineLight(input: { today: PlainDate; deadline: PlainDate; totalDays: number; calendar: WorkingDayCalendar }): DeadlineLight {
  requireDate(input.today, '今天')
  requireDate(input.deadline, '截止日')
  if (input.today > input.deadline) return 'red'
  const remaining = input.calendar.workingDaysBetween(input.today, input.deadline)
  const threshold = Math.max(1, input.totalDays * 0.2)
  return remaining <= threshold ? 'yellow' : 'green'
}
