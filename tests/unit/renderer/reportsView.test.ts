import { describe, expect, it } from 'vitest'
import type { Report, ReportCountRow } from '../../../main/contract/reports'
import { caseStates } from '../../../main/domain/caseMachine'
import { base64Bytes, csvBlob } from '../../../renderer/screens/reports/fileDownload'
import { RANKED_BARS, reportCharts, type ChartId, type ReportChart, type RowLabel } from '../../../renderer/screens/reports/reportCharts'
import { headlineFigures, shareText } from '../../../renderer/screens/reports/reportFigures'
import { reportKeyAction, type KeyTarget, type ReportKeyEvent } from '../../../renderer/screens/reports/reportKeys'
import { isCurrentPeriod, periodRange, stepPeriod } from '../../../renderer/screens/reports/reportPeriod'

const rows = (pairs: [string, number][]): ReportCountRow[] => pairs.map(([key, count]) => ({ key, label: key, count }))

/** A week's report: 6 cases from Monday 2026-11-23, one of them overdue. */
function aReport(overrides: Partial<Report> = {}): Report {
  return {
    period: 'week',
    from: '2026-11-23',
    to: '2026-11-29',
    generatedAt: '2026-11-25T02:00:00.000Z',
    accepted: 6,
    byState: caseStates.map((state) => ({ key: state, label: state, count: state === 'accepted' ? 4 : state === 'approved' ? 2 : 0 })),
    byItem: rows([
      ['XK00201001', 4],
      ['XK00201004', 2],
    ]),
    byDepartment: rows([['320300-SC', 6]]),
    byOperator: rows([['王晓明 A0123', 6]]),
    byWindow: rows([['W01', 6]]),
    byDay: rows([
      ['2026-11-23', 1],
      ['2026-11-24', 2],
      ['2026-11-25', 3],
      ['2026-11-26', 0],
      ['2026-11-27', 0],
      ['2026-11-28', 0],
      ['2026-11-29', 0],
    ]),
    deadlines: {
      onTime: 1,
      overdue: 1,
      onTimeShare: 0.5,
      overdueCases: [{ caseNo: '32030020261123001', itemName: '企业设立登记', departmentName: '市场监管局', acceptedDate: '2026-11-23', dueDate: '2026-11-24', daysOver: 1, state: 'accepted', open: true }],
    },
    averageHandlingDays: 2.25,
    deferredIntakes: 1,
    supplementRequests: 0,
    ratings: { byGrade: rows([['5', 3], ['4', 1], ['3', 0], ['2', 0], ['1', 1]]), negative: 1, openFollowUps: 1 },
    express: { shipped: 2, delivered: 1, exceptions: 0 },
    ...overrides,
  }
}

const asIs: RowLabel = (_chart, row) => row.label
const chartOf = (charts: ReportChart[], id: ChartId): ReportChart => {
  const chart = charts.find((c) => c.id === id)
  if (!chart) throw new Error(`no ${id} chart`)
  return chart
}
/** The first series of a chart's option, as plain data. */
const seriesOf = (chart: ReportChart): Record<string, unknown> => (chart.option.series as Record<string, unknown>[])[0]!

