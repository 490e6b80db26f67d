import { describe, expect, it } from 'vitest'
import { ReadingAgreement } from '../../../renderer/hooks/readingAgreement'

describe('camera reading agreement', () => {
  it('accepts a code only on its third consecutive identical decode', () => {
    const agreement = new ReadingAgreement()
    expect(agreement.push('32030020261126001', 0)).toBeNull()
    expect(agreement.push('32030020261126001', 70)).toBeNull()
    expect(agreement.push('32030020261126001', 140)).toBe('32030020261126001')
  })

  it('never accepts a one-frame misread between good reads', () => {
    const agreement = new ReadingAgreement()
    const reads = ['SF1234567890123', 'SF1234567890123', 'SF1234567B90123', 'SF1234567890123', 'SF1234567890123']
    const accepted = reads.map((code, i) => agreement.push(code, i * 70)).filter((c) => c !== null)
    expect(accepted).toEqual([])
    expect(agreement.push('SF1234567890123', 400)).toBe('SF1234567890123')
  })

  it('reads a code held in front of the camera once, and again after it was away', () => {
    const agreement = new ReadingAgreement({ required: 2, holdOffMs: 1000 })
    const accepted: string[] = []
    for (let t = 0; t < 2000; t += 70) {
      const code = agreement.push('ABC123', t)
      if (code) accepted.push(code)
    }
    expect(accepted).toEqual(['ABC123'])
    agreement.push('ABC123', 3500)
    expect(agreement.push('ABC123', 3570)).toBe('ABC123')
  })

  it('does not count decodes a pause apart as consecutive', () => {
    const agreement = new ReadingAgreement()
    agreement.push('YT9876543210', 0)
    agreement.push('YT9876543210', 70)
    expect(agreement.push('YT9876543210', 2000)).toBeNull()
    agreement.push('YT9876543210', 2070)
    expect(agreement.push('YT9876543210', 2140)).toBe('YT9876543210')
  })

  it('accepts a different code right away after the previous one', () => {
    const agreement = new ReadingAgreement({ required: 2 })
    agreement.push('A00001', 0)
    expect(agreement.push('A00001', 10)).toBe('A00001')
    agreement.push('B00002', 20)
    expect(agreement.push('B00002', 30)).toBe('B00002')
  })
})
