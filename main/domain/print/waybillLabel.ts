/**
 * The 100 × 150 mm waybill label, band by band as specs/dispatch.md §D1 lays
 * it out (203 dpi: 800 × 1200 dots). One LabelDocument feeds the TSPL writer
 * and the preview; `buildWaybillReceipt` reflows the same data for an 80 mm
 * ESC/POS printer when no label printer is at hand.
 */
import { code128Modules } from './code128'
import { maskAccount, maskName, maskPhone } from '../masking'
import { labelText as text, markText, type LabelDocument, type LabelElement, type PrintMarks, type ReceiptDocument } from './printDocument'
import { ReceiptComposer } from './receiptComposer'
import { wrapColumns } from './textWidth'
import { groupWaybillNo, type WaybillLabelData } from './waybillData'

const WIDTH = 800
/** TSS24: 24 dots per full-width glyph, 12 per ASCII column. */
const COLUMN_DOTS = 12

/** Columns that fit between x and the right margin at a magnification. */
const columnsFrom = (x: number, mul = 1): number => Math.floor((WIDTH - 16 - x) / (COLUMN_DOTS * mul))

/** Lines of wrapped text at a fixed pitch; throws rather than run into the next band. */
function paragraph(x: number, y: number, value: string, maxBottom: number, pitch: number, what: string): LabelElement[] {
  const lines = wrapColumns(value, columnsFrom(x))
  if (y + lines.length * pitch > maxBottom) {
    throw new RangeError(`${what}太长（${lines.length} 行），面单上放不下；请精简后再打印`)
  }
  return lines.map((line, i) => text(x, y + i * pitch, line))
}

export function buildWaybillLabel(d: WaybillLabelData, marks?: PrintMarks): LabelDocument {
  const e: LabelElement[] = []

  // 0–14 mm: carrier and product; the 政务专递 badge, inverted; print time.
  e.push(text(24, 16, `${d.carrierName} ${d.productName}`, 2))
  e.push({ type: 'box', x: 520, y: 8, xEnd: 784, yEnd: 96, thickness: 3 })
  e.push(text(548, 28, '政务专递', 2))
  e.push({ type: 'reverse', x: 522, y: 10, width: 260, height: 84 })
  e.push(text(24, 72, `打印 ${d.printedAt}`))

  // 14–34 mm: destination route code, huge; sorting code boxed at the right.
  const route = d.destRouteLabel ?? '------'
  const routeWidth = route.length * COLUMN_DOTS * 4
  e.push(text(Math.max(16, Math.floor((640 - routeWidth) / 2)), 140, route, 4))
  if (d.codingMapping) {
    e.push({ type: 'box', x: 648, y: 128, xEnd: 784, yEnd: 248, thickness: 4 })
    e.push(text(716 - d.codingMapping.length * 12, 164, d.codingMapping, 2))
  }

  // 34–62 mm: the waybill barcode, centred, with the grouped number under it.
  const barcodeWidth = code128Modules(d.waybillNo) * 3
  e.push({ type: 'barcode', x: Math.max(16, Math.floor((WIDTH - barcodeWidth) / 2)), y: 288, symbology: '128', height: 128, showText: false, narrow: 3, wide: 6, data: d.waybillNo })
  const grouped = groupWaybillNo(d.waybillNo)
  e.push(text(Math.floor((WIDTH - grouped.length * 24) / 2), 428, grouped, 2))
  e.push({ type: 'bar', x: 0, y: 490, width: WIDTH, height: 3 })

  // 62–92 mm: recipient; the address wraps, never truncated.
  const name = d.isNamePrivate ? maskName(d.recipient.name) : d.recipient.name
  e.push(text(24, 506, '收', 2))
  e.push(text(96, 506, `${name}  ${maskPhone(d.recipient.phone)}`, 2))
  e.push(...paragraph(96, 566, d.recipient.address, 730, 26, '收件地址'))
  e.push({ type: 'bar', x: 0, y: 730, width: WIDTH, height: 3 })

  // 92–112 mm: sender (the hall).
  const window = d.sender.window ? ` ${d.sender.window}` : ''
  e.push(text(24, 746, '寄'))
  e.push(...paragraph(72, 746, `${d.sender.name}${window} ${d.sender.phone}`, 778, 32, '寄件人'))
  e.push(...paragraph(72, 778, d.sender.address, 890, 28, '寄件地址'))
  e.push({ type: 'bar', x: 0, y: 890, width: WIDTH, height: 3 })

  // 112–130 mm: contents, payment, case number and its small barcode; QR at the right.
  const weight = d.weightKg !== undefined ? `  重量：${d.weightKg.toFixed(2)}kg` : ''
  e.push(text(24, 906, `托寄物：${d.cargo}  件数：${d.pieceNo}/${d.pieceCount}${weight}`))
  const account = d.monthlyAccount ? ` ${maskAccount(d.monthlyAccount)}` : ''
  e.push(text(24, 938, `付款：${d.payment}${account}`))
  e.push(text(24, 970, `受理编号：${d.caseNo}`))
  e.push({ type: 'barcode', x: 24, y: 1000, symbology: '128', height: 32, showText: false, narrow: 2, wide: 4, data: d.caseNo })
  e.push({ type: 'qr', x: 620, y: 900, ecc: 'M', cellSize: 4, data: d.qrData })
  e.push({ type: 'bar', x: 0, y: 1036, width: WIDTH, height: 3 })

  // 130–150 mm: signature, footer with station, operator, reprint mark, order ref.
  e.push(text(24, 1056, '收件人签名：__________  日期：______'))
  const mark = markText(marks)
  e.push(text(24, 1160, [d.stationId, d.operatorId, mark, d.orderRef].filter(Boolean).join(' ')))

  return { format: 'label', title: `运单 ${d.waybillNo}`, widthMm: 100, heightMm: 150, gapMm: 2, copies: 1, elements: e }
}

