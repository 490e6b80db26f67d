import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CASE_NUMBER_FORMAT,
  caseNumberPattern,
  formatCaseNumber,
  parseCaseNumber,
  validateCaseNumberFormat,
} from '../../../main/domain/caseNumber'

const parts = { regionCode: '320300', date: '2026-11-26', stationId: '001', seq: 1 }

describe('case numbers', () => {
  it('prints the default format as region, date, station and a four-digit sequence', () => {
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, parts)).toBe('320300202611260010001')
  })

  it('is 21 digits and nothing else, so Code 128 set C packs it two digits per symbol', () => {
    const text = formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, seq: 9999 })
    expect(text).toMatch(/^\d{21}$/)
  })

  it('reads back the parts it was made from', () => {
    const text = formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, seq: 42 })
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, text)).toEqual({ ...parts, seq: 42 })
  })

  it('supports a short date, literal letters and a wider sequence', () => {
    const format = 'SQ{yymmdd}{station3}{seq5}'
    const text = formatCaseNumber(format, { ...parts, seq: 42 })
    expect(text).toBe('SQ26112600100042')
    expect(parseCaseNumber(format, text)).toEqual({ date: '2026-11-26', stationId: '001', seq: 42 })
  })

  it('matches only texts of its exact shape', () => {
    const pattern = caseNumberPattern(DEFAULT_CASE_NUMBER_FORMAT)
    expect(pattern.test('320300202611260010001')).toBe(true)
    expect(pattern.test('3203002026112600100012')).toBe(false)
    expect(pattern.test('32030020261126001000A')).toBe(false)
    expect(pattern.test('x320300202611260010001')).toBe(false)
  })

  it('does not take a scanned text with an impossible date or sequence zero for a case number', () => {
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, '320300202613260010001')).toBeNull()
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, '320300202611260010000')).toBeNull()
    expect(parseCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, 'SF1234567890')).toBeNull()
  })

  it('refuses a sequence that overflows its width, saying how to widen it', () => {
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, seq: 9999 })).toBe('320300202611260019999')
    expect(() => formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, seq: 10000 })).toThrowError(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: '流水号 10000 超出编号格式 {seq4} 的 4 位（最多 9999），请加宽办件编号格式中的流水号（如 {seq5}）',
      }),
    )
  })

  it('refuses parts that would not fit their place', () => {
    expect(() => formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, regionCode: '3203' })).toThrowError('行政区划代码“3203”应为 6 位数字')
    expect(() => formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, stationId: '1' })).toThrowError('窗口编号“1”应为 3 位数字')
    expect(() => formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, date: '2026-02-30' })).toThrowError('受理日期“2026-02-30”不是有效日期')
    expect(() => formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, { ...parts, seq: 0 })).toThrowError('流水号应为正整数，收到 0')
  })

  it('refuses formats that cannot make unique, scannable numbers', () => {
    const reasons: Record<string, string> = {
      '{region6}{yyyymmdd}': '缺少流水号占位符 {seqN}，编号将不唯一',
      '{region6}{date}{seq4}': '未知占位符 {date}，可用 {region6}、{yyyymmdd}、{yymmdd}、{station3}、{seqN}（N 为 1–9）',
      '{seq4}{seq3}': '占位符 {seq3} 重复',
      '{yymmdd}{yyyymmdd}{seq4}': '{yyyymmdd} 与 {yymmdd} 只能用一个',
      'SQ-{seq4}': '固定部分“SQ-”只能包含字母和数字',
      '{region6{seq4}': '未知占位符 {region6{seq4}，可用 {region6}、{yyyymmdd}、{yymmdd}、{station3}、{seqN}（N 为 1–9）',
      '{seq4}{': '“{”没有配对的“}”',
    }
    for (const [format, why] of Object.entries(reasons)) {
      expect(() => validateCaseNumberFormat(format), format).toThrowError(
        expect.objectContaining({ code: 'CONFIG_INVALID', message: `办件编号格式“${format}”有误：${why}` }),
      )
    }
  })
})
