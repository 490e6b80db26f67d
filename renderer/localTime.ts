/**
 * Stored moments are UTC instants (`2026-12-02T02:06:44.123Z`): the screens
 * show them in the counter's local time, formatted from the instant — never
 * sliced out of the text, which would show the UTC wall clock (8 hours off in
 * China, and the day before for anything between 00:00 and 08:00).
 */
import dayjs from 'dayjs'

/** `2026-12-02 10:06:44`: case page, timeline, acceptance result. */
export function localDateTime(at: string): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm:ss')
}

/** `12-02 10:06`: the queue's narrow column. */
export function localMonthDayTime(at: string): string {
  return dayjs(at).format('MM-DD HH:mm')
}
