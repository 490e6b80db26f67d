import { describe, expect, it } from 'vitest'
import { addDays, dayOfWeek, fromEpochDay, isPlainDate, isWeekend, plainDateOf, toEpochDay } from '../../../main/domain/plainDate'

describe('plain calendar dates', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isPlainDate('2024-02-29')).toBe(true)
    expect(isPlainDate('2026-02-29')).toBe(false)
    expect(isPlainDate('2100-02-29')).toBe(false)
    expect(isPlainDate('2000-02-29')).toBe(true)
    expect(isPlainDate('2026-04-31')).toBe(false)
    expect(isPlainDate('2026-4-3')).toBe(false)
    expect(isPlainDate('2026-04-03T00:00')).toBe(false)
  })

  it('steps across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('knows the weekday, whatever the machine’s time zone', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4)
    expect(dayOfWeek('2026-10-10')).toBe(6)
    expect(isWeekend('2026-10-10')).toBe(true)
    expect(isWeekend('2026-10-09')).toBe(false)
  })

  it('keeps years before 100 as they are', () => {
    expect(fromEpochDay(toEpochDay('0050-06-01'))).toBe('0050-06-01')
  })

  it('takes the local calendar day of an instant', () => {
    expect(plainDateOf(new Date(2026, 10, 26, 23, 59))).toBe('2026-11-26')
  })
})
