import { describe, expect, it } from 'vitest'
import { computeDeadline, deadlineLight, pauseWorkingDays } from '../../../main/domain/workingDays'
import { shippedCalendar } from '../../fixtures/calendarBuilder'

const calendar = shippedCalendar()

describe('deadlines', () => {
  it('is the N-th working day after acceptance when the case never paused', () => {
    expect(computeDeadline({ calendar, acceptedDate: '2026-09-30', promisedDays: 3 })).toBe('2026-10-10')
    expect(computeDeadline({ calendar, acceptedDate: '2026-03-02', promisedDays: 5, pausedWorkingDays: 0 })).toBe('2026-03-09')
  })

  it('stops the clock while the case needs supplement', () => {
    // Sent back Tue Mar 3, materials in Thu Mar 5: Mar 4 and Mar 5 do not count.
    const paused = pauseWorkingDays(calendar, '2026-03-03', '2026-03-05')
    expect(paused).toBe(2)
    expect(computeDeadline({ calendar, acceptedDate: '2026-03-02', promisedDays: 5, pausedWorkingDays: paused })).toBe('2026-03-11')
  })

  it('counts only working days of a pause that spans a holiday', () => {
    // Sep 30 (1), Oct 1–7 off, Oct 8 (2), Oct 9 (3).
    expect(pauseWorkingDays(calendar, '2026-09-29', '2026-10-09')).toBe(3)
  })

  it('costs nothing when the case is supplied the day it was sent back', () => {
    expect(pauseWorkingDays(calendar, '2026-03-03', '2026-03-03')).toBe(0)
  })

  it('refuses a pause that ends before it starts', () => {
    expect(() => pauseWorkingDays(calendar, '2026-03-05', '2026-03-03')).toThrowError(
      expect.objectContaining({ code: 'BAD_INPUT', message: '补正结束日 2026-03-03 早于开始日 2026-03-05' }),
    )
  })

  it('refuses a negative pause', () => {
    expect(() => computeDeadline({ calendar, acceptedDate: '2026-03-02', promisedDays: 5, pausedWorkingDays: -1 })).toThrowError(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    )
  })
})

describe('deadline lights', () => {
  const light = (today: string, deadline: string, totalDays: number) => deadlineLight({ today, deadline, totalDays, calendar })

  it('is green with more than one working day left on a short item', () => {
    // Deadline Mon Mar 9; from Thu Mar 5 two working days remain (Fri, Mon).
    expect(light('2026-03-05', '2026-03-09', 5)).toBe('green')
  })

  it('turns yellow with one working day left, and stays yellow on the deadline day', () => {
    expect(light('2026-03-06', '2026-03-09', 5)).toBe('yellow')
    expect(light('2026-03-07', '2026-03-09', 5)).toBe('yellow') // Saturday: still only Monday left
    expect(light('2026-03-09', '2026-03-09', 5)).toBe('yellow')
  })

  it('turns red the day after the deadline', () => {
    expect(light('2026-03-10', '2026-03-09', 5)).toBe('red')
  })

  it('turns yellow at 20% left on a long item', () => {
    const deadline = calendar.addWorkingDays('2026-03-02', 50)
    const tenLeft = calendar.addWorkingDays('2026-03-02', 40)
    const elevenLeft = calendar.addWorkingDays('2026-03-02', 39)
    expect(light(elevenLeft, deadline, 50)).toBe('green')
    expect(light(tenLeft, deadline, 50)).toBe('yellow')
  })

  it('counts what is left in working days, so a holiday does not make a case look urgent', () => {
    // Sep 30 to Oct 10 is ten calendar days but three working days.
    expect(light('2026-09-30', '2026-10-10', 10)).toBe('green')
    expect(light('2026-09-30', '2026-10-10', 20)).toBe('yellow')
  })
})
