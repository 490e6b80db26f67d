/**
 * What the status bar says about the outbox: nothing while it is empty, the
 * backlog and the age of its oldest row while effects wait, red while a row
 * is parked for a person. Pure, so it is tested without a window.
 */
import type { OutboxStatsView } from '../../main/contract/outbox'

export interface OutboxStatusLook {
  isShown: boolean
  /** A parked row needs a person: the tag is red. */
  isAlarm: boolean
  backlog: number
  parked: number
  /** How long the oldest waiting row has waited, or null with no backlog. */
  oldestAge: { unit: 'lessThanMinute' | 'minutes' | 'hours' | 'days'; count: number } | null
}

const MINUTE = 60_000

/** `elapsedMs`: real time since the counts arrived (the age grows while nothing is pushed). */
export function outboxStatusLook(stats: OutboxStatsView, elapsedMs: number): OutboxStatusLook {
  const isShown = stats.backlog > 0 || stats.parked > 0
  let oldestAge: OutboxStatusLook['oldestAge'] = null
  if (stats.backlog > 0 && stats.oldestWaitingAt !== null) {
    // Measured on the station's clock (`at`), so a counter PC with a wrong clock still shows the right age.
    const ageMs = Math.max(0, Date.parse(stats.at) - Date.parse(stats.oldestWaitingAt) + Math.max(0, elapsedMs))
    if (ageMs < MINUTE) oldestAge = { unit: 'lessThanMinute', count: 1 }
    else if (ageMs < 60 * MINUTE) oldestAge = { unit: 'minutes', count: Math.floor(ageMs / MINUTE) }
    else if (ageMs < 24 * 60 * MINUTE) oldestAge = { unit: 'hours', count: Math.floor(ageMs / (60 * MINUTE)) }
    else oldestAge = { unit: 'days', count: Math.floor(ageMs / (24 * 60 * MINUTE)) }
  }
  return { isShown, isAlarm: stats.parked > 0, backlog: stats.backlog, parked: stats.parked, oldestAge }
}