/** The same waybill as an 80 mm ESC/POS slip (specs/dispatch.md §D3, text mode). */
export function buildWaybillReceipt(d: WaybillLabelData, options: { columns?: number; marks?: PrintMarks } = {}): ReceiptDocument {
  const r = new ReceiptComposer(`运单 ${d.waybillNo}`, options.columns ?? 48)
  r.text(`${d.carrierName} ${d.productName}  政务专递`, { align: 'center', bold: true })
  const mark = markText(options.marks)
  if (mark) r.text(`【${mark}】`, { align: 'center', bold: true })
  if (d.destRouteLabel) r.text(d.destRouteLabel, { align: 'center', bold: true, size: 2 })
  r.barcode(d.waybillNo, { height: 100, showText: false })
  r.text(groupWaybillNo(d.waybillNo), { align: 'center', bold: true })
  r.separator('=')
  const name = d.isNamePrivate ? maskName(d.recipient.name) : d.recipient.name
  r.text(`收：${name} ${maskPhone(d.recipient.phone)}`, { bold: true })
  r.text(d.recipient.address)
  r.separator()
  r.text(`寄：${d.sender.name}${d.sender.window ? ` ${d.sender.window}` : ''} ${d.sender.phone}`)
  r.text(d.sender.address)
  r.separator()
  r.field('托寄物', `${d.cargo}  件数 ${d.pieceNo}/${d.pieceCount}`)
  r.field('付款', `${d.payment}${d.monthlyAccount ? ` ${maskAccount(d.monthlyAccount)}` : ''}`)
  r.field('受理编号', d.caseNo)
  r.qr(d.qrData, '扫码查询物流')
  r.text('收件人签名：__________  日期：______')
  r.text(`${d.stationId} ${d.operatorId} ${d.orderRef}  打印 ${d.printedAt}`)
  return r.build()
}
