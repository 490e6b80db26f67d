/**
 * The hall's time. Injected into the case services so tests and the demo-data
 * seeder can set "now"; the app uses the system clock. Dates follow the
 * process's local time zone, as the domain's `plainDateOf` does (counter PCs
 * run on China time).
 */
import { plainDateOf, type PlainDate } from '../../domain/plainDate'

export interface HallClock {
  now(): Date
}

export const systemClock: HallClock = { now: () => new Date() }

/** A clock the caller moves: seeding 90 days of history, tests of deadlines. */
export class SettableClock implements HallClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime())
  }
  set(instant: Date): void {
    this.current = new Date(instant.getTime())
  }
}

export function todayOn(clock: HallClock): PlainDate {
  return plainDateOf(clock.now())
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * `2026-11-26T10:06:44.123+08:00`: local wall time with its offset. It starts
 * with the hall date (so a day range is a string range) and still names one instant.
 */
export function localTimestamp(instant: Date): string {
  const offsetMinutes = -instant.getTimezoneOffset()
  const sign = offsetMinutes >= 0 ? '+' : '-'
  const abs = Math.abs(offsetMinutes)
  return (
    `${plainDateOf(instant)}T${pad(instant.getHours())}:${pad(instant.getMinutes())}:${pad(instant.getSeconds())}.${pad(instant.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}
