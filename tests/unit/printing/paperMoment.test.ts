import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paperMoment } from '../../../main/services/printing/caseDocuments'

const zoneBefore = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai'
})
afterAll(() => {
  process.env.TZ = zoneBefore
})

describe('times on paper', () => {
  it('prints the acceptance time of a receipt in the hall’s local time, not the UTC text', () => {
    expect(paperMoment('2026-12-01T16:30:05.120Z')).toBe('2026-12-02 00:30')
    expect(paperMoment('2026-12-02T02:06:44.123Z')).toBe('2026-12-02 10:06')
  })
})
