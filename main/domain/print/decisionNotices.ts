/**
 * The review's two A4 notices, owed to the applicant in writing:
 * - 不予行政许可决定书 / 不予受理决定书: the reason, the legal basis and the
 *   applicant's remedies (行政许可法 第三十八条第二款: a refusal states its
 *   reasons and the right to 行政复议 or 行政诉讼);
 * - 补正材料一次性告知书: everything to supply, told once and all together
 *   (行政许可法 第三十二条第一款第（四）项), and that the clock stops meanwhile.
 * Printed like the other A4 sheets (a4Documents.ts): HTML for the Electron
 * window, a PDF by Chromium on the station host.
 */
import { z } from 'zod'
import { refusalKinds, type RefusalKind } from '../reviewDecisions'
import { a4Document, infoRow } from './a4Documents'
import { day, moment, text } from './fieldSchemas'
import { escapeHtml as h } from './htmlPage'
import type { A4Document } from './printDocument'
import { caseHeadSchema, printedId } from './receiptData'

export const refusalTitles: Readonly<Record<RefusalKind, string>> = { notPermitted: '不予行政许可决定书', notAccepted: '不予受理决定书' }

/**
 * The remedies a refusal must name: 行政复议 within 60 days of learning of it
 * (行政复议法 第二十条) or 行政诉讼 within 6 months (行政诉讼法 第四十六条).
 */
export const REMEDIES =
  '如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼' +
  '（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。'

const noticeHeadSchema = caseHeadSchema.extend({
  /** The deciding department (the catalog's name for it). */
  departmentName: text(60),
  acceptedAt: moment,
  operator: text(32),
})

export const refusalNoticeDataSchema = noticeHeadSchema.extend({
  refusal: z.enum(refusalKinds),
  reason: text(500),
  legalBasis: text(300),
  decidedAt: moment,
})
export type RefusalNoticeData = z.infer<typeof refusalNoticeDataSchema>

export const oneTimeNoticeDataSchema = noticeHeadSchema
  .extend({
    /** Materials from the checklist, each with its form and copies as the checklist asks. */
    items: z.array(z.object({ name: text(80), form: text(10).optional(), copies: z.number().int().min(1).max(99).optional() })).max(80),
    /** Anything else to supply or correct, in the reviewer's words. */
    text: text(500).optional(),
    /** The last day to supply (补正期限), when one was set. */
    dueDate: day.optional(),
    noticedAt: moment,
  })
  .refine((d) => d.items.length > 0 || d.text !== undefined, { message: '告知书须列明须补正的材料或内容', path: ['items'] })
export type OneTimeNoticeData = z.infer<typeof oneTimeNoticeDataSchema>

type NoticeHead = z.infer<typeof noticeHeadSchema>

function headTable(d: NoticeHead, when: [string, string]): string {
  const agent = d.agent ? infoRow([['代办人', d.agent.name], [d.agent.idType, printedId(d.agent.idNumber)]]) : ''
  return `<table class="info">
${infoRow([['申请人', d.applicant.name], [d.applicant.idType, printedId(d.applicant.idNumber)]])}
${agent}
${infoRow([['事项名称', d.itemName], ['事项编码', d.itemCode ?? '—']])}
${infoRow([['受理时间', d.acceptedAt], when])}
</table>`
}

/** The application as both notices open: who applied for what, when, under which number. */
function opening(d: NoticeHead): string {
  return `<p>${h(d.applicant.name)}：</p>
<p class="para">你（单位）于 ${h(d.acceptedAt)} 提出的“${h(d.itemName)}”申请（受理编号 ${h(d.caseNo)}），经审查，`
}

function signatures(d: NoticeHead, at: string): string {
  return `<div class="signs">
  <div class="sign">经办人：${h(d.operator)}<br><br>窗口：${h(d.hallName)} ${h(d.windowName)}</div>
  <div class="sign">${h(d.departmentName)}（盖章）<br><br>${h(at.slice(0, 10))}</div>
</div>
<br><p class="note">申请人（签收）：<span class="line"></span>&emsp;&emsp;签收日期：<span class="line"></span></p>`
}

export function buildRefusalNotice(d: RefusalNoticeData): A4Document {
  const title = refusalTitles[d.refusal]
  const decision = d.refusal === 'notPermitted' ? '决定不予行政许可。' : '你（单位）的申请不符合受理条件，决定不予受理。'
  const body = `
<h1>${h(title)}</h1>
<p class="sub">${h(d.departmentName)} · 受理编号 ${h(d.caseNo)}</p>
${headTable(d, ['决定时间', d.decidedAt])}
${opening(d)}${decision}</p>
<p class="para"><b>理由：</b>${h(d.reason)}</p>
<p class="para"><b>法律依据：</b>${h(d.legalBasis)}</p>
<p class="para"><b>救济途径：</b>${h(REMEDIES)}</p>
${signatures(d, d.decidedAt)}`
  return a4Document(`${title} ${d.caseNo}`, body)
}

export function buildOneTimeNotice(d: OneTimeNoticeData): A4Document {
  const rows = d.items.map((m, i) => `<tr><td class="n">${i + 1}</td><td>${h(m.name)}</td><td>${h(m.form ?? '')}</td><td class="n">${m.copies ?? ''}</td></tr>`)
  if (d.text) rows.push(`<tr><td class="n">${d.items.length + 1}</td><td colspan="3">${h(d.text)}</td></tr>`)
  const due = d.dueDate ? `请于 <b>${h(d.dueDate)}</b> 前（含当日）提交补正材料。` : '请在收到本告知书后尽快提交补正材料。'
  const body = `
<h1>补正材料一次性告知书</h1>
<p class="sub">${h(d.departmentName)} · 受理编号 ${h(d.caseNo)}</p>
${headTable(d, ['告知时间', d.noticedAt])}
${opening(d)}申请材料不齐全或者不符合法定形式。依据《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部内容：</p>
<table>
<thead><tr><th>序号</th><th>须补正的材料或内容</th><th>形式</th><th>份数</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="para"><b>补正期限：</b>${due}</p>
<p class="para">补正期间不计入办理时限；收到全部补正材料后，办理时限继续计算。</p>
${signatures(d, d.noticedAt)}`
  return a4Document(`补正材料一次性告知书 ${d.caseNo}`, body)
}
