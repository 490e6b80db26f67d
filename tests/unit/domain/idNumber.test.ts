import { describe, expect, it } from 'vitest'
import { checkAnyIdNumber, checkForeignPermit2017, checkIdNumber, idNumberCheckChar } from '../../../main/domain/idNumber'
import { anIdNumber } from '../../fixtures/registrationNumbers'

const today = '2026-11-26'
const check = (raw: string) => checkIdNumber(raw, { today })

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example and reads birth date, gender and region from it', () => {
    expect(check('11010519491231002X')).toEqual({
      valid: true,
      normalized: '11010519491231002X',
      kind: 'resident',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    })
  })

  it('accepts a typed lower-case x and spaces, and normalises to the printed form', () => {
    const result = check(' 110105 19491231 002x ')
    expect(result.valid && result.normalized).toBe('11010519491231002X')
  })

  it('agrees with the independent fixture builder on the check character', () => {
    for (const seq of ['001', '002', '123', '998', '999']) {
      const id = anIdNumber({ seq })
      expect(idNumberCheckChar(id.slice(0, 17))).toBe(id[17])
      expect(check(id).valid).toBe(true)
    }
  })

  it('names the expected and the actual check character when they differ', () => {
    expect(check('110105194912310021')).toEqual({ valid: false, reason: '校验位应为 X，实为 1' })
  })

  it('reads gender from the 17th digit: odd is male, even is female', () => {
    const male = check(anIdNumber({ seq: '013' }))
    const female = check(anIdNumber({ seq: '014' }))
    expect(male.valid && male.gender).toBe('male')
    expect(female.valid && female.gender).toBe('female')
  })

  it('rejects a province code that does not exist even when the check character is right', () => {
    expect(check(anIdNumber({ region: '200101' }))).toEqual({ valid: false, reason: '前 2 位省级代码 20 不存在' })
    expect(check(anIdNumber({ region: '000000' })).valid).toBe(false)
  })

  it('keeps old county codes valid because only the province part is checked strictly', () => {
    // 329999 is no live county, but holders keep the code of their first issue, abolished or not.
    expect(check(anIdNumber({ region: '329999' })).valid).toBe(true)
  })

  it('rejects a birth date that is not a real day', () => {
    expect(check(anIdNumber({ birth: '1990-02-30' }))).toEqual({ valid: false, reason: '出生日期 19900230 不是有效日期' })
    expect(check(anIdNumber({ birth: '1990-13-01' })).valid).toBe(false)
  })

  it('accepts 29 February only in leap years', () => {
    expect(check(anIdNumber({ birth: '2000-02-29' })).valid).toBe(true)
    expect(check(anIdNumber({ birth: '1900-02-29' })).valid).toBe(false)
  })

  it('rejects a birth date in the future or before 1900', () => {
    expect(check(anIdNumber({ birth: '2026-11-27' }))).toEqual({ valid: false, reason: '出生日期 2026-11-27 晚于今天（2026-11-26）' })
    expect(check(anIdNumber({ birth: '2026-11-26' })).valid).toBe(true)
    expect(check(anIdNumber({ birth: '1899-12-31' }))).toEqual({ valid: false, reason: '出生日期 1899-12-31 早于 1900 年' })
  })

  it('says how long the number is when it has the wrong length', () => {
    expect(check('11010519491231002')).toEqual({ valid: false, reason: '身份证号码应为 18 位，实为 17 位' })
    expect(check('')).toEqual({ valid: false, reason: '请输入身份证号码' })
  })

  it('points at the position of a letter inside the digits', () => {
    expect(check('1101051949A231002X')).toEqual({ valid: false, reason: '第 11 位“A”应为数字' })
    expect(check('11010519491231002Y')).toEqual({ valid: false, reason: '第 18 位校验位“Y”应为数字或 X' })
  })

  it('refuses the retired 15-digit numbers with a hint', () => {
    expect(check('110105491231002')).toEqual({ valid: false, reason: '15 位旧身份证号码已停止使用，请填写 18 位号码' })
  })
})

describe('residence permits for Hong Kong, Macao and Taiwan residents', () => {
  it('marks 81, 82 and 83 numbers as hmt with the permit region', () => {
    for (const region of ['810000', '820000', '830000']) {
      const result = check(anIdNumber({ region }))
      expect(result.valid && result.kind).toBe('hmt')
      expect(result.valid && result.regionCode).toBe(region)
    }
  })
})

describe('foreigner permanent residence numbers', () => {
  it('accepts the 2023 examples published by the immigration administration', () => {
    expect(check('932682198501010017')).toEqual({
      valid: true,
      normalized: '932682198501010017',
      kind: 'foreign2023',
      birthDate: '1985-01-01',
      gender: 'male',
      regionCode: '320000',
      countryCode: '682',
    })
    const canadian = check('911124198108030024')
    expect(canadian.valid && [canadian.kind, canadian.regionCode, canadian.countryCode, canadian.gender]).toEqual([
      'foreign2023',
      '110000',
      '124',
      'female',
    ])
  })

  it('rejects a 2023 number whose accepting province is not on the mainland', () => {
    const result = check(anIdNumber({ region: '981682' }))
    expect(result).toEqual({ valid: false, reason: '外国人永久居留身份证号码第 2–3 位受理地 81 不是有效的省级代码' })
  })

  it('checks the 2017 card by shape only: three letters and twelve digits', () => {
    expect(checkForeignPermit2017('usa123456789012')).toEqual({ valid: true, normalized: 'USA123456789012', kind: 'foreign2017' })
    expect(checkForeignPermit2017('US1234567890123').valid).toBe(false)
    expect(checkForeignPermit2017('USA12345678901')).toEqual({ valid: false, reason: '2017 版外国人永久居留证号码应为 15 位，实为 14 位' })
  })

  it('routes a number starting with letters to the 2017 check and digits to the 18-character one', () => {
    expect(checkAnyIdNumber('CAN123456789012').valid).toBe(true)
    expect(checkAnyIdNumber('11010519491231002X', { today }).valid).toBe(true)
    expect(checkAnyIdNumber('110105194912310021', { today }).valid).toBe(false)
  })
})
