import { describe, expect, it } from 'vitest'
import { cardFromReadData, decodeReadFrame } from '../../../main/devices/idcard/cardRead'
import { decodeTextBlock } from '../../../main/devices/idcard/textBlock'
import { cardSchema } from '../../../main/domain/idCard'
import {
  foreign2017Block,
  foreign2023Block,
  foreign2023NameEn,
  hmtBlock,
  put,
  readAnswer,
  residentBlock,
  responseFrame,
} from '../../fixtures/idcardFrames'

function decodeOk(frame: Uint8Array) {
  const result = decodeReadFrame(frame)
  if (!result.ok) throw new Error(`expected a card, got: ${result.failure.message}`)
  expect(cardSchema.safeParse(result.read.card).success).toBe(true)
  return result.read
}

describe('reading a resident identity card (居民身份证)', () => {
  it('decodes every field into the Card JSON, with no keys the card does not carry', () => {
    const read = decodeOk(readAnswer(residentBlock()))
    expect(read.card).toStrictEqual({
      cardType: 'resident',
      name: '李明远',
      gender: 'male',
      nationCode: '01',
      nation: '汉',
      birthDate: '1985-06-12',
      address: '江苏省徐州市鼓楼区中山北路88号2单元501室',
      idNumber: '320302198506122313',
      idNumberValid: true,
      authority: '徐州市公安局鼓楼分局',
      validFrom: '2016-03-01',
      validTo: '2036-03-01',
    })
    expect(Object.keys(read.card)).toEqual([
      'cardType', 'name', 'gender', 'nationCode', 'nation', 'birthDate', 'address', 'idNumber', 'idNumberValid', 'authority', 'validFrom', 'validTo',
    ])
    expect(read.extras).toMatchObject({ layout: 'resident', warnings: [] })
    expect(read.variant).toBe('text')
  })

  it('decodes 长期 in the valid-to field as long-term', () => {
    const read = decodeOk(readAnswer(residentBlock({ to: '长期' })))
    expect(read.card.validTo).toBe('long-term')
  })

  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['0', 'unknown'],
    ['9', 'unstated'],
    ['7', 'unknown'],
  ])('maps gender code %s to %s (never defaults to female)', (code, gender) => {
    expect(decodeOk(readAnswer(residentBlock({ gender: code }))).card.gender).toBe(gender)
  })

  it('names minority nations by their card-face name and shows an unknown code raw', () => {
    expect(decodeOk(readAnswer(residentBlock({ nation: '46' }))).card.nation).toBe('德昂')
    expect(decodeOk(readAnswer(residentBlock({ nation: '98' }))).card.nation).toBe('外国血统中国籍人士')
    expect(decodeOk(readAnswer(residentBlock({ nation: '77' }))).card).toMatchObject({ nationCode: '77', nation: '77' })
  })

  it('still decodes a card whose check character is wrong, flagged idNumberValid false', () => {
    const read = decodeOk(readAnswer(residentBlock({ id: '320302198506122312' })))
    expect(read.card.idNumberValid).toBe(false)
    expect(read.card.idNumber).toBe('320302198506122312')
    expect(read.extras.warnings[0]).toContain('校验位')
  })

  it('warns when the number disagrees with the birth-date or gender field', () => {
    const read = decodeOk(readAnswer(residentBlock({ birth: '19850613', gender: '2' })))
    expect(read.card.idNumberValid).toBe(true)
    expect(read.extras.warnings).toEqual(['证件号码中的出生日期与出生日期字段不一致', '证件号码的顺序码性别与性别字段不一致'])
  })

  it('keeps the photo bytes raw, outside the JSON', () => {
    const read = decodeOk(readAnswer(residentBlock()))
    expect(read.photo).toHaveLength(1024)
    expect(read.photoInfo).toEqual({ hasPhoto: true, byteLength: 1024, looksLikeWlt: true })
    expect(JSON.stringify(read.card)).not.toContain('photo')
    const blank = decodeOk(readAnswer(residentBlock(), { photo: new Uint8Array(1024) }))
    expect(blank.photoInfo.hasPhoto).toBe(false)
  })
})

describe('reading the fingerprint variant (0x30 0x10, three length words)', () => {
  it.each([0, 512, 1024])('finds the text at offset 16 with %i fingerprint bytes', (fingerprintBytes) => {
    const frame = readAnswer(residentBlock(), { fingerprintBytes })
    expect(frame.length).toBe(1297 + fingerprintBytes)
    const read = decodeOk(frame)
    expect(read.variant).toBe('fingerprint')
    expect(read.fingerprintBytes).toBe(fingerprintBytes)
    expect(read.card.name).toBe('李明远')
    expect(read.card.idNumber).toBe('320302198506122313')
  })
})

