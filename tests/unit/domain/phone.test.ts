import { describe, expect, it } from 'vitest'
import { checkPhone } from '../../../main/domain/phone'

describe('mobile numbers', () => {
  it('accepts 11 digits starting 13–19 and keeps them as they are', () => {
    expect(checkPhone('13812345678')).toEqual({ valid: true, normalized: '13812345678', kind: 'mobile' })
    expect(checkPhone('19912345678').valid).toBe(true)
  })

  it('drops the +86, 0086 or 86 country code and the spaces and dashes people type', () => {
    for (const raw of ['+86 138 1234 5678', '0086-138-1234-5678', '8613812345678', '138-1234-5678', '(+86)13812345678']) {
      expect(checkPhone(raw)).toEqual({ valid: true, normalized: '13812345678', kind: 'mobile' })
    }
  })

  it('rejects a second digit below 3', () => {
    expect(checkPhone('12812345678')).toEqual({ valid: false, reason: '手机号码第 2 位应为 3–9，实为 2' })
  })

  it('says how many digits a short mobile number has', () => {
    expect(checkPhone('1381234567')).toEqual({ valid: false, reason: '手机号码应为 11 位，实为 10 位' })
  })

  it('refuses an extension on a mobile number', () => {
    expect(checkPhone('13812345678转8')).toEqual({ valid: false, reason: '手机号码不能带分机号' })
  })

  it('refuses numbers outside the mainland', () => {
    expect(checkPhone('+852 6123 4567')).toEqual({ valid: false, reason: '仅支持中国大陆号码（国家代码 +86）' })
  })
})

describe('landline numbers', () => {
  it('accepts an area code and a local number in the usual spellings', () => {
    for (const raw of ['0516-83801234', '0516 83801234', '051683801234', '(0516)83801234', '（0516）8380-1234']) {
      expect(checkPhone(raw)).toEqual({ valid: true, normalized: '0516-83801234', kind: 'landline' })
    }
  })

  it('knows that 010 and 020–029 are the three-digit area codes', () => {
    expect(checkPhone('01062345678')).toEqual({ valid: true, normalized: '010-62345678', kind: 'landline' })
    expect(checkPhone('02583801234')).toEqual({ valid: true, normalized: '025-83801234', kind: 'landline' })
  })

  it('accepts a seven-digit local number behind a four-digit area code', () => {
    expect(checkPhone('0539-8123456')).toEqual({ valid: true, normalized: '0539-8123456', kind: 'landline' })
  })

  it('restores the trunk 0 when the area code follows +86', () => {
    expect(checkPhone('+86 25 8380 1234')).toEqual({ valid: true, normalized: '025-83801234', kind: 'landline' })
  })

  it('keeps an extension however it was marked', () => {
    for (const raw of ['0516-83801234转801', '0516-83801234 ext. 801', '0516-83801234-801', '0516 83801234 #801', '0516-83801234 分机 801']) {
      expect(checkPhone(raw)).toEqual({ valid: true, normalized: '0516-83801234-801', kind: 'landline' })
    }
  })

  it('gives a normalised number back unchanged when checked again', () => {
    for (const raw of ['+86 138 1234 5678', '(0516)83801234', '0516-83801234转801']) {
      const first = checkPhone(raw)
      expect(first.valid).toBe(true)
      if (first.valid) expect(checkPhone(first.normalized)).toEqual(first)
    }
  })

  it('asks for the area code when only a local number is given', () => {
    expect(checkPhone('83801234')).toEqual({ valid: false, reason: '固定电话需要区号，例如 0516-83801234' })
  })

  it('rejects a local number of the wrong length or starting with 0 or 1', () => {
    expect(checkPhone('0516-838012')).toEqual({ valid: false, reason: '区号 0516 后的号码应为 7–8 位，实为 6 位' })
    expect(checkPhone('0516-13801234')).toEqual({ valid: false, reason: '固定电话号码 13801234 不能以 1 开头' })
  })

  it('rejects an extension that is not digits, and stray characters', () => {
    expect(checkPhone('0516-83801234转abc').valid).toBe(false)
    expect(checkPhone('0516-8380123a')).toEqual({ valid: false, reason: '电话号码含有无效字符“a”' })
    expect(checkPhone('')).toEqual({ valid: false, reason: '请输入电话号码' })
  })
})
