import { describe, expect, it } from 'vitest'
import { calendarNotice } from '../../../main/domain/calendarNotice'
import { addDays, isWeekend } from '../../../main/domain/plainDate'
import { countPause, planDeadline, provisionalNote, replanDeadline } from '../../../main/domain/provisionalDeadline'
import { countProvisionally, WorkingDayCalendar } from '../../../main/domain/workingDays'
import { aCalendarYear, shipped2025, shipped2026, shippedCalendar } from '../../fixtures/calendarBuilder'

const calendar = shippedCalendar()
/** What a provisional count must equal: the loaded years, plus each missing year as a year with no holidays at all. */
const weekendsOnly = (...years: number[]) => new WorkingDayCalendar([shipped2025(), shipped2026(), ...years.map((year) => aCalendarYear({ year, holidays: [] }))])

describe('counting with a year that has no calendar', () => {
  it('counts the missing year Monday to Friday and names it', () => {
    // 2026-12-20 (Sun) + 10: Dec 21–25 and 28–31 are nine; Friday 2027-01-01 is the tenth by weekends alone.
    expect(countProvisionally(calendar, (c) => c.addWorkingDays('2026-12-20', 10))).toEqual({ value: '2027-01-01', missingYears: [2027] })
  })

  it('names no year and gives the exact answer when the span is loaded', () => {
    expect(countProvisionally(calendar, (c) => c.addWorkingDays('2026-09-30', 3))).toEqual({ value: '2026-10-10', missingYears: [] })
  })

  it('leaves the holidays and make-up days (调休) of loaded years as they are', () => {
    // Every start from late September 2026 and every span into 2027: the National Day week and the 10-10 make-up Saturday count as in the notice.
    const guessed = weekendsOnly(2027)
    for (let start = '2026-09-20'; start <= '2026-12-31'; start = addDays(start, 3)) {
      for (const n of [1, 5, 20, 50, 80]) {
        const { value, missingYears } = countProvisionally(calendar, (c) => c.addWorkingDays(start, n))
        expect([start, n, value]).toEqual([start, n, guessed.addWorkingDays(start, n)])
        expect(missingYears).toEqual(value >= '2027-01-01' ? [2027] : [])
      }
    }
    expect(countProvisionally(calendar, (c) => c.isWorkingDay('2026-10-10'))).toEqual({ value: true, missingYears: [] })
    expect(countProvisionally(calendar, (c) => c.isWorkingDay('2026-10-07'))).toEqual({ value: false, missingYears: [] })
  })

  it('spans two missing years and names both', () => {
    const { value, missingYears } = countProvisionally(calendar, (c) => c.addWorkingDays('2026-12-01', 300))
    expect(missingYears).toEqual([2027, 2028])
    expect(value).toBe(weekendsOnly(2027, 2028).addWorkingDays('2026-12-01', 300))
    expect(value.startsWith('2028-')).toBe(true)
    // Between two days of the missing years: plain weekdays.
    let weekdays = 0
    for (let d = addDays('2027-06-30', 1); d <= '2028-01-31'; d = addDays(d, 1)) if (!isWeekend(d)) weekdays++
    expect(countProvisionally(calendar, (c) => c.workingDaysBetween('2027-06-30', '2028-01-31'))).toEqual({ value: weekdays, missingYears: [2027, 2028] })
  })

  it('names an earlier missing year too', () => {
    expect(countProvisionally(calendar, (c) => c.workingDaysBetween('2024-12-30', '2025-01-03')).missingYears).toEqual([2024])
  })

  it('leaves the calendar itself strict: the plain count still refuses the missing year', () => {
    countProvisionally(calendar, (c) => c.addWorkingDays('2026-12-20', 10))
    expect(() => calendar.addWorkingDays('2026-12-20', 10)).toThrowError(expect.objectContaining({ code: 'CALENDAR_MISSING' }))
    expect(calendar.weekendOnlyYears()).toEqual([])
    expect(calendar.years()).toEqual([2025, 2026])
  })
})

