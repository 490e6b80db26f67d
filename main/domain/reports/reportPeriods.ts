/**
 * The periods a report covers, as hall dates (both ends included): the day
 * itself; the ISO week around it (Monday–Sunday, so a week may straddle a
 * year's end); the calendar month. Pure date arithmetic on plain dates.
 */
import { AppError } from '../errors'
import { addDays, dayOfWeek, daysInMonth, plainDateParts, toEpochDay, type PlainDate } from '../plainDate'

export const reportPeriods = ['day', 'week', 'month'] as const
export type ReportPeriod = (typeof reportPeriods)[number]

export const periodLabels: Readonly<Record<ReportPeriod, string>> = { day: '日报', week: '周报', month: '月报' }

export interface PeriodBounds {
  from: PlainDate
  to: PlainDate
}

export function periodBounds(period: ReportPeriod, date: PlainDate): PeriodBounds {
  const p = plainDateParts(date)
  if (!p) throw new AppError('BAD_INPUT', `统计日期“${date}”不是有效日期（应为 YYYY-MM-DD）`, 'date')
  switch (period) {
    case 'day':
      return { from: date, to: date }
    case 'week': {
      // ISO weeks start on Monday: Sunday (0) is the week's 7th day, not its first.
      const sinceMonday = (dayOfWeek(date) + 6) % 7
      const from = addDays(date, -sinceMonday)
      return { from, to: addDays(from, 6) }
    }
    case 'month': {
      const month = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`
      return { from: `${month}-01`, to: `${month}-${String(daysInMonth(p.year, p.month)).padStart(2, '0')}` }
    }
  }
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(bounds: PeriodBounds): PlainDate[] {
  const days: PlainDate[] = []
  const count = toEpochDay(bounds.to) - toEpochDay(bounds.from)
  for (let i = 0; i <= count; i++) days.push(addDays(bounds.from, i))
  return days
}
