import { describe, expect, it } from 'vitest'
import { holidayCalendarProblems, parseHolidayCalendar } from '../../../main/domain/holidayCalendar'
import { addDays } from '../../../main/domain/plainDate'
import { aCalendarYear, shipped2025, shipped2026 } from '../../fixtures/calendarBuilder'

function holidayDays(year: { holidays: { from: string; to: string }[] }): number {
  let n = 0
  for (const h of year.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) n++
  return n
}

describe('shipped holiday calendars', () => {
  it('holds the State Council arrangement for 2025', () => {
    const y = shipped2025()
    expect(y.holidays.map((h) => [h.from, h.to])).toEqual([
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ])
    expect(y.makeupWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
    expect(holidayDays(y)).toBe(28)
  })

  it('holds the State Council arrangement for 2026 with each holiday named', () => {
    const y = shipped2026()
    expect(y.holidays.map((h) => `${h.name} ${h.from}–${h.to}`)).toEqual([
      '元旦 2026-01-01–2026-01-03',
      '春节 2026-02-15–2026-02-23',
      '清明节 2026-04-04–2026-04-06',
      '劳动节 2026-05-01–2026-05-05',
      '端午节 2026-06-19–2026-06-21',
      '中秋节 2026-09-25–2026-09-27',
      '国庆节 2026-10-01–2026-10-07',
    ])
    expect(y.makeupWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    expect(holidayDays(y)).toBe(33)
  })
})

describe('calendar file checks', () => {
  const problemsOf = (json: unknown): string[] => holidayCalendarProblems(json).problems

  it('accepts a sound year', () => {
    expect(problemsOf(aCalendarYear())).toEqual([])
  })

  it('names the field and the value of a date that does not exist', () => {
    const json = aCalendarYear({ holidays: [{ name: '春节', from: '2027-02-30', to: '2027-02-12' }] })
    expect(problemsOf(json)).toEqual(['holidays[0].from：“2027-02-30”不是有效日期（应为 YYYY-MM-DD）'])
  })

  it('refuses a make-up working day that is not a weekend', () => {
    // 2027-02-10 is a Wednesday.
    expect(problemsOf(aCalendarYear({ makeupWorkdays: ['2027-02-10'] }))).toEqual([
      'makeupWorkdays[0]：2027-02-10 不是周末，调休上班日只能是周六或周日',
    ])
  })

  it('refuses dates outside the year the file is for', () => {
    const json = aCalendarYear({ year: 2027, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }], makeupWorkdays: ['2028-01-01'] })
    expect(problemsOf(json)).toEqual(['holidays[0]（元旦）.from：2026-12-31 不在 2027 年内', 'makeupWorkdays[0]：2028-01-01 不在 2027 年内'])
  })

  it('refuses holiday ranges that overlap, naming both', () => {
    const json = aCalendarYear({
      holidays: [
        { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
        { name: '中秋节', from: '2027-09-15', to: '2027-10-01' },
      ],
    })
    expect(problemsOf(json)).toEqual(['holidays[0]（国庆节 2027-10-01–2027-10-07）与 holidays[1]（中秋节 2027-09-15–2027-10-01）重叠'])
  })

  it('refuses a range that ends before it starts', () => {
    const json = aCalendarYear({ holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-06' }] })
    expect(problemsOf(json)).toEqual(['holidays[0]（春节）：开始日 2027-02-12 晚于结束日 2027-02-06'])
  })

  it('refuses a make-up day inside a holiday and a repeated make-up day', () => {
    // 2027-01-02 is a Saturday inside the made-up New Year holiday; 2027-02-20 a Saturday.
    const json = aCalendarYear({
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeupWorkdays: ['2027-01-02', '2027-02-20', '2027-02-20'],
    })
    expect(problemsOf(json)).toEqual([
      'makeupWorkdays[0]：2027-01-02 落在假期“元旦”（2027-01-01–2027-01-03）内',
      'makeupWorkdays[2]：2027-02-20 重复',
    ])
  })

  it('names missing and mistyped fields', () => {
    expect(problemsOf({ year: '2027', holidays: [], makeupWorkdays: [] })).toEqual(['year：应为数字', 'source：缺少此项'])
    expect(problemsOf({ ...aCalendarYear(), note: 'x' })).toEqual(['(根)：未知的字段 note'])
  })

  it('throws one error listing every problem, with the year', () => {
    const json = aCalendarYear({ makeupWorkdays: ['2027-02-10', '2027-02-11'] })
    expect(() => parseHolidayCalendar(json)).toThrowError(
      expect.objectContaining({
        code: 'BAD_INPUT',
        message: '节假日日历 2027 年有误：makeupWorkdays[0]：2027-02-10 不是周末，调休上班日只能是周六或周日；makeupWorkdays[1]：2027-02-11 不是周末，调休上班日只能是周六或周日',
      }),
    )
  })
})
