import { describe, expect, it } from 'vitest'
import type { OutboxStatsView } from '../../../main/contract/outbox'
import { outboxStatusLook } from '../../../renderer/components/outboxStatusModel'

const stats = (over: Partial<OutboxStatsView>): OutboxStatsView => ({ at: '2026-11-30T02:00:00.000Z', backlog: 0, oldestWaitingAt: null, parked: 0, byLane: {}, ...over })

describe('the outbox tag in the status bar', () => {
  it('is hidden while nothing waits and nothing is parked', () => {
    expect(outboxStatusLook(stats({}), 0)).toMatchObject({ isShown: false, isAlarm: false, oldestAge: null })
  })

  it('shows the backlog and how long its oldest row has waited, by the station clock', () => {
    const look = outboxStatusLook(stats({ backlog: 3, oldestWaitingAt: '2026-11-30T01:48:30.000Z' }), 0)
    expect(look).toEqual({ isShown: true, isAlarm: false, backlog: 3, parked: 0, oldestAge: { unit: 'minutes', count: 11 } })
  })

  it('lets the age grow with the time since the counts arrived', () => {
    const waiting = stats({ backlog: 1, oldestWaitingAt: '2026-11-30T01:59:30.000Z' })
    expect(outboxStatusLook(waiting, 0).oldestAge).toEqual({ unit: 'lessThanMinute', count: 1 })
    expect(outboxStatusLook(waiting, 2 * 3_600_000).oldestAge).toEqual({ unit: 'hours', count: 2 })
    expect(outboxStatusLook(waiting, 3 * 86_400_000).oldestAge).toEqual({ unit: 'days', count: 3 })
  })

  it('turns red while a row is parked for a person, even with no backlog', () => {
    expect(outboxStatusLook(stats({ parked: 1 }), 0)).toEqual({ isShown: true, isAlarm: true, backlog: 0, parked: 1, oldestAge: null })
  })
})
