import bwipjs from 'bwip-js'
import { describe, expect, it } from 'vitest'
import { code128Modules, code128Svg, code128Widths, decodeEscposCode128Data, escposCode128Data, planCode128 } from '../../../main/domain/print/code128'

describe('Code 128 planning', () => {
  it('packs a digit run into set C, leaving an odd first digit in set B', () => {
    expect(planCode128('320300202611260010001')).toEqual([
      { set: 'B', text: '3' },
      { set: 'C', digits: '20300202611260010001' },
    ])
  })

  it('keeps letters in set B and switches for the long digit run of a waybill', () => {
    expect(planCode128('SF1000000000011')).toEqual([
      { set: 'B', text: 'SF1' },
      { set: 'C', digits: '000000000011' },
    ])
  })

  it('leaves short digit runs in set B, where a switch would cost more than it saves', () => {
    expect(planCode128('OW-TEST-001')).toEqual([{ set: 'B', text: 'OW-TEST-001' }])
  })

  it('refuses characters a barcode cannot carry', () => {
    expect(() => planCode128('受理001')).toThrow(RangeError)
  })

  it.each(['320300202611260010001', 'SF1000000000011', 'OW-TEST-0001', '1234'])('measures %s as wide as bwip-js draws it', (data) => {
    const svg = bwipjs.toSVG({ bcid: 'code128', text: data, scale: 1, height: 10 })
    const width = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1])
    expect(code128Modules(data)).toBe(width)
  })
})

describe('GS k 73 data', () => {
  it.each(['320300202611260010001', 'SF1000000000011', 'A{B}C', '0', 'OW-TEST-0001'])('round-trips %s', (data) => {
    expect(decodeEscposCode128Data(escposCode128Data(data))).toBe(data)
  })

  it('selects set C with {C and sends digit pairs as values', () => {
    expect(escposCode128Data('1234')).toEqual([0x7b, 0x43, 12, 34])
  })

  it('rejects data that does not start with a code set', () => {
    expect(() => decodeEscposCode128Data([0x41, 0x42])).toThrow(/未以/)
  })
})

describe('Code 128 bars for paper', () => {
  it.each(['SF1000000000011', 'OW001-000123-1', 'EE123456785CN', 'ab{c'])('draws %s bar for bar as bwip-js does', (data) => {
    const [symbol] = bwipjs.raw({ bcid: 'code128', text: data }) as Array<{ sbs: number[] }>
    expect(code128Widths(data)).toEqual(symbol!.sbs)
  })

  it('spans exactly the modules the planner counts, start to stop', () => {
    const widths = code128Widths('320300202611260010001')
    expect(widths.reduce((sum, w) => sum + w, 0)).toBe(code128Modules('320300202611260010001'))
    expect(widths.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2])
  })

  it('is an SVG sized in millimetres with quiet zones, one path step per bar', () => {
    const svg = code128Svg('SF1000000000011', { moduleMm: 0.3, heightMm: 8 })
    // 145 modules + 2 × 10 quiet.
    expect(svg).toContain('viewBox="0 0 165 1"')
    expect(svg).toContain('width="49.5mm" height="8mm"')
    expect(svg.match(/M\d+ 0h\d+v1h-\d+z/g)).toHaveLength(Math.ceil(code128Widths('SF1000000000011').length / 2))
  })
})
