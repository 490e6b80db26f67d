/**
 * Stored moments have one form: a UTC instant in ISO 8601 with `Z`
 * (`2026-12-02T02:06:44.123Z`). Every station of a hall writes the same text
 * for the same instant, PostgreSQL's timestamptz reads it as is, and as a
 * string it sorts in time order. Where a day matters (the queue's acceptance
 * day, reports) the hall's date (`plainDateOf`) is stored beside it; screens
 * and paper show local time. "Local" is the process's time zone, as for
 * `plainDateOf`: counter PCs run on the hall's time.
 *
 * Before migration 10 many columns held local wall time with its offset
 * (`2026-11-26T10:06:44.123+08:00`); audit rows written then keep that text
 * (see 010_utc_timestamps.ts), so readers accept both forms.
 */
import { plainDateOf, plainDateParts, type PlainDate } from './plainDate'

/** `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export type UtcTimestamp = string

const UTC_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
/** The earlier form: local wall time and its offset (seconds' fraction optional). */
const OFFSET_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?[+-]\d{2}:\d{2}$/

/** The one way a moment is written to the store (and into events about stored rows). */
export function utcTimestamp(instant: Date): UtcTimestamp {
  if (Number.isNaN(instant.getTime())) throw new RangeError('无效的时间：不能写入存储')
  return instant.toISOString()
}

export function isUtcTimestamp(text: string): boolean {
  return UTC_SHAPE.test(text) && !Number.isNaN(Date.parse(text))
}

/**
 * An earlier offset timestamp as UTC; undefined for anything else (UTC text
 * already, or text that is not a timestamp), which callers leave as it is.
 */
export function utcOfOffsetTimestamp(text: string): UtcTimestamp | undefined {
  if (!OFFSET_SHAPE.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/**
 * The instant the hall's day begins (local midnight), as stored: a range of
 * days becomes a range of stored instants, served by the same index the
 * queue sorts by. (Where a zone skips midnight, the day's first instant.)
 */
export function hallDayStart(day: PlainDate): UtcTimestamp {
  const p = plainDateParts(day)
  if (!p) throw new RangeError(`不是合法日期：${day}（应为 YYYY-MM-DD）`)
  const d = new Date(0)
  // setFullYear, unlike the Date constructor, does not map years 0–99 onto 1900–1999.
  d.setFullYear(p.year, p.month - 1, p.day)
  d.setHours(0, 0, 0, 0)
  return d.toISOString()
}

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * A stored timestamp (either form) as the hall reads it: local
 * `YYYY-MM-DD HH:mm`, or with seconds. Text that is no timestamp comes back
 * unchanged: paper shows what was recorded rather than nothing.
 */
export function hallMoment(stored: string, precision: 'minute' | 'second' = 'minute'): string {
  const ms = Date.parse(stored)
  if (Number.isNaN(ms) || !(UTC_SHAPE.test(stored) || OFFSET_SHAPE.test(stored))) return stored
  const d = new Date(ms)
  const minute = `${plainDateOf(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return precision === 'minute' ? minute : `${minute}:${pad(d.getSeconds())}`
}
