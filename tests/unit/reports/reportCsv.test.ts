import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvField, csvText, reportCsv, reportCsvFileName } from '../../../main/domain/reports/reportCsv'
import { buildReportFigures, type ReportCaseRow } from '../../../main/domain/reports/reportFigures'
import { periodBounds } from '../../../main/domain/reports/reportPeriods'
import { shippedCalendar } from '../../fixtures/calendarBuilder'

describe('CSV fields (RFC 4180)', () => {
  it('quotes a field holding a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('plain 文字')).toBe('plain 文字')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('说 "是"')).toBe('"说 ""是"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
    expect(csvField(12)).toBe('12')
    expect(csvField(null)).toBe('')
  })

  it('keeps Excel from running text as a formula', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvField('+86 1390')).toBe("'+86 1390")
    expect(csvField('@x,y')).toBe('"\'@x,y"')
    expect(csvField(-3)).toBe('-3')
  })

  it('starts with a BOM, ends every line with CRLF, and separates sections with an empty line', () => {
    const text = csvText([
      { title: '甲', rows: [['名', '数'], ['一', 1]] },
      { title: '乙', rows: [['名'], ['a"b']] },
    ])
    expect(text.startsWith('\uFEFF甲\r\n')).toBe(true)
    expect(text).toBe('\uFEFF甲\r\n名,数\r\n一,1\r\n\r\n乙\r\n名\r\n"a""b"\r\n')
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })
})

describe('a report as CSV', () => {
  const row = (over: Partial<ReportCaseRow>): ReportCaseRow => ({
    caseNo: 'C1',
    itemCode: 'XK90001001',
    itemName: '登记, "加急"',
    department: '市场监督管理局',
    state: 'rejected',
    operator: 'A001',
    stationId: '001',
    acceptedDate: '2026-03-02',
    deadline: '2026-03-03',
    decided: true,
    decidedDate: '2026-03-05',
    deferred: false,
    ...over,
  })
  const report = buildReportFigures(
    {
      period: 'week',
      bounds: periodBounds('week', '2026-03-04'),
      today: '2026-03-20',
      generatedAt: '2026-03-20T02:00:00.000Z',
      cases: [row({}), row({ caseNo: 'C2', itemName: '其他事项', itemCode: 'QR90002001', state: 'accepted', decided: false, decidedDate: null, deadline: '2026-03-20' })],
      ratingsByGrade: { 5: 2, 1: 1 },
      openFollowUps: 1,
      supplementRequests: 4,
      express: { shipped: 3, delivered: 2, exceptions: 1 },
      operatorNames: new Map([['A001', '王芳']]),
      stationNames: new Map(),
    },
    shippedCalendar(),
  )

  it('reads back, through an independent CSV parser, as one section per table with Chinese headings', () => {
    const rows = parse(reportCsv(report), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]
    const sections = new Map<string, string[][]>()
    let current: string[][] = []
    for (const r of rows) {
      if (r.length === 1 && r[0] === '') continue
      if (r.length === 1) {
        current = []
        sections.set(r[0]!, current)
      } else current.push(r)
    }
    expect([...sections.keys()]).toEqual(['统计周报', '按状态', '按事项', '按部门', '按受理人', '按窗口', '按日期', '好差评', '逾期办件'])
    const summary = new Map(sections.get('统计周报')!.map(([k, v]) => [k, v]))
    expect(summary.get('统计期间')).toBe('2026-03-02 至 2026-03-08')
    expect(summary.get('受理件数')).toBe('2')
    expect(summary.get('逾期')).toBe('1')
    expect(summary.get('补正')).toBe('4')
    expect(summary.get('快递异常')).toBe('1')
    expect(sections.get('按事项')).toEqual([['事项编码', '事项名称', '件数'], ['QR90002001', '其他事项', '1'], ['XK90001001', '登记, "加急"', '1']])
    expect(sections.get('按受理人')).toEqual([['受理人编号', '受理人', '件数'], ['A001', '王芳', '2']])
    expect(sections.get('按日期')).toHaveLength(8)
    expect(sections.get('好差评')!.slice(1).map((r) => [r[0], r[2]])).toEqual([['5', '2'], ['4', '0'], ['3', '0'], ['2', '0'], ['1', '1']])
    expect(sections.get('逾期办件')).toEqual([
      ['受理编号', '事项名称', '部门', '受理日期', '承诺办结日期', '逾期工作日', '状态', '是否未办结'],
      ['C1', '登记, "加急"', '市场监督管理局', '2026-03-02', '2026-03-03', '2', '不予办理', '已办结'],
    ])
  })

  it('names the file after the period', () => {
    expect(reportCsvFileName(report)).toBe('统计周报_2026-03-02_2026-03-08.csv')
    expect(reportCsvFileName({ period: 'day', from: '2026-03-02', to: '2026-03-02' })).toBe('统计日报_2026-03-02.csv')
    expect(reportCsvFileName({ period: 'month', from: '2026-03-01', to: '2026-03-31' })).toBe('统计月报_2026-03.csv')
  })
})
