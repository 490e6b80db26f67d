/**
 * The report as charts, each with the rows of the table beside it: what a
 * supervisor would rather look at than read (cases per day, by state, by
 * item, department, operator and window, ratings by grade). Pure: the
 * ECharts options are plain data, so a unit test reads exactly what is drawn.
 */
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { Report, ReportCountRow } from '../../../main/contract/reports'

export type ReportChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption>

export const chartIds = ['byDay', 'byState', 'byItem', 'byDepartment', 'byOperator', 'byWindow', 'ratings'] as const
export type ChartId = (typeof chartIds)[number]

export interface ChartRow {
  key: string
  label: string
  count: number
  /** Its part of the chart's total, as text ("37.5%"); "—" when the total is 0. */
  share: string
}

export interface ReportChart {
  id: ChartId
  rows: ChartRow[]
  total: number
  option: ReportChartOption
}

/** The label to show for a row: states and grades in the screen's language, the rest as main names them. */
export type RowLabel = (chart: ChartId, row: ReportCountRow) => string

/** The app's red (App.tsx theme), and the grades from 非常满意 (green) to 非常不满意 (red). */
const ACCENT = '#c0392b'
const GRADE_COLORS: Readonly<Record<string, string>> = { '5': '#389e0d', '4': '#7cb305', '3': '#d4b106', '2': '#fa8c16', '1': '#cf1322' }
const STATE_COLORS = ['#1677ff', '#13c2c2', '#faad14', '#52c41a', '#cf1322', '#722ed1', '#2f54eb', '#fa8c16', '#eb2f96', '#389e0d', '#8c8c8c']
/** Bars a ranked chart draws; its table lists every row. */
export const RANKED_BARS = 10

// No animation: a counter PC has two cores, and a figure that grows is no truer for it.
const base = { animation: false, tooltip: {} } as const

function shareOf(count: number, total: number): string {
  if (total === 0) return '—'
  return `${Math.round((count / total) * 1000) / 10}%`
}

function rowsOf(chart: ChartId, source: readonly ReportCountRow[], labelOf: RowLabel): ChartRow[] {
  const total = source.reduce((sum, r) => sum + r.count, 0)
  return source.map((r) => ({ key: r.key, label: labelOf(chart, r), count: r.count, share: shareOf(r.count, total) }))
}

/** Cases per day of a week or month: columns for a week, a line across a month's thirty days. */
function dayOption(rows: ChartRow[], asLine: boolean): ReportChartOption {
  const categories = rows.map((r) => r.key.slice(5)) // MM-DD of a plain date: the year is in the period's title
  const data = rows.map((r) => r.count)
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: [asLine ? { type: 'line', data, color: ACCENT, areaStyle: { opacity: 0.15 }, symbolSize: 6 } : { type: 'bar', data, color: ACCENT, barMaxWidth: 32 }],
  }
}

/** Largest first, the top RANKED_BARS as horizontal bars (long item names read across, not up). */
function rankedOption(rows: ChartRow[]): ReportChartOption {
  const top = [...rows].sort((a, b) => b.count - a.count).slice(0, RANKED_BARS)
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: top.map((r) => r.label), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: top.map((r) => r.count), color: ACCENT, barMaxWidth: 20, label: { show: true, position: 'right' } }],
  }
}

/** States as a ring: only the states some case is in (a slice of nothing is no slice); a state keeps its colour whichever others are there. */
function stateOption(rows: ChartRow[]): ReportChartOption {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: rows.map((r, i) => ({ name: r.label, value: r.count, itemStyle: { color: STATE_COLORS[i % STATE_COLORS.length] } })).filter((d) => d.value > 0),
        label: { formatter: '{b} {c}' },
      },
    ],
  }
}

function gradeOption(rows: ChartRow[]): ReportChartOption {
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', barMaxWidth: 40, data: rows.map((r) => ({ value: r.count, itemStyle: { color: GRADE_COLORS[r.key] ?? ACCENT } })) }],
  }
}

function chartOf(id: ChartId, rows: ChartRow[], option: ReportChartOption): ReportChart {
  return { id, rows, total: rows.reduce((sum, r) => sum + r.count, 0), option }
}

/**
 * The charts of a report, in the screen's order. A day's report has no
 * per-day chart (one column says no more than the headline); the state
 * table, like its ring, lists only the states some case is in.
 */
export function reportCharts(report: Report, labelOf: RowLabel): ReportChart[] {
  const charts: ReportChart[] = []
  if (report.period !== 'day') {
    const days = rowsOf('byDay', report.byDay, labelOf)
    charts.push(chartOf('byDay', days, dayOption(days, report.period === 'month')))
  }
  const states = rowsOf('byState', report.byState, labelOf)
  charts.push(chartOf('byState', states.filter((r) => r.count > 0), stateOption(states)))
  for (const id of ['byItem', 'byDepartment', 'byOperator', 'byWindow'] as const) {
    const rows = rowsOf(id, report[id], labelOf)
    charts.push(chartOf(id, rows, rankedOption(rows)))
  }
  const grades = rowsOf('ratings', report.ratings.byGrade, labelOf)
  charts.push(chartOf('ratings', grades, gradeOption(grades)))
  return charts
}
