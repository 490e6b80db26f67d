import { describe, expect, it } from 'vitest'
import { WorkingDayCalendar } from '../../../main/domain/workingDays'
import { addDays } from '../../../main/domain/plainDate'
import { aCalendarYear, shipped2026, shippedCalendar } from '../../fixtures/calendarBuilder'

const calendar = shippedCalendar()

describe('which days are working days', () => {
  it('counts Monday to Friday and not the weekend', () => {
    expect(calendar.isWorkingDay('2026-03-02')).toBe(true) // Monday
    expect(calendar.isWorkingDay('2026-03-06')).toBe(true) // Friday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false) // Saturday
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false) // Sunday
  })

  it('takes official holidays out, weekdays included', () => {
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false) // 春节, Monday
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false) // 国庆节, Wednesday
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false) // 2025 国庆节、中秋节 ends on a Wednesday
  })

  it('makes the make-up weekend days (调休) working days', () => {
    for (const day of ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-10-10']) {
      expect(calendar.isWorkingDay(day), day).toBe(true)
    }
  })

  it('lists the years it holds', () => {
    expect(calendar.years()).toEqual([2025, 2026])
    expect(calendar.hasYear(2026)).toBe(true)
    expect(calendar.hasYear(2027)).toBe(false)
  })

  it('uses the later calendar when a year is given twice, as an import replaces the shipped file', () => {
    const corrected = { ...shipped2026(), holidays: [], makeupWorkdays: [] }
    const replaced = new WorkingDayCalendar([shipped2026(), corrected])
    expect(replaced.isWorkingDay('2026-02-16')).toBe(true)
  })
})

describe('adding working days', () => {
  it('crosses the 2026 National Day holiday and lands on the make-up Saturday', () => {
    // Oct 1–7 off; Oct 8 Thu (1), Oct 9 Fri (2), Oct 10 Sat make-up (3).
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08')
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10')
  })

  it('crosses the 2026 Spring Festival: enterprise registration accepted on the Thursday before', () => {
    // Feb 13 Fri (1), Feb 14 Sat make-up (2), Feb 15–23 off, Feb 24 Tue (3).
    expect(calendar.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24')
  })

  it('crosses the 2025 holidays with their make-up days', () => {
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27') // Sun Jan 26 is a make-up day
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09')
    expect(calendar.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11') // Sat make-up day
  })

  it('crosses from 2025 into 2026, where Sunday 4 January is a working day', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04')
  })

  it('does not count the day of acceptance, even when it is a working day', () => {
    expect(calendar.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03')
    expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09') // accepted on a Saturday
  })

  it('gives the day itself for zero days (items done on the spot)', () => {
    expect(calendar.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07')
  })

  it('agrees with workingDaysBetween for every start day and span', () => {
    for (let start = '2025-01-01'; start <= '2026-06-30'; start = addDays(start, 1)) {
      for (const n of [1, 3, 5, 20, 50]) {
        const end = calendar.addWorkingDays(start, n)
        expect(calendar.isWorkingDay(end)).toBe(true)
        expect(calendar.workingDaysBetween(start, end)).toBe(n)
        expect(calendar.workingDaysBetween(start, addDays(end, -1))).toBe(n - 1)
      }
    }
  })

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrowError(expect.objectContaining({ code: 'BAD_INPUT' }))
    expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrowError(expect.objectContaining({ code: 'BAD_INPUT' }))
  })

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => calendar.addWorkingDays('2026-3-2', 1)).toThrowError(
      expect.objectContaining({ code: 'BAD_INPUT', message: '起算日“2026-3-2”不是有效日期（应为 YYYY-MM-DD）' }),
    )
  })
})

describe('a year with no calendar', () => {
  it('fails naming 2027 instead of falling back to weekends', () => {
    expect(() => calendar.addWorkingDays('2026-12-30', 2)).toThrowError(
      expect.objectContaining({ code: 'CALENDAR_MISSING', message: '缺少 2027 年节假日日历，请先导入（npm run cli -- calendar import FILE）' }),
    )
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrowError(expect.objectContaining({ code: 'CALENDAR_MISSING' }))
  })

  it('computes up to the end of the loaded year without asking for the next', () => {
    expect(calendar.addWorkingDays('2026-12-29', 2)).toBe('2026-12-31')
  })

  it('names an earlier missing year too', () => {
    expect(() => calendar.workingDaysBetween('2024-12-30', '2025-01-03')).toThrowError(
      expect.objectContaining({ code: 'CALENDAR_MISSING', message: expect.stringContaining('缺少 2024 年') }),
    )
  })

  it('works across the boundary once the year is imported', () => {
    const withNext = new WorkingDayCalendar([shipped2026(), aCalendarYear({ year: 2027 })])
    // Dec 31 Thu (1); Jan 1 holiday; Jan 2–3 weekend; Jan 4 Mon (2).
    expect(withNext.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04')
  })
})

describe('counting working days between two dates', () => {
  it('counts days strictly after the first up to and including the second', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3)
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0)
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1)
  })

  it('is negative when the second date is earlier, for "overdue by N days"', () => {
    expect(calendar.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-3)
  })
})
