import { describe, expect, it } from 'vitest'
import { decodeGb18030, encodeGb18030, gb18030CharLength, needsFourBytes } from '../../../main/devices/printer/gb18030Text'

describe('GB18030 text for printers', () => {
  it('encodes common Chinese as the GB2312 double bytes every printer knows', () => {
    expect(encodeGb18030('受理').toString('hex')).toBe('cadcc0ed')
  })

  it('encodes GBK-extension name characters (喆) that GB2312-only encoders lose', () => {
    expect(encodeGb18030('王喆').toString('hex')).toBe('cdf586b4')
  })

  it('prints the yuan sign as the full-width ￥ (A3A4), not the 4-byte ¥ that shows as "0 6"', () => {
    expect(encodeGb18030('¥50').toString('hex')).toBe('a3a4' + '3530')
  })

  it('encodes a CJK Extension B character as four bytes and decodes it back', () => {
    const bytes = encodeGb18030('𠈌')
    expect(bytes.length).toBe(4)
    expect(needsFourBytes('𠈌')).toBe(true)
    expect(decodeGb18030(bytes)).toBe('𠈌')
  })

  it('tells a decoder how long each character is, so a stream is never split inside one', () => {
    const bytes = encodeGb18030('A受𠈌')
    expect(gb18030CharLength(bytes, 0)).toBe(1)
    expect(gb18030CharLength(bytes, 1)).toBe(2)
    expect(gb18030CharLength(bytes, 3)).toBe(4)
    expect(gb18030CharLength(Uint8Array.from([0xff]), 0)).toBe(0)
  })
})
