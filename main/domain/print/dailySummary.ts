/**
 * 统计日报: the A4 daily summary a supervisor prints and signs at closing —
 * the day's counts, deadlines, ratings and courier figures, and the audit
 * chain's head as it stood (seq and hash, and when the signed anchor beside
 * the database last caught up), so a later `audit verify --anchor SEQ:HASH`
 * can show the trail was not cut back below what this paper saw. Printed
 * like the other A4 sheets (a4Documents.ts).
 */
import { z } from 'zod'
import { a4Document, infoRow } from './a4Documents'
import { day, moment, text } from './fieldSchemas'
import { escapeHtml as h } from './htmlPage'
import type { A4Document } from './printDocument'

const count = z.number().int().min(0)

/** Rows a sheet lists before it says "and N more": the paper stays one or two pages. */
export const DAILY_SUMMARY_LIMITS = { items: 15, overdue: 30 } as const

export const dailySummaryDataSchema = z.object({
  hallName: text(60),
  windowName: text(40),
  date: day,
  generatedAt: moment,
  /** Who printed it (the supervisor signs beside it). */
  operator: text(32),
  accepted: count,
  byState: z.array(z.object({ label: text(20), count })).max(20),
  deadlines: z.object({ onTime: count, overdue: count, onTimeShare: z.number().min(0).max(1).nullable() }),
  averageHandlingDays: z.number().min(0).nullable(),
  deferredIntakes: count,
  supplementRequests: count,
  ratings: z.object({ byGrade: z.array(z.object({ label: text(20), count })).max(5), negative: count, openFollowUps: count }),
  express: z.object({ shipped: count, delivered: count, exceptions: count }),
  byItem: z.array(z.object({ label: text(80), count })).max(DAILY_SUMMARY_LIMITS.items),
  /** Items not listed (beyond the first ones). */
  itemsMore: count.default(0),
  overdueCases: z
    .array(z.object({ caseNo: text(40), itemName: text(80), dueDate: day, daysOver: z.number().int().min(1), open: z.boolean() }))
    .max(DAILY_SUMMARY_LIMITS.overdue),
  overdueMore: count.default(0),
  audit: z.object({
    /** The chain's newest row when the sheet was made; null for an empty chain. */
    head: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制') }).nullable(),
    /** The signed anchor (audit.anchor) as it stood then; null when there is none or it could not be moved. */
    anchor: z.object({ seq: z.number().int().min(0), signedAt: moment }).nullable(),
    /** Why the anchor is missing or behind, in words for the paper. */
    anchorNote: text(200).optional(),
  }),
})
export type DailySummaryData = z.infer<typeof dailySummaryDataSchema>

const CSS = `
.ow-a4 .daily-grid { display: flex; gap: 4mm; margin: 3mm 0; }
.ow-a4 .daily-grid > table { flex: 1; }
.ow-a4 h2 { font-size: 12pt; margin: 4mm 0 1.5mm; }
.ow-a4 td.c { text-align: right; width: 18mm; }
.ow-a4 .hash { font-family: 'Noto Sans Mono CJK SC', monospace; font-size: 9pt; word-break: break-all; }
`

const share = (s: number | null): string => (s === null ? '—' : `${(s * 100).toFixed(1)}%`)

function countTable(heading: string, rows: ReadonlyArray<{ label: string; count: number }>, more = 0): string {
  const body = rows.map((r) => `<tr><td>${h(r.label)}</td><td class="c">${r.count}</td></tr>`).join('\n')
  const tail = more > 0 ? `<tr><td colspan="2">另有 ${more} 项未列出</td></tr>` : ''
  const empty = rows.length === 0 ? '<tr><td colspan="2">无</td></tr>' : ''
  return `<table><thead><tr><th>${h(heading)}</th><th>件数</th></tr></thead><tbody>${body}${empty}${tail}</tbody></table>`
}

export function buildDailySummary(d: DailySummaryData): A4Document {
  const figures: Array<[string, string]> = [
    ['受理件数', String(d.accepted)],
    ['按时办结', String(d.deadlines.onTime)],
    ['逾期', String(d.deadlines.overdue)],
    ['按时办结率', share(d.deadlines.onTimeShare)],
    ['平均办理时长', d.averageHandlingDays === null ? '—' : `${d.averageHandlingDays} 个工作日`],
    ['容缺受理', String(d.deferredIntakes)],
    ['补正', String(d.supplementRequests)],
    ['差评', String(d.ratings.negative)],
    ['未办结差评回访', String(d.ratings.openFollowUps)],
    ['快递寄出', String(d.express.shipped)],
    ['快递签收', String(d.express.delivered)],
    ['快递异常', String(d.express.exceptions)],
  ]
  const figureRows: string[] = []
  for (let i = 0; i < figures.length; i += 3) figureRows.push(infoRow(figures.slice(i, i + 3)))
  const overdueRows = d.overdueCases
    .map((c, i) => `<tr><td class="n">${i + 1}</td><td>${h(c.caseNo)}</td><td>${h(c.itemName)}</td><td>${h(c.dueDate)}</td><td class="c">${c.daysOver}</td><td>${c.open ? '未办结' : '已办结'}</td></tr>`)
    .join('\n')
  const overdueMore = d.overdueMore > 0 ? `<p class="note">另有 ${d.overdueMore} 件逾期办件未列出，详见统计报表。</p>` : ''
  const overdue =
    d.overdueCases.length === 0
      ? '<p class="note">无逾期办件。</p>'
      : `<table><thead><tr><th>序号</th><th>受理编号</th><th>事项名称</th><th>承诺办结日期</th><th>逾期工作日</th><th>状态</th></tr></thead><tbody>${overdueRows}</tbody></table>${overdueMore}`
  const head = d.audit.head ? `第 ${d.audit.head.seq} 条 <span class="hash">${h(d.audit.head.hash)}</span>` : '审计链为空'
  const anchor = d.audit.anchor ? `已签名至第 ${d.audit.anchor.seq} 条（${h(d.audit.anchor.signedAt)}）` : '无'
  const anchorNote = d.audit.anchorNote ? `（${h(d.audit.anchorNote)}）` : ''
  const body = `<style>${CSS}</style>
<h1>政务服务统计日报</h1>
<p class="sub">${h(d.hallName)} · ${h(d.windowName)}</p>
<table class="info">
${infoRow([['统计日期', d.date], ['生成时间', d.generatedAt]])}
</table>
<h2>概况</h2>
<table class="info">
${figureRows.join('\n')}
</table>
<div class="daily-grid">
${countTable('办件状态', d.byState)}
${countTable('好差评', d.ratings.byGrade)}
</div>
<h2>按事项</h2>
${countTable('事项名称', d.byItem, d.itemsMore)}
<h2>逾期办件</h2>
${overdue}
<h2>审计链</h2>
<table class="info">
<tr><td><b>审计链末条：</b>${head}</td></tr>
<tr><td><b>签名锚点：</b>${anchor}${anchorNote}</td></tr>
</table>
<p class="note">核验：npm run cli -- audit verify --data 数据目录${d.audit.head ? ` --anchor ${d.audit.head.seq}:${h(d.audit.head.hash)}` : ''}</p>
<div class="signs">
  <div class="sign">制表人：${h(d.operator)}</div>
  <div class="sign">值班长（签名）：<span class="line"></span><br><br>日期：<span class="line"></span></div>
</div>`
  return a4Document(`统计日报 ${d.date}`, body)
}
