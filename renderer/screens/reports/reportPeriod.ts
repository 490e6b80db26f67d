/**
 * The 统计 screen's period: a day, a week (Monday–Sunday, as the report
 * counts it) or a month, named by any date inside it. Plain `YYYY-MM-DD`
 * arithmetic (main/domain/plainDate), so no time zone can shift a day.
 */
import type { ReportPeriod } from '../../../main/contract/reports'
import { addDays, dayOfWeek, daysInMonth, plainDateParts, type PlainDate } from '../../../main/domain/plainDate'

export const reportPeriods: readonly ReportPeriod[] = ['day', 'week', 'month']

export interface PeriodRange {
  from: PlainDate
  to: PlainDate
}

function parts(date: PlainDate): { year: number; month: number; day: number } {
  const p = plainDateParts(date)
  if (!p) throw new RangeError(`不是合法日期：${date}（应为 YYYY-MM-DD）`)
  return p
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
const dateOf = (year: number, month: number, day: number): PlainDate => `${pad(year, 4)}-${pad(month)}-${pad(day)}`

/** The days the report for `date` covers, both included: the day; its Monday to Sunday; the 1st to the month's last day. */
export function periodRange(period: ReportPeriod, date: PlainDate): PeriodRange {
  if (period === 'day') return { from: date, to: date }
  if (period === 'week') {
    // dayOfWeek: 0 = Sunday, so Sunday is the week's seventh day.
    const monday = addDays(date, -((dayOfWeek(date) + 6) % 7))
    return { from: monday, to: addDays(monday, 6) }
  }
  const { year, month } = parts(date)
  return { from: dateOf(year, month, 1), to: dateOf(year, month, daysInMonth(year, month)) }
}

/**
 * The date `steps` periods before (negative) or after `date`: a day, seven
 * days, or a calendar month with the day kept where the month has it
 * (31 January → 28 or 29 February), so stepping back and forth stays in the
 * months the supervisor walks through.
 */
export function stepPeriod(period: ReportPeriod, date: PlainDate, steps: number): PlainDate {
  if (period === 'day') return addDays(date, steps)
  if (period === 'week') return addDays(date, 7 * steps)
  const { year, month, day } = parts(date)
  const index = year * 12 + (month - 1) + steps
  const nextYear = Math.floor(index / 12)
  const nextMonth = (index % 12) + 1
  return dateOf(nextYear, nextMonth, Math.min(day, daysInMonth(nextYear, nextMonth)))
}

/** Whether the period holds `today`: the screen then says so (今天 / 本周 / 本月). */
export function isCurrentPeriod(period: ReportPeriod, date: PlainDate, today: PlainDate | null): boolean {
  if (today === null) return false
  const { from, to } = periodRange(period, date)
  return from <= today && today <= to
}
