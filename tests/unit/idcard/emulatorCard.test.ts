import { describe, expect, it } from 'vitest'
import { cardSchema, plainDateSchema } from '../../../main/domain/idCard'
import { TEXT_LAYOUTS } from '../../../main/devices/idcard/textBlock'
import { buildTextBlock } from '../../../main/emulators/cardBlockBuilder'
import { emulatorCardSchema, FOREIGN_2017_ID_CHARS } from '../../../main/domain/demo/emulatorCard'

const foreign2017 = {
  cardType: 'foreign', layout: '2017', name: '史密斯', nameEn: 'SMITH, JOHN MICHAEL', gender: 'male', nationality: 'USA',
  birthDate: '1979-11-03', idNumber: 'USA320079110301', validFrom: '2018-04-01', validTo: '2028-04-01',
} as const

const decodedCard = {
  cardType: 'resident', name: '李明远', gender: 'male', birthDate: '1985-06-12', idNumber: '320302198506122313',
  idNumberValid: true, validFrom: '2016-03-01', validTo: '2036-03-01',
} as const

function issuesOf(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }))
}

describe('emulator card schema', () => {
  it('refuses a 2017 foreign card whose number does not fit the 15-character field, naming the field', () => {
    const result = emulatorCardSchema.safeParse({ ...foreign2017, idNumber: 'USA320079110301123' })
    expect(result.success).toBe(false)
    expect(issuesOf(result)).toEqual([{ path: 'idNumber', message: expect.stringContaining('2017 版外国人永久居留身份证号码最多 15 个字符') }])
  })

  it('accepts a 15-character 2017 number and builds its text block', () => {
    const card = emulatorCardSchema.parse(foreign2017)
    expect(buildTextBlock(card)).toHaveLength(256)
  })

  it('keeps the 2017 limit equal to the width of the layout field', () => {
    expect(FOREIGN_2017_ID_CHARS).toBe(TEXT_LAYOUTS.foreign2017.idNumber[1] / 2)
  })

  it('refuses a birth date that is not on the calendar with a clear message', () => {
    const result = emulatorCardSchema.safeParse({ ...foreign2017, birthDate: '1980-02-30' })
    expect(result.success).toBe(false)
    expect(issuesOf(result)).toEqual([{ path: 'birthDate', message: expect.stringContaining('不是实际存在的日期') }])
  })

  it('refuses an impossible validity date too', () => {
    expect(emulatorCardSchema.safeParse({ ...foreign2017, validFrom: '2018-13-01' }).success).toBe(false)
    expect(emulatorCardSchema.safeParse({ ...foreign2017, validTo: '2028-04-31' }).success).toBe(false)
    expect(emulatorCardSchema.safeParse({ ...foreign2017, validTo: 'long-term' }).success).toBe(true)
  })
})

describe('the shared date schema', () => {
  it('takes real dates only, leap days included', () => {
    expect(plainDateSchema.safeParse('1980-02-29').success).toBe(true)
    expect(plainDateSchema.safeParse('1981-02-29').success).toBe(false)
    expect(plainDateSchema.safeParse('1980-02-30').success).toBe(false)
    expect(plainDateSchema.safeParse('1980-2-3').error?.issues[0]?.message).toBe('应为 YYYY-MM-DD')
  })

  it('is the one the Card JSON uses', () => {
    expect(cardSchema.safeParse(decodedCard).success).toBe(true)
    expect(cardSchema.safeParse({ ...decodedCard, birthDate: '1980-02-30' }).success).toBe(false)
  })
})
