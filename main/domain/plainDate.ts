/**
 * Calendar dates as plain `YYYY-MM-DD` strings. A deadline is a day in the
 * hall's calendar, not an instant, so no time zone may ever shift it: all
 * arithmetic runs on UTC midnights, which have no daylight saving and no offset.
 */

export type PlainDate = string

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** The parts of a well-formed, real calendar date, or undefined (2026-02-30, 2026-2-3, '' …). */
export function plainDateParts(text: string): { year: number; month: number; day: number } | undefined {
  const m = SHAPE.exec(text)
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  return { year, month, day }
}

export function isPlainDate(text: string): boolean {
  return plainDateParts(text) !== undefined
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Days since 1970-01-01; throws on a malformed date because callers validate at their edge. */
export function toEpochDay(date: PlainDate): number {
  const p = plainDateParts(date)
  if (!p) throw new RangeError(`不是合法日期：${date}（应为 YYYY-MM-DD）`)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const d = new Date(0)
  d.setUTCFullYear(p.year, p.month - 1, p.day)
  return Math.round(d.getTime() / DAY_MS)
}

export function fromEpochDay(epochDay: number): PlainDate {
  const d = new Date(epochDay * DAY_MS)
  const y = String(d.getUTCFullYear()).padStart(4, '0')
  const m = String(d.getUTCMonth() + 1).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, '0')
  return `${y}-${m}-${day}`
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromEpochDay(toEpochDay(date) + days)
}

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export function dayOfWeek(date: PlainDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7
}

export function isWeekend(date: PlainDate): boolean {
  const dow = dayOfWeek(date)
  return dow === 0 || dow === 6
}

export function yearOf(date: PlainDate): number {
  return Number(date.slice(0, 4))
}

/** The local calendar date of an instant: what the counter clerk calls "today". */
export function plainDateOf(instant: Date): PlainDate {
  const y = String(instant.getFullYear()).padStart(4, '0')
  const m = String(instant.getMonth() + 1).padStart(2, '0')
  const d = String(instant.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}
