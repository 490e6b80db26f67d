import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from '../../../main/domain/masking'

describe('masking for lists, logs and exports', () => {
  it('shows only the first four and last four characters of an ID number', () => {
    expect(maskIdNumber('32030219900307123x')).toBe('3203**********123X')
    expect(maskIdNumber('USA123456789012')).toBe('USA1*******9012')
  })

  it('hides a value too short to keep both ends completely', () => {
    expect(maskIdNumber('1234567')).toBe('*******')
  })

  it('keeps the mobile prefix and the last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('keeps the area code of a landline and drops its extension', () => {
    expect(maskPhone('0516-83801234')).toBe('0516-****1234')
    expect(maskPhone('025-83801234-801')).toBe('025-****1234')
  })

  it('leaves a phone masked already as it is, so paper data can carry it masked', () => {
    for (const phone of ['13812345678', '0516-83801234']) expect(maskPhone(maskPhone(phone))).toBe(maskPhone(phone))
  })

  it('keeps the first character of a name and marks each hidden one', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('李')).toBe('*')
  })

  it('counts a rare character outside the BMP as one character', () => {
    expect(maskName('𠮷明')).toBe('𠮷*')
  })
})
