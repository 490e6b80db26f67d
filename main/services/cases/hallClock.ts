/**
 * The hall's time. Injected into the case services so tests and the demo-data
 * seeder can set "now"; the app uses the system clock. Dates follow the
 * process's local time zone, as the domain's `plainDateOf` does (counter PCs
 * run on China time). Moments are stored as UTC (`utcTimestamp` in
 * main/domain/timestamps.ts), days as the local date.
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
