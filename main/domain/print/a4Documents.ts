/**
 * The two A4 sheets: the materials checklist the applicant signs (一张清单收件)
 * and the courier handover list (交接清单). HTML, printed by the Electron
 * window or turned into a PDF by Chromium on the station host.
 */
import { z } from 'zod'
import { maskIdNumber, maskName, maskPhone } from '../masking'
import type { A4Document } from './printDocument'
import { code128Svg } from './code128'
import { asciiText, day, moment, text } from './fieldSchemas'
import { caseHeadSchema, caseNoSchema, printedId } from './receiptData'
import { CJK_FONT_STACK, escapeHtml as h, standalonePage } from './htmlPage'

export const materialsChecklistDataSchema = caseHeadSchema.extend({
  materials: z
    .array(
      z.object({
        name: text(80),
        form: text(10).optional(),
        copies: z.number().int().min(1).max(99).default(1),
        isRequired: z.boolean().default(true),
        /** received: in hand; deficient: 容缺, promised later; missing: not handed in (optional material). */
        status: z.enum(['received', 'deficient', 'missing']),
        note: text(100).optional(),
      }),
    )
    .min(1)
    .max(80),
  deficiencyDueDate: day.optional(),
  acceptedAt: moment,
  operator: text(32),
})
export type MaterialsChecklistData = z.infer<typeof materialsChecklistDataSchema>

export const handoverListDataSchema = z.object({
  hallName: text(60),
  windowName: text(40),
  batchNo: text(40),
  carrierName: text(20),
  courierName: text(30),
  /** Masked on paper (`139****1111`); pass it masked, as the batch stores it. */
  courierPhone: text(20).optional(),
  /** The courier's ID number from the card they tapped, masked on paper (`3203**********1234`); pass it masked. */
  courierId: text(24).optional(),
  openedAt: moment,
  closedAt: moment,
  operator: text(32),
  expectedCount: z.number().int().min(0),
  items: z
    .array(
      z.object({
        /** ASCII: it is drawn as a Code 128 barcode the courier's scanner reads off the sheet. */
        waybillNo: asciiText(30, '运单号'),
        caseNo: caseNoSchema,
        recipientName: text(30),
        destination: text(60),
        pieces: z.number().int().min(1).default(1),
      }),
    )
    .max(500),
  /** The courier's signature from the pad, if captured (PNG data URL). */
  courierSignature: z
    .string()
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, '签名应为 PNG data URL')
    .max(400_000)
    .optional(),
})
export type HandoverListData = z.infer<typeof handoverListDataSchema>

/** Page rules only in the standalone document; the sheet's own rules are scoped to `.ow-a4` so a preview can embed them. */
const PAGE_CSS = `@page { size: A4; margin: 16mm 14mm; } body { margin: 0; }`
const A4_CSS = `
.ow-a4 { font-family: ${CJK_FONT_STACK}; font-size: 11pt; color: #000; background: #fff; }
.ow-a4 * { box-sizing: border-box; }
.ow-a4 h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; }
.ow-a4 .sub { text-align: center; margin: 0 0 5mm; }
.ow-a4 table { width: 100%; border-collapse: collapse; }
.ow-a4 th, .ow-a4 td { border: 0.3mm solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
.ow-a4 th { background: #eee; white-space: nowrap; }
.ow-a4 td.n { text-align: center; width: 10mm; }
.ow-a4 table.info td { border: none; padding: 1mm 0; }
.ow-a4 .totals { margin: 4mm 0; font-weight: bold; }
.ow-a4 .note { margin: 3mm 0; }
.ow-a4 .signs { display: flex; justify-content: space-between; margin-top: 14mm; }
.ow-a4 .sign { width: 45%; }
.ow-a4 .line { display: inline-block; min-width: 45mm; border-bottom: 0.3mm solid #000; height: 8mm; vertical-align: bottom; }
.ow-a4 .box { display: inline-block; width: 60mm; height: 18mm; border: 0.3mm solid #000; vertical-align: top; }
.ow-a4 .box img { height: 100%; max-width: 100%; }
.ow-a4 tr { break-inside: avoid; }
.ow-a4 svg.code128 { display: block; margin-top: 1mm; }
.ow-a4 .para { text-indent: 2em; line-height: 1.7; margin: 2mm 0; }
`

export function a4Document(title: string, body: string): A4Document {
  const sheet = `<div class="ow-a4">${body}</div>`
  return { format: 'a4', title, html: standalonePage(title, PAGE_CSS + A4_CSS, sheet), fragment: `<style>${A4_CSS}</style>${sheet}` }
}

const statusText = { received: '☑ 已收', deficient: '☐ 容缺后补', missing: '— 未提交' } as const

export function infoRow(pairs: Array<[string, string]>): string {
  return `<tr>${pairs.map(([k, v]) => `<td><b>${h(k)}：</b>${h(v)}</td>`).join('')}</tr>`
}