describe('the report period', () => {
  it('covers a day, its Monday to Sunday, or its whole month', () => {
    expect(periodRange('day', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' })
    expect(periodRange('week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    // A Sunday is its week's last day, not the next week's first.
    expect(periodRange('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(periodRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
  })

  it('steps by a day, seven days, or a calendar month across the year’s end', () => {
    expect(stepPeriod('day', '2026-12-31', 1)).toBe('2027-01-01')
    expect(stepPeriod('week', '2026-11-25', -1)).toBe('2026-11-18')
    expect(stepPeriod('month', '2026-12-15', 1)).toBe('2027-01-15')
    expect(stepPeriod('month', '2027-01-15', -1)).toBe('2026-12-15')
  })

  it('keeps a month’s step inside the month it lands in (31 January → February’s last day)', () => {
    expect(stepPeriod('month', '2026-01-31', 1)).toBe('2026-02-28')
    expect(stepPeriod('month', '2028-03-31', -1)).toBe('2028-02-29')
  })

  it('knows the period that holds today, and none before today is known', () => {
    expect(isCurrentPeriod('week', '2026-11-23', '2026-11-29')).toBe(true)
    expect(isCurrentPeriod('day', '2026-11-24', '2026-11-25')).toBe(false)
    expect(isCurrentPeriod('month', '2026-11-01', null)).toBe(false)
  })
})

describe('the headline numbers', () => {
  it('reads the report’s counts, the on-time share as a percentage and the average to one decimal', () => {
    const figures = Object.fromEntries(headlineFigures(aReport()).map((f) => [f.key, f.text]))
    expect(figures).toEqual({
      accepted: '6',
      onTimeShare: '50%',
      overdue: '1',
      averageHandlingDays: '2.3',
      deferredIntakes: '1',
      supplementRequests: '0',
      openFollowUps: '1',
      shipped: '2',
      delivered: '1',
      exceptions: '0',
    })
  })

  it('says "—" where nothing was decided, and marks in red only what needs acting on', () => {
    const report = aReport({ averageHandlingDays: null, deadlines: { onTime: 0, overdue: 0, onTimeShare: null, overdueCases: [] } })
    const figures = headlineFigures(report)
    expect(figures.find((f) => f.key === 'onTimeShare')?.text).toBe('—')
    expect(figures.find((f) => f.key === 'averageHandlingDays')?.text).toBe('—')
    expect(figures.filter((f) => f.isWarning).map((f) => f.key)).toEqual(['openFollowUps'])
    expect(shareText(0.875)).toBe('87.5%')
    expect(shareText(1)).toBe('100%')
  })
})

describe('the charts and their tables', () => {
  it('draws a week’s cases per day as columns, a month’s as a line, and a day’s not at all', () => {
    const week = chartOf(reportCharts(aReport(), asIs), 'byDay')
    expect(seriesOf(week)).toMatchObject({ type: 'bar', data: [1, 2, 3, 0, 0, 0, 0] })
    expect((week.option.xAxis as { data: string[] }).data[0]).toBe('11-23')
    expect(week.total).toBe(6)
    expect(seriesOf(chartOf(reportCharts(aReport({ period: 'month' }), asIs), 'byDay')).type).toBe('line')
    expect(reportCharts(aReport({ period: 'day' }), asIs).map((c) => c.id)).toEqual(['byState', 'byItem', 'byDepartment', 'byOperator', 'byWindow', 'ratings'])
  })

  it('lists in the state table and the ring only the states some case is in, with each one’s share', () => {
    const states = chartOf(reportCharts(aReport(), asIs), 'byState')
    expect(states.rows).toEqual([
      { key: 'accepted', label: 'accepted', count: 4, share: '66.7%' },
      { key: 'approved', label: 'approved', count: 2, share: '33.3%' },
    ])
    expect((seriesOf(states).data as { name: string; value: number }[]).map((d) => [d.name, d.value])).toEqual([
      ['accepted', 4],
      ['approved', 2],
    ])
  })

  it('labels rows as the screen asks (states and grades in its language)', () => {
    const labelOf: RowLabel = (chart, row) => (chart === 'byState' ? `状态:${row.key}` : chart === 'ratings' ? `评价:${row.key}` : row.label)
    const charts = reportCharts(aReport(), labelOf)
    expect(chartOf(charts, 'byState').rows[0]!.label).toBe('状态:accepted')
    expect((chartOf(charts, 'ratings').option.xAxis as { data: string[] }).data).toEqual(['评价:5', '评价:4', '评价:3', '评价:2', '评价:1'])
    expect(chartOf(charts, 'byItem').rows.map((r) => r.label)).toEqual(['XK00201001', 'XK00201004'])
  })

  it('ranks the largest first and draws at most ten bars, while its table keeps every row', () => {
    const items = Array.from({ length: 14 }, (_, i): [string, number] => [`item-${i}`, i + 1])
    const chart = chartOf(reportCharts(aReport({ byItem: rows(items) }), asIs), 'byItem')
    expect(chart.rows).toHaveLength(14)
    const bars = (chart.option.yAxis as { data: string[] }).data
    expect(bars).toHaveLength(RANKED_BARS)
    expect(bars[0]).toBe('item-13')
    expect(seriesOf(chart).data).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5])
  })

  it('says "—" for a share of nothing and keeps every grade in the ratings table', () => {
    const ratings = chartOf(reportCharts(aReport({ ratings: { byGrade: rows([['5', 0], ['4', 0], ['3', 0], ['2', 0], ['1', 0]]), negative: 0, openFollowUps: 0 } }), asIs), 'ratings')
    expect(ratings.rows.map((r) => r.share)).toEqual(['—', '—', '—', '—', '—'])
    expect(ratings.total).toBe(0)
  })
})

describe('the screen’s keys', () => {
  const page: KeyTarget = { tagName: 'BODY', closest: () => null }
  const press = (key: string, code: string, options: Partial<ReportKeyEvent> = {}): ReturnType<typeof reportKeyAction> =>
    reportKeyAction({ key, code, altKey: false, ctrlKey: false, metaKey: false, repeat: false, defaultPrevented: false, target: page, ...options })

  it('steps with ←/→, goes to today with T and switches the period with D/W/M', () => {
    expect(press('ArrowLeft', 'ArrowLeft')).toBe('previous')
    expect(press('ArrowRight', 'ArrowRight')).toBe('next')
    expect(press('t', 'KeyT')).toBe('today')
    expect(press('T', 'KeyT')).toBe('today')
    expect(press('w', 'KeyW')).toBe('week')
    expect(press('m', 'KeyM')).toBe('month')
    expect(press('e', 'KeyE')).toBe('csv')
    expect(press('p', 'KeyP')).toBe('print')
    expect(press('x', 'KeyX')).toBeNull()
  })

  it('keeps the letters working on the 日/周/月 switch just clicked, and leaves its arrows to it', () => {
    const radio: KeyTarget = { tagName: 'INPUT', closest: (selectors) => (selectors.includes('[role="radiogroup"]') ? radio : null) }
    expect(press('p', 'KeyP', { target: radio })).toBe('print')
    expect(press('ArrowLeft', 'ArrowLeft', { target: radio })).toBeNull()
  })

  it('leaves keys typed into a field, or held down, or with Alt/Ctrl, to their owner', () => {
    const field: KeyTarget = { tagName: 'INPUT', closest: (selectors) => (selectors.includes('input') ? field : null) }
    expect(press('t', 'KeyT', { target: field })).toBeNull()
    expect(press('ArrowLeft', 'ArrowLeft', { target: field })).toBeNull()
    const tab: KeyTarget = { tagName: 'DIV', closest: (selectors) => (selectors.includes('[role="tablist"]') ? tab : null) }
    expect(press('ArrowRight', 'ArrowRight', { target: tab })).toBeNull()
    expect(press('t', 'KeyT', { target: { tagName: 'DIV', isContentEditable: true } })).toBeNull()
    expect(press('6', 'Digit6', { altKey: true })).toBeNull()
    expect(press('t', 'KeyT', { ctrlKey: true })).toBeNull()
    expect(press('ArrowRight', 'ArrowRight', { repeat: true })).toBeNull()
    expect(press('t', 'KeyT', { defaultPrevented: true })).toBeNull()
  })
})

describe('the files the screen saves', () => {
  it('keeps the CSV’s byte-order mark, so Excel reads it as UTF-8', async () => {
    const bytes = new Uint8Array(await csvBlob('\uFEFF日期,受理量\r\n2026-11-25,3\r\n').arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('日期,受理量\r\n2026-11-25,3\r\n')
  })

  it('turns an inline PDF’s base64 back into its bytes', () => {
    expect([...base64Bytes(btoa('%PDF-1.7\n\xe2\xe3'))]).toEqual([...'%PDF-1.7\n'].map((c) => c.charCodeAt(0)).concat([0xe2, 0xe3]))
  })
})