describe('a provisional deadline', () => {
  it('is marked with the year and its reason, the warn date counted the same way', () => {
    const plan = planDeadline({ calendar, acceptedDate: '2026-12-02', promisedDays: 50 })
    const guessed = weekendsOnly(2027)
    expect(plan.deadline).toBe(guessed.addWorkingDays('2026-12-02', 50))
    expect(plan.deadline > '2027-01-01').toBe(true)
    expect(plan.provisional).toEqual({ missingYears: [2027], pauses: [] })
    expect(plan.warnDate < plan.deadline).toBe(true)
    expect(provisionalNote(plan.provisional)).toEqual({ missingYears: [2027], reason: '2027 年节假日安排未导入' })
  })

  it('is not marked when the loaded years cover it', () => {
    expect(planDeadline({ calendar, acceptedDate: '2026-03-02', promisedDays: 20 }).provisional).toBeNull()
    // On the spot (即办): the day itself, whatever the calendar.
    expect(planDeadline({ calendar, acceptedDate: '2027-03-02', promisedDays: 0 })).toMatchObject({ deadline: '2027-03-02', provisional: null })
  })

  it('keeps a pause counted provisionally, and becomes exact once the year is loaded', () => {
    // Paused from Monday 2026-12-28 to Tuesday 2027-01-05: Dec 29–31, Jan 1 (guessed), Jan 4, Jan 5 = 6.
    const pause = countPause(calendar, '2026-12-28', '2027-01-05')
    expect(pause).toEqual({ workingDays: 6, provisional: { from: '2026-12-28', to: '2027-01-05', workingDays: 6, missingYears: [2027] } })
    const plan = planDeadline({ calendar, acceptedDate: '2026-12-01', promisedDays: 10, pausedWorkingDays: 6, provisionalPauses: [pause.provisional!] })
    expect(plan.provisional?.missingYears).toEqual([2027])

    const with2027 = new WorkingDayCalendar([shipped2025(), shipped2026(), aCalendarYear({ year: 2027 })])
    const exact = replanDeadline({ calendar: with2027, acceptedDate: '2026-12-01', promisedDays: 10, pausedDays: 6, provisional: plan.provisional! })
    // New Year's Day is a holiday after all: the pause took 5 working days, and nothing is guessed any more.
    expect(exact.pausedDays).toBe(5)
    expect(exact.provisional).toBeNull()
    expect(exact.deadline).toBe(with2027.addWorkingDays('2026-12-01', 15))
  })

  it('stays provisional for the year still missing when only one of two is loaded', () => {
    const plan = planDeadline({ calendar, acceptedDate: '2026-12-01', promisedDays: 300 })
    const with2027 = new WorkingDayCalendar([shipped2025(), shipped2026(), aCalendarYear({ year: 2027 })])
    const again = replanDeadline({ calendar: with2027, acceptedDate: '2026-12-01', promisedDays: 300, pausedDays: 0, provisional: plan.provisional! })
    expect(again.provisional).toEqual({ missingYears: [2028], pauses: [] })
    expect(provisionalNote(again.provisional)?.reason).toBe('2028 年节假日安排未导入')
  })
})

describe('the status-bar notice about next year', () => {
  it('says nothing on 31 October and warns from 1 November while next year is missing', () => {
    expect(calendarNotice('2026-10-31', [2025, 2026])).toBeNull()
    expect(calendarNotice('2026-11-01', [2025, 2026])).toEqual({ kind: 'next_year_missing', year: 2027, message: '2027 年节假日安排未导入，新受理办件的时限将暂按周末计算' })
    expect(calendarNotice('2026-12-31', [2025, 2026])?.year).toBe(2027)
  })

  it('is gone once next year is loaded', () => {
    expect(calendarNotice('2026-11-01', [2025, 2026, 2027])).toBeNull()
  })

  it('warns at once when this year itself has no calendar', () => {
    expect(calendarNotice('2027-01-04', [2025, 2026])).toMatchObject({ kind: 'this_year_missing', year: 2027 })
  })
})