export function buildMaterialsChecklist(d: MaterialsChecklistData): A4Document {
  const received = d.materials.filter((m) => m.status === 'received').length
  const deficient = d.materials.filter((m) => m.status === 'deficient').length
  const rows = d.materials
    .map(
      (m, i) =>
        `<tr><td class="n">${i + 1}</td><td>${h(m.name)}</td><td>${h(m.form ?? '')}</td><td class="n">${m.copies}</td>` +
        `<td>${m.isRequired ? '必要' : '非必要'}</td><td>${statusText[m.status]}</td><td>${h(m.note ?? '')}</td></tr>`,
    )
    .join('\n')
  const agent = d.agent ? infoRow([['代办人', d.agent.name], [d.agent.idType, maskIdNumber(d.agent.idNumber)]]) : ''
  const promise =
    deficient > 0
      ? `<p class="note">容缺承诺：申请人承诺于 <b>${h(d.deficiencyDueDate ?? '约定期限')}</b> 前补交上表标注“容缺后补”的 ${deficient} 项材料，逾期未补交的，按规定终止办理。</p>`
      : ''
  const body = `
<h1>申请材料清单（一张清单收件）</h1>
<p class="sub">${h(d.hallName)} · ${h(d.windowName)}</p>
<table class="info">
${infoRow([['受理编号', d.caseNo], ['受理时间', d.acceptedAt]])}
${infoRow([['事项名称', d.itemName], ['事项编码', d.itemCode ?? '—']])}
${infoRow([['申请人', d.applicant.name], [d.applicant.idType, printedId(d.applicant.idNumber)]])}
${agent}
</table>
<table>
<thead><tr><th>序号</th><th>材料名称</th><th>形式</th><th>份数</th><th>要求</th><th>收取情况</th><th>备注</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="totals">共 ${d.materials.length} 项，已收 ${received} 项，容缺 ${deficient} 项</p>
${promise}
<p class="note">本人确认：以上材料真实、合法、有效，复印件与原件一致。</p>
<div class="signs">
  <div class="sign">申请人（签名）：<span class="line"></span><br><br>日期：<span class="line"></span></div>
  <div class="sign">受理人：${h(d.operator)}<br><br>窗口（盖章）：<span class="line"></span></div>
</div>`
  return a4Document(`申请材料清单 ${d.caseNo}`, body)
}

export function buildHandoverList(d: HandoverListData): A4Document {
  const pieces = d.items.reduce((sum, item) => sum + item.pieces, 0)
  const rows = d.items
    .map(
      (item, i) =>
        // 0.3 mm modules, 8 mm tall: a handheld scanner reads it off a laser print; the number stays beside it for eyes.
        `<tr><td class="n">${i + 1}</td><td>${h(item.waybillNo)}${code128Svg(item.waybillNo, { moduleMm: 0.3, heightMm: 8 })}</td>` +
        `<td>${h(item.caseNo)}</td><td>${h(maskName(item.recipientName))}</td><td>${h(item.destination)}</td><td class="n">${item.pieces}</td></tr>`,
    )
    .join('\n')
  const mismatch = d.items.length !== d.expectedCount ? `（与应交 ${d.expectedCount} 件不符，请核对）` : ''
  const signature = d.courierSignature ? `<img alt="揽件员签名" src="${d.courierSignature}">` : ''
  const courier: Array<[string, string]> = [['揽件员', d.courierName]]
  if (d.courierPhone) courier.push(['联系电话', maskPhone(d.courierPhone)])
  if (d.courierId) courier.push(['身份证号', maskIdNumber(d.courierId)])
  const body = `
<h1>快递交接清单</h1>
<p class="sub">${h(d.hallName)} · ${h(d.windowName)}</p>
<table class="info">
${infoRow([['批次号', d.batchNo], ['承运商', d.carrierName]])}
${infoRow(courier)}
${infoRow([['开始时间', d.openedAt], ['交接时间', d.closedAt]])}
</table>
<table>
<thead><tr><th>序号</th><th>运单号</th><th>受理编号</th><th>收件人</th><th>目的地</th><th>件数</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="totals">应交 ${d.expectedCount} 件，实交 ${d.items.length} 件，共 ${pieces} 个包裹${h(mismatch)}</p>
<div class="signs">
  <div class="sign"><b>交接人</b>（窗口）：${h(d.operator)}<br><br>交接人签名：<br><span class="box"></span><br><br>交接时间：${h(d.closedAt)}</div>
  <div class="sign"><b>接收人</b>（揽件员）：${h(d.courierName)}<br><br>揽件员签名：<br><span class="box">${signature}</span><br><br>日期：<span class="line"></span></div>
</div>`
  return a4Document(`交接清单 ${d.batchNo}`, body)
}
