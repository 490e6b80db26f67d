/**
 * Whether the status bar must warn about a holiday calendar not imported.
 * The State Council publishes next year's arrangement around November; from
 * 1 November (hall date) a 10-day item already reaches the next year near the
 * end of December and a 50-day one does at once, so the hall is told early.
 */
import { plainDateParts, type PlainDate } from './plainDate'

/** The month from which next year's missing calendar is announced. */
export const NEXT_YEAR_NOTICE_MONTH = 11

export interface CalendarNotice {
  /** this_year: today itself has no calendar (every new deadline is provisional); next_year: from 1 November. */
  kind: 'this_year_missing' | 'next_year_missing'
  year: number
  message: string
}

export function calendarNotice(today: PlainDate, loadedYears: readonly number[]): CalendarNotice | null {
  const parts = plainDateParts(today)
  if (!parts) throw new RangeError(`不是合法日期：${today}（应为 YYYY-MM-DD）`)
  const loaded = new Set(loadedYears)
  if (!loaded.has(parts.year)) {
    return { kind: 'this_year_missing', year: parts.year, message: `${parts.year} 年节假日安排未导入，办件时限暂按周末计算，请尽快导入` }
  }
  const next = parts.year + 1
  if (parts.month >= NEXT_YEAR_NOTICE_MONTH && !loaded.has(next)) {
    return { kind: 'next_year_missing', year: next, message: `${next} 年节假日安排未导入，新受理办件的时限将暂按周末计算` }
  }
  return null
}
