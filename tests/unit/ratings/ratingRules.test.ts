import { describe, expect, it } from 'vitest'
import { parseStationConfig } from '../../../main/config/stationConfig'
import { commands } from '../../../main/contract'
import { checkFollowUpDays, checkRating, closeRefusal, followUpClock, isNegative, visitRefusal } from '../../../main/domain/ratings'
import { shippedCalendar } from '../../fixtures/calendarBuilder'
import { refusal } from '../../fixtures/refusal'

const calendar = shippedCalendar()

describe('a rating (好差评)', () => {
  it('refuses a 差评 (grades 1 and 2) without a reason, naming the reasons field', () => {
    for (const grade of [1, 2]) {
      const err = refusal(() => checkRating({ grade }))
      expect(err.code).toBe('BAD_INPUT')
      expect(err.field).toBe('reasons')
      expect(err.message).toContain('差评')
      expect(err.message).toContain('服务态度')
      expect(() => checkRating({ grade, reasons: [] })).toThrow(/至少选择一项原因/)
    }
  })

  it('takes a good or fair grade without a reason', () => {
    for (const grade of [3, 4, 5]) expect(checkRating({ grade })).toEqual({ grade, reasons: [], text: null })
    expect(isNegative(3)).toBe(false)
    expect(isNegative(2)).toBe(true)
  })

  it('accepts grades 1 to 5 only, whole numbers', () => {
    for (const grade of [0, 6, -1, 2.5, Number.NaN]) expect(refusal(() => checkRating({ grade, reasons: ['attitude'] })).field).toBe('grade')
  })

  it('keeps each reason once in the standard order and wants words with 其他', () => {
    expect(checkRating({ grade: 1, reasons: ['attitude', 'efficiency', 'attitude'], text: '  等了一小时  ' })).toEqual({ grade: 1, reasons: ['efficiency', 'attitude'], text: '等了一小时' })
    expect(refusal(() => checkRating({ grade: 2, reasons: ['other'], text: '   ' })).field).toBe('text')
    expect(refusal(() => checkRating({ grade: 2, reasons: ['rudeness'] })).message).toContain('rudeness')
    expect(refusal(() => checkRating({ grade: 4, text: '好'.repeat(301) })).field).toBe('text')
  })

  it('is refused at the contract for a grade out of range, before any service runs', () => {
    const input = commands['ratings.submit'].input
    expect(input.safeParse({ caseNo: 'X1', visit: 'intake', grade: 1, reasons: ['attitude'] }).success).toBe(true)
    for (const grade of [0, 6, 3.5, '5']) {
      const parsed = input.safeParse({ caseNo: 'X1', visit: 'intake', grade })
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.path).toEqual(['grade'])
    }
    expect(input.safeParse({ caseNo: 'X1', visit: 'pickup', grade: 5 }).success).toBe(false)
  })

  it('rates the output visit only once the result is there to collect', () => {
    expect(visitRefusal({ caseNo: 'C1', visit: 'output', state: 'in_review' })).toContain('尚未到出件环节')
    expect(visitRefusal({ caseNo: 'C1', visit: 'output', state: 'ready' })).toBeNull()
    expect(visitRefusal({ caseNo: 'C1', visit: 'output', state: 'collected' })).toBeNull()
    expect(visitRefusal({ caseNo: 'C1', visit: 'intake', state: 'accepted' })).toBeNull()
  })
})

describe('a 差评 follow-up (整改)', () => {
  it('is due the given working days after the day of the rating, past holidays and counting make-up days (调休)', () => {
    // Rated on 2026-09-30: 10-01…07 are the National Day holiday; 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
    expect(followUpClock({ calendar, openedOn: '2026-09-30', days: 5, today: '2026-09-30', state: 'open' }).dueDate).toBe('2026-10-13')
    // Rated on Monday 2026-03-02, 15 working days: three weeks and a day.
    expect(followUpClock({ calendar, openedOn: '2026-03-02', days: 15, today: '2026-03-02', state: 'open' }).dueDate).toBe('2026-03-23')
  })

  it('shows green, then yellow on its last working day, then red once past due', () => {
    const at = (today: string) => followUpClock({ calendar, openedOn: '2026-09-30', days: 5, today, state: 'open' })
    expect(at('2026-09-30')).toMatchObject({ light: 'green', workingDaysLeft: 5 })
    expect(at('2026-10-09')).toMatchObject({ light: 'green', workingDaysLeft: 3 })
    expect(at('2026-10-12')).toMatchObject({ light: 'yellow', workingDaysLeft: 1 })
    expect(at('2026-10-13')).toMatchObject({ light: 'yellow', workingDaysLeft: 0 })
    expect(at('2026-10-14')).toMatchObject({ light: 'red', workingDaysLeft: -1 })
    expect(followUpClock({ calendar, openedOn: '2026-09-30', days: 5, today: '2026-10-14', state: 'closed' })).toMatchObject({ light: null, workingDaysLeft: null })
  })

  it('counts a year with no holiday calendar Monday to Friday and marks the due date provisional', () => {
    const clock = followUpClock({ calendar, openedOn: '2026-12-28', days: 5, today: '2026-12-28', state: 'open' })
    // 12-29, 12-30, 12-31, then 2027-01-01 (Friday, guessed a working day) and Monday 01-04.
    expect(clock.dueDate).toBe('2027-01-04')
    expect(clock.provisional).toEqual({ missingYears: [2027], reason: '2027 年节假日安排未导入' })
    expect(followUpClock({ calendar, openedOn: '2026-03-02', days: 5, today: '2026-03-02', state: 'open' }).provisional).toBeNull()
  })

  it('takes 5 to 15 working days from the station config, 5 unless set', () => {
    expect(parseStationConfig({}, '/tmp/x').ratings.followUpDays).toBe(5)
    expect(parseStationConfig({ ratings: { followUpDays: 15 } }, '/tmp/x').ratings.followUpDays).toBe(15)
    for (const days of [4, 16, 7.5]) {
      expect(() => parseStationConfig({ ratings: { followUpDays: days } }, '/tmp/x')).toThrow(/ratings\.followUpDays/)
      expect(() => checkFollowUpDays(days)).toThrow(/5–15/)
    }
  })

  it('closes a signed 差评 only after its return visit; an anonymous one on the rectification alone', () => {
    const key = { caseNo: 'C1', visit: 'intake' as const, state: 'open' as const }
    expect(closeRefusal({ ...key, signed: true, hasReturnVisit: false })).toContain('须先记录回访')
    expect(closeRefusal({ ...key, signed: true, hasReturnVisit: true })).toBeNull()
    expect(closeRefusal({ ...key, signed: false, hasReturnVisit: false })).toBeNull()
    expect(closeRefusal({ ...key, state: 'closed', signed: false, hasReturnVisit: false })).toContain('已办结')
  })
})
