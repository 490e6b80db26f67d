import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { localDateTime, localMonthDayTime } from '../../../renderer/localTime'

// The counter runs on China time; Node re-reads TZ when it is set.
beforeAll(() => {
  vi.stubEnv('TZ', 'Asia/Shanghai')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

describe('moments on screen', () => {
  it('shows a stored UTC instant in the counter’s local time, the local day included', () => {
    // 16:30 UTC on the 1st is 00:30 on the 2nd in the hall: slicing the text would show the wrong day and hour.
    expect(localDateTime('2026-12-01T16:30:05.123Z')).toBe('2026-12-02 00:30:05')
    expect(localMonthDayTime('2026-12-01T16:30:05.123Z')).toBe('12-02 00:30')
  })

  it('shows a moment written before the move to UTC (with its offset) the same way', () => {
    expect(localDateTime('2026-12-02T00:30:05.123+08:00')).toBe('2026-12-02 00:30:05')
  })
})