describe('reading a foreigner permanent residence card, 2017 style (I)', () => {
  it('decodes the English name with its inner comma, nationality and the Chinese name', () => {
    const read = decodeOk(readAnswer(foreign2017Block()))
    expect(read.card).toStrictEqual({
      cardType: 'foreign',
      name: '史密斯',
      nameEn: 'SMITH, JOHN MICHAEL',
      gender: 'male',
      nationality: '美国',
      birthDate: '1979-11-03',
      idNumber: 'USA320079110301',
      idNumberValid: true,
      validFrom: '2018-04-01',
      validTo: '2028-04-01',
    })
    expect(read.extras).toMatchObject({ layout: 'foreign2017', nationalityCode: 'USA', authorityCode: '3200', cardVersion: '01' })
  })

  it('gives an empty Chinese name when the holder has none, and a raw code for an unknown country', () => {
    const block = foreign2017Block()
    put(block, 158, '               ')
    put(block, 152, 'XKX')
    const read = decodeOk(readAnswer(block))
    expect(read.card.name).toBe('')
    expect(read.card.nationality).toBe('XKX')
  })

  it('checks only the shape of the 15-character number', () => {
    const block = foreign2017Block()
    put(block, 122, 'US1320079110301')
    expect(decodeOk(readAnswer(block)).card.idNumberValid).toBe(false)
  })
})

describe('reading a foreigner permanent residence card, 2023 style (Y)', () => {
  it('joins the English name across bytes 52 and 220 without losing the space at character 36', () => {
    const read = decodeOk(readAnswer(foreign2023Block()))
    expect(foreign2023NameEn[35]).toBe(' ')
    expect(read.card).toStrictEqual({
      cardType: 'foreign',
      name: '唐博朗',
      nameEn: foreign2023NameEn,
      gender: 'male',
      nationality: '加拿大',
      birthDate: '1988-07-04',
      idNumber: '932124198807040015',
      idNumberValid: true,
      validFrom: '2024-01-15',
      validTo: '2034-01-15',
    })
    expect(read.extras).toMatchObject({ layout: 'foreign2023', nationalityCode: 'CAN', renewalCount: '00', previousNumberLink: 'A1B' })
  })
})

describe('reading a Hong Kong / Macao / Taiwan residence permit (J)', () => {
  it('decodes the pass number and carries no nation', () => {
    const read = decodeOk(readAnswer(hmtBlock()))
    expect(read.card).toStrictEqual({
      cardType: 'hmt',
      name: '陈家豪',
      gender: 'male',
      birthDate: '1992-09-23',
      address: '江苏省徐州市泉山区解放南路1号',
      idNumber: '810000199209230010',
      idNumberValid: true,
      authority: '徐州市公安局',
      passNumber: 'H12345678',
      validFrom: '2023-09-01',
      validTo: '2028-09-01',
    })
    expect(read.extras.issueCount).toBe('01')
  })

  it('flags a permit carrying a mainland resident number as invalid', () => {
    const read = decodeOk(readAnswer(hmtBlock('320302198506122313')))
    expect(read.card.idNumberValid).toBe(false)
    expect(read.extras.warnings[0]).toContain('与证件类型')
  })
})

describe('frames that do not give a card', () => {
  it('names the status word when the reader says the read failed', () => {
    const result = decodeReadFrame(responseFrame(0x41))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.failure).toMatchObject({ reason: 'status', sw3: 0x41 })
      expect(result.failure.message).toContain('SW3=0x41 readFailed')
    }
  })

  it('names a bad checksum without reading any field', () => {
    const frame = readAnswer(residentBlock())
    frame[frame.length - 1]! ^= 0xff
    const result = decodeReadFrame(frame)
    expect(result.ok ? null : result.failure).toMatchObject({ reason: 'frame', frameError: 'bad_checksum' })
  })

  it('refuses a text length other than 256 even when the lengths add up', () => {
    const data = [0x00, 0xfe, 0x04, 0x00, ...new Array<number>(254 + 1024).fill(0x20)]
    const result = cardFromReadData(Uint8Array.from(data))
    expect(result.ok ? null : result.failure.reason).toBe('bad_layout')
  })

  it('refuses length words that do not add up to the data', () => {
    const result = cardFromReadData(Uint8Array.from([0x01, 0x00, 0x04, 0x00, 1, 2, 3]))
    expect(result.ok ? null : result.failure.message).toContain('长度不符')
  })

  it('names a date field that is not YYYYMMDD, without echoing its content', () => {
    const result = decodeReadFrame(readAnswer(residentBlock({ birth: '19851340' })))
    expect(result.ok ? null : result.failure).toMatchObject({ reason: 'bad_field' })
    if (!result.ok) expect(result.failure.message).not.toContain('1985')
  })

  it('refuses a text block of the wrong size at the decoder', () => {
    expect(() => decodeTextBlock(new Uint8Array(255))).toThrow('256')
  })
})

describe('the text block decoder', () => {
  it('strips trailing spaces and NULs only', () => {
    const text = decodeTextBlock(residentBlock({ name: ' 李 明\u0000' }))
    expect(text.layout === 'resident' && text.name).toBe(' 李 明')
  })
})
