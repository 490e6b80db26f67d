/**
 * A report as a CSV file Excel opens as it is: UTF-8 with a BOM (without it
 * Excel reads Chinese as GBK), CRLF line ends, RFC 4180 quoting. One section
 * per table — a title line, a heading row, the rows — with an empty line
 * between sections, headings in Chinese.
 */
import { stateLabels } from '../caseMachine'
import { hallMoment } from '../timestamps'
import { periodLabels } from './reportPeriods'
import type { CountRow, ReportFigures } from './reportFigures'

const BOM = '\uFEFF'
const CRLF = '\r\n'

/**
 * One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF, with
 * quotes doubled. Text starting with = + - @ (or a tab/CR) is prefixed with
 * an apostrophe so Excel shows it instead of running it as a formula — names
 * come from catalogs and people. Numbers go out as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(fields: ReadonlyArray<string | number | null>): string {
  return fields.map(csvField).join(',')
}

/** Sections of rows (the first row of each its heading) as one CSV text, BOM first. */
export function csvText(sections: ReadonlyArray<{ title: string; rows: ReadonlyArray<ReadonlyArray<string | number | null>> }>): string {
  const lines: string[] = []
  sections.forEach((section, i) => {
    if (i > 0) lines.push('')
    lines.push(csvLine([section.title]))
    for (const row of section.rows) lines.push(csvLine(row))
  })
  return BOM + lines.join(CRLF) + CRLF
}

const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`)

function countSection(title: string, heading: [string, string], rows: readonly CountRow[]): { title: string; rows: Array<Array<string | number>> } {
  return { title, rows: [[...heading, '件数'], ...rows.map((r) => [r.key, r.label, r.count])] }
}

export function reportCsv(r: ReportFigures): string {
  const summary: Array<[string, string | number]> = [
    ['统计期间', r.from === r.to ? r.from : `${r.from} 至 ${r.to}`],
    ['生成时间', hallMoment(r.generatedAt, 'second')],
    ['受理件数', r.accepted],
    ['按时办结', r.deadlines.onTime],
    ['逾期', r.deadlines.overdue],
    ['按时办结率', percent(r.deadlines.onTimeShare)],
    ['平均办理时长（工作日）', r.averageHandlingDays === null ? '—' : r.averageHandlingDays],
    ['容缺受理', r.deferredIntakes],
    ['补正', r.supplementRequests],
    ['差评', r.ratings.negative],
    ['未办结差评回访', r.ratings.openFollowUps],
    ['快递寄出', r.express.shipped],
    ['快递签收', r.express.delivered],
    ['快递异常', r.express.exceptions],
  ]
  return csvText([
    { title: `统计${periodLabels[r.period]}`, rows: [['指标', '数值'], ...summary] },
    { title: '按状态', rows: [['状态', '状态名称', '件数'], ...r.byState.map((s) => [s.key, s.label, s.count])] },
    countSection('按事项', ['事项编码', '事项名称'], r.byItem),
    countSection('按部门', ['部门', '部门名称'], r.byDepartment),
    countSection('按受理人', ['受理人编号', '受理人'], r.byOperator),
    countSection('按窗口', ['工作站', '窗口'], r.byWindow),
    { title: '按日期', rows: [['日期', '受理件数'], ...r.byDay.map((d) => [d.key, d.count])] },
    { title: '好差评', rows: [['等级', '评价', '件数'], ...r.ratings.byGrade.map((g) => [g.key, g.label, g.count])] },
    {
      title: '逾期办件',
      rows: [
        ['受理编号', '事项名称', '部门', '受理日期', '承诺办结日期', '逾期工作日', '状态', '是否未办结'],
        ...r.deadlines.overdueCases.map((c) => [c.caseNo, c.itemName, c.departmentName, c.acceptedDate, c.dueDate, c.daysOver, stateLabels[c.state], c.open ? '未办结' : '已办结']),
      ],
    },
  ])
}

/** The file name a report is saved under: 统计日报_2026-03-02.csv, 统计周报_2026-03-02_2026-03-08.csv, 统计月报_2026-03.csv. */
export function reportCsvFileName(r: Pick<ReportFigures, 'period' | 'from' | 'to'>): string {
  const span = r.period === 'day' ? r.from : r.period === 'month' ? r.from.slice(0, 7) : `${r.from}_${r.to}`
  return `统计${periodLabels[r.period]}_${span}.csv`
}
