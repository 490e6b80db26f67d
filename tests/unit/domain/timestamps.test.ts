import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hallDayStart, hallMoment, isUtcTimestamp, utcOfOffsetTimestamp, utcTimestamp } from '../../../main/domain/timestamps'

const zoneBefore = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai'
})
afterAll(() => {
  process.env.TZ = zoneBefore
})

describe('stored timestamps', () => {
  it('writes one form: the UTC instant with milliseconds and Z', () => {
    const text = utcTimestamp(new Date(2026, 11, 2, 10, 6, 44, 123))
    expect(text).toBe('2026-12-02T02:06:44.123Z')
    expect(isUtcTimestamp(text)).toBe(true)
    expect(isUtcTimestamp('2026-12-02T10:06:44.123+08:00')).toBe(false)
    expect(() => utcTimestamp(new Date(Number.NaN))).toThrow(/无效的时间/)
  })

  it('converts the earlier offset form to the same instant, and leaves anything else alone', () => {
    expect(utcOfOffsetTimestamp('2026-12-02T00:30:00.000+08:00')).toBe('2026-12-01T16:30:00.000Z')
    expect(utcOfOffsetTimestamp('2026-12-02T00:30:00-05:00')).toBe('2026-12-02T05:30:00.000Z')
    expect(utcOfOffsetTimestamp('2026-12-01T16:30:00.000Z')).toBeUndefined()
    expect(utcOfOffsetTimestamp('2026-12-02')).toBeUndefined()
    expect(utcOfOffsetTimestamp('下午 3 点')).toBeUndefined()
  })

  it('starts the hall’s day at local midnight, which is the previous UTC day in China', () => {
    expect(hallDayStart('2026-12-02')).toBe('2026-12-01T16:00:00.000Z')
    // Years below 100 stay themselves (the Date constructor would make 0099 into 1999).
    expect(hallDayStart('0099-01-01')).toMatch(/^0098-12-31T1/)
    expect(() => hallDayStart('2026-02-30')).toThrow(/不是合法日期/)
  })

  it('prints a stored moment in the hall’s local time, whichever form it was stored in', () => {
    expect(hallMoment('2026-12-01T16:30:05.120Z')).toBe('2026-12-02 00:30')
    expect(hallMoment('2026-12-02T00:30:05.120+08:00', 'second')).toBe('2026-12-02 00:30:05')
    expect(hallMoment('not a time')).toBe('not a time')
  })
})
