/**
 * The report's headline numbers, in the order a supervisor reads them, as
 * text ready to show: a share as a percentage, an average to one decimal,
 * "—" where there is nothing to divide (no case decided yet).
 */
import type { Report } from '../../../main/contract/reports'

export type FigureKey =
  | 'accepted'
  | 'onTimeShare'
  | 'overdue'
  | 'averageHandlingDays'
  | 'deferredIntakes'
  | 'supplementRequests'
  | 'openFollowUps'
  | 'shipped'
  | 'delivered'
  | 'exceptions'

/** `warn`: a number a supervisor acts on when it is not zero (overdue cases, open 差评, carrier exceptions). */
export interface Figure {
  key: FigureKey
  text: string
  isWarning: boolean
}

export const NO_FIGURE = '—'

/** 0.875 → "87.5%", 1 → "100%". */
export function shareText(share: number | null): string {
  if (share === null) return NO_FIGURE
  const percent = Math.round(share * 1000) / 10
  return `${percent}%`
}

/** 2.25 → "2.3"; 2 → "2.0": the unit (工作日) sits beside it. */
export function daysText(days: number | null): string {
  return days === null ? NO_FIGURE : days.toFixed(1)
}

export function headlineFigures(report: Report): Figure[] {
  const count = (key: FigureKey, value: number, canWarn = false): Figure => ({ key, text: String(value), isWarning: canWarn && value > 0 })
  return [
    count('accepted', report.accepted),
    { key: 'onTimeShare', text: shareText(report.deadlines.onTimeShare), isWarning: report.deadlines.onTimeShare !== null && report.deadlines.onTimeShare < 1 },
    count('overdue', report.deadlines.overdue, true),
    { key: 'averageHandlingDays', text: daysText(report.averageHandlingDays), isWarning: false },
    count('deferredIntakes', report.deferredIntakes),
    count('supplementRequests', report.supplementRequests),
    count('openFollowUps', report.ratings.openFollowUps, true),
    count('shipped', report.express.shipped),
    count('delivered', report.express.delivered),
    count('exceptions', report.express.exceptions, true),
  ]
}
