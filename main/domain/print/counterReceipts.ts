/**
 * The three receipts a counter hands over on the 80 mm printer: 受理回执,
 * 出件回执 and 补正告知. Same frame for all: hall, title, window, case
 * number with its barcode (which identifies the case from then on), body,
 * QR codes, a footer line.
 */
import { markText, type PrintMarks, type ReceiptDocument } from './printDocument'
import { ReceiptComposer } from './receiptComposer'
import { maskIdNumber, maskName } from '../masking'
import { printedId, type AcceptanceReceiptData, type OutputReceiptData, type SupplementNoticeData } from './receiptData'

export interface ReceiptOptions {
  /** 48 on 80 mm paper, 32 on 58 mm. */
  columns?: number
  marks?: PrintMarks
}

function header(r: ReceiptComposer, d: { hallName: string; windowName: string; caseNo: string }, title: string, marks?: PrintMarks): void {
  r.text(d.hallName, { align: 'center', bold: true })
  r.text(title, { align: 'center', bold: true, size: 2 })
  const mark = markText(marks)
  if (mark) r.text(`【${mark}】`, { align: 'center', bold: true })
  r.text(d.windowName, { align: 'center' })
  r.separator('=')
  r.field('受理编号', d.caseNo, { bold: true })
  r.barcode(d.caseNo)
}

function person(r: ReceiptComposer, role: string, p: { name: string; idType: string; idNumber: string }): void {
  r.field(role, p.name)
  r.field(p.idType, printedId(p.idNumber))
}

/**
 * The fee line. `¥` (U+00A5) is outside GBK and prints as garbage on many
 * GB18030 printers; the full-width `￥` is in GB2312 and prints everywhere.
 */
function feeText(receiptNo: string | undefined, amount: string | undefined): string {
  if (!receiptNo) return '本事项不收费'
  return amount ? `一票单据 ${receiptNo}  ￥${amount}` : `一票单据 ${receiptNo}`
}

export function buildAcceptanceReceipt(d: AcceptanceReceiptData, options: ReceiptOptions = {}): ReceiptDocument {
  const r = new ReceiptComposer(`受理回执 ${d.caseNo}`, options.columns ?? 48)
  header(r, d, '受理回执', options.marks)
  // 代办: the applicant must see the case was taken by a branch for the hall, and which one.
  if (d.agentBranch) r.field('代办网点', d.agentBranch.name, { bold: true })
  r.field('事项名称', d.itemName)
  if (d.itemCode) r.field('事项编码', d.itemCode)
  person(r, '申请人', d.applicant)
  if (d.agent) person(r, '代办人', d.agent)
  r.separator()
  r.text(`收取材料（${d.materials.length} 项）`, { bold: true })
  d.materials.forEach((m, i) => {
    const tag = m.status === 'deficient' ? '【容缺】' : ''
    const form = m.form ? ` ${m.form}` : ''
    r.item(`${i + 1}. `, `${tag}${m.name}${form} ${m.copies}份`)
  })
  if (d.materials.length === 0) r.text('（未收取材料）')
  if (d.deficiencyPromise) {
    const note = d.deficiencyPromise.note ? `${d.deficiencyPromise.note}。` : ''
    r.text(`容缺承诺：申请人已书面承诺于 ${d.deficiencyPromise.dueDate} 前补交标注【容缺】的材料。${note}`)
  }
  r.separator()
  r.field('缴费', feeText(d.feeReceiptNo, d.feeAmount))
  r.field('受理时间', d.acceptedAt)
  const days = d.workingDays !== undefined ? `${d.workingDays} 个工作日` : ''
  const note = [d.promisedDateProvisional ? '暂定' : '', days].filter((t) => t !== '').join('，')
  r.field('承诺办结', `${d.promisedDate}${note ? `（${note}）` : ''}`, { bold: true })
  // The applicant must know the date may move, and why; the progress QR shows the recounted one.
  if (d.promisedDateProvisional) r.text(`暂定原因：${d.promisedDateProvisional}。导入后重新计算，以扫码查询结果为准。`)
  r.field('送达方式', d.delivery.method === 'window' ? '窗口领取' : `快递送达 ${d.delivery.address}`)
  r.field('受理人', d.operator)
  if (d.hallPhone) r.field('咨询电话', d.hallPhone)
  r.separator()
  r.qr(d.progressQueryUrl, '扫码查询办理进度')
  r.feed()
  r.qr(d.evaluationUrl, '扫码评价本次服务（好差评）')
  r.separator()
  r.text('请妥善保管本回执，凭回执和身份证件领取办理结果。', { align: 'center' })
  return r.build()
}

export function buildOutputReceipt(d: OutputReceiptData, options: ReceiptOptions = {}): ReceiptDocument {
  const r = new ReceiptComposer(`出件回执 ${d.caseNo}`, options.columns ?? 48)
  header(r, d, '出件回执', options.marks)
  r.field('事项名称', d.itemName)
  person(r, '申请人', d.applicant)
  r.separator()
  r.text(`办理结果（${d.results.length} 项）`, { bold: true })
  d.results.forEach((res, i) => {
    const no = res.number ? ` 编号 ${res.number}` : ''
    r.item(`${i + 1}. `, `${res.name}${no} ${res.copies}份`)
  })
  r.separator()
  if (d.method.kind === 'window') {
    r.field('出件方式', '窗口领取')
    const who = d.recipient.relation === 'self' ? '本人' : '代领人'
    r.field('领取人', `${maskName(d.recipient.name)}（${who}）`)
    r.field(d.recipient.idType, maskIdNumber(d.recipient.idNumber))
  } else {
    r.field('出件方式', `快递送达 ${d.method.carrierName}`)
    r.field('运单号', d.method.waybillNo, { bold: true })
  }
  r.field('出件时间', d.handedAt)
  r.field('经办人', d.operator)
  r.feed()
  r.text('领取人签名：____________________')
  r.separator()
  r.qr(d.evaluationUrl, '扫码评价本次服务（好差评）')
  return r.build()
}

export function buildSupplementNotice(d: SupplementNoticeData, options: ReceiptOptions = {}): ReceiptDocument {
  const r = new ReceiptComposer(`补正告知 ${d.caseNo}`, options.columns ?? 48)
  header(r, d, '补正告知', options.marks)
  r.field('事项名称', d.itemName)
  person(r, '申请人', d.applicant)
  r.separator()
  r.text('您提交的申请材料需要补正：', { bold: true })
  d.items.forEach((item, i) => r.item(`${i + 1}. `, `${item.name}：${item.reason}`))
  r.separator()
  r.field('告知时间', d.noticedAt)
  r.field('补正期限', `${d.dueDate} 前`, { bold: true })
  r.text('补正期间办理时限暂停计算，收到全部补正材料后继续计算。')
  r.field('经办人', d.operator)
  if (d.hallPhone) r.field('咨询电话', d.hallPhone)
  r.separator()
  r.qr(d.progressQueryUrl, '扫码查询办理进度')
  r.text('请携带本告知书和补正材料到窗口办理。', { align: 'center' })
  return r.build()
}
