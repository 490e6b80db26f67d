import { describe, expect, it } from 'vitest'
import { describeWaybillProblem, isValidWaybillNo, makeSfWaybillNo, waybillCheckDigit, waybillProblem } from '../../../main/domain/dispatch/waybillCheck'

describe('waybill check digit', () => {
  it.each(['SF1000000000011', 'SF1000000000020', 'SF7444400043261'])('accepts the spec example %s', (no) => {
    expect(isValidWaybillNo(no)).toBe(true)
  })

  it('makes the spec examples from their serials', () => {
    expect(makeSfWaybillNo(100000000001)).toBe('SF1000000000011')
    expect(makeSfWaybillNo(100000000002)).toBe('SF1000000000020')
    expect(makeSfWaybillNo('744440004326')).toBe('SF7444400043261')
  })

  it('maps a remainder of 10 to 0 and 11 to 5, like UPU S10', () => {
    // sum 12 → 11 − 1 = 10 → 0 (SF1000000000020)
    expect(waybillCheckDigit('100000000002')).toBe(0)
    // sum 0 → 11 − 0 = 11 → 5
    expect(waybillCheckDigit('000000000000')).toBe(5)
    // UPU's own example RR123456785TR: serial 12345678 → 5
    expect(waybillCheckDigit('12345678')).toBe(5)
  })

  it('refuses a changed last digit and says which digit was expected', () => {
    const problem = waybillProblem('SF1000000000012')
    expect(problem).toEqual({ kind: 'check_digit', waybillNo: 'SF1000000000012', expected: 1, actual: 2 })
    expect(describeWaybillProblem(problem!)).toContain('校验位不符（末位应为 1，实为 2）')
  })

  it('refuses a transposition of two serial digits', () => {
    expect(isValidWaybillNo('SF7444400043261')).toBe(true)
    expect(isValidWaybillNo('SF4744400043261')).toBe(false)
  })

  it('accepts a scan with spaces and lower case, and a 13-digit domestic EMS number', () => {
    expect(isValidWaybillNo(' sf1000 0000 0001 1\r\n')).toBe(true)
    expect(isValidWaybillNo(`100000000001${waybillCheckDigit('100000000001')}`)).toBe(true)
  })

  it('names the expected shape for something that is no waybill', () => {
    const problem = waybillProblem('32030020250318001')
    expect(problem?.kind).toBe('shape')
    expect(describeWaybillProblem(problem!)).toContain('应为 SF 加 13 位数字')
  })
})
