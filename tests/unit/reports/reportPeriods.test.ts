import { describe, expect, it } from 'vitest'
import { daysBetween, periodBounds } from '../../../main/domain/reports/reportPeriods'

describe('the days a report covers', () => {
  it('covers the day itself for a daily report', () => {
    expect(periodBounds('day', '2026-03-04')).toEqual({ from: '2026-03-04', to: '2026-03-04' })
  })

  it('runs a week from Monday to Sunday whichever day is asked for', () => {
    expect(periodBounds('week', '2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-08' }) // Monday
    expect(periodBounds('week', '2026-03-05')).toEqual({ from: '2026-03-02', to: '2026-03-08' }) // Thursday
    expect(periodBounds('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' }) // Sunday ends the week, not starts it
  })

  it('lets an ISO week straddle the end of a year', () => {
    // 2025-12-31 is a Wednesday; its week runs into 2026.
    expect(periodBounds('week', '2025-12-31')).toEqual({ from: '2025-12-29', to: '2026-01-04' })
    expect(periodBounds('week', '2026-01-03')).toEqual({ from: '2025-12-29', to: '2026-01-04' })
    expect(daysBetween(periodBounds('week', '2026-01-01'))).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'])
  })

  it("ends a month on its own last day, February of a leap year included", () => {
    expect(periodBounds('month', '2026-04-30')).toEqual({ from: '2026-04-01', to: '2026-04-30' })
    expect(periodBounds('month', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31' })
    expect(periodBounds('month', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(periodBounds('month', '2028-02-29')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(daysBetween(periodBounds('month', '2026-12-31'))).toHaveLength(31)
  })

  it('refuses a date that does not exist, naming it', () => {
    expect(() => periodBounds('month', '2026-02-30')).toThrow(/2026-02-30/)
  })
})
