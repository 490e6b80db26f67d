import { describe, expect, it } from 'vitest'
import { displayWidth, padColumns, spreadColumns, wrapColumns } from '../../../main/domain/print/textWidth'

describe('display columns', () => {
  it('counts a Chinese character as two columns and ASCII as one', () => {
    expect(displayWidth('受理编号')).toBe(8)
    expect(displayWidth('No.12')).toBe(5)
    expect(displayWidth('缴费 ￥50.00')).toBe(2 * 2 + 1 + 2 + 5)
  })

  it('counts a rare name character outside the BMP as one glyph of two columns', () => {
    expect(displayWidth('𠈌')).toBe(2)
  })

  it('counts punctuation that the printer draws full-width as two columns', () => {
    expect(displayWidth('·×—')).toBe(6)
  })
})

describe('wrapping to the paper width', () => {
  it('never lets a line exceed the columns, where a character count would overflow by half', () => {
    const text = '个体工商户设立登记（含名称自主申报、经营范围规范化表述）以及其他需要一并办理的事项'
    const lines = wrapColumns(text, 48)
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(48)
    // 42 characters fit a 48-character count but need 84 columns: two lines.
    expect(text.length).toBeLessThan(48)
    expect(lines.length).toBe(2)
    expect(lines.join('')).toBe(text)
  })

  it('breaks English between words and keeps every word whole', () => {
    const lines = wrapColumns('Please bring the original business licence and the lease contract', 20)
    expect(lines).toEqual(['Please bring the', 'original business', 'licence and the', 'lease contract'])
  })

  it('cuts a URL longer than a line instead of dropping any of it', () => {
    const url = 'https://zwfw.example.invalid/q/320300202611260010001'
    const lines = wrapColumns(url, 20)
    expect(lines.join('')).toBe(url)
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20)
  })

  it('keeps closing punctuation off the start of a line', () => {
    const lines = wrapColumns('一二三四五，六七', 10)
    expect(lines[1]?.startsWith('，')).toBe(false)
    expect(lines.join('')).toBe('一二三四五，六七')
  })

  it('keeps explicit line breaks', () => {
    expect(wrapColumns('第一行\n第二行', 48)).toEqual(['第一行', '第二行'])
  })

  it('refuses a width too narrow to hold one Chinese character', () => {
    expect(() => wrapColumns('中', 1)).toThrow(RangeError)
  })
})

describe('padding and spreading', () => {
  it('centres by columns', () => {
    expect(padColumns('回执', 10, 'center')).toBe('   回执   ')
  })

  it('puts left and right on one line when they fit, on two when not', () => {
    expect(spreadColumns('营业执照', '1份', 16)).toEqual(['营业执照     1份'])
    expect(spreadColumns('营业执照申请书原件', '1份', 16)).toEqual(['营业执照申请书原', '件', '             1份'])
  })
})
