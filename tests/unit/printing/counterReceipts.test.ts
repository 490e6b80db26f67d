import { describe, expect, it } from 'vitest'
import { buildAcceptanceReceipt, buildOutputReceipt, buildSupplementNotice } from '../../../main/domain/print/counterReceipts'
import type { ReceiptDocument } from '../../../main/domain/print/printDocument'
import { displayWidth } from '../../../main/domain/print/textWidth'
import { anAcceptanceReceipt, anOutputReceipt, aSupplementNotice, CASE_NO, EVALUATION_URL, FULL_ID, PROGRESS_URL } from '../../fixtures/printDocuments'

const texts = (doc: ReceiptDocument) => doc.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []))
const all = (doc: ReceiptDocument) => texts(doc).join('\n')

function expectEveryLineFits(doc: ReceiptDocument): void {
  for (const b of doc.blocks) if (b.type === 'text') expect(displayWidth(b.text) * b.size, b.text).toBeLessThanOrEqual(doc.columns)
}

describe('the acceptance receipt (受理回执)', () => {
  const doc = buildAcceptanceReceipt(anAcceptanceReceipt())

  it('carries the hall, the window and the title', () => {
    expect(texts(doc).slice(0, 3)).toEqual(['示范市政务服务中心', '受理回执', '综合受理 1 号窗口'])
  })

  it('identifies the case by number and by a Code 128 of it', () => {
    expect(all(doc)).toContain(`受理编号：${CASE_NO}`)
    expect(doc.blocks.filter((b) => b.type === 'barcode').map((b) => b.type === 'barcode' && b.data)).toEqual([CASE_NO])
  })

  it('shows the applicant’s ID number masked, never in full', () => {
    expect(all(doc)).toContain('居民身份证：3203**********1234')
    expect(all(doc)).not.toContain(FULL_ID)
  })

  it('lists the materials and marks those accepted under the 容缺 promise', () => {
    expect(all(doc)).toContain('1. 个体工商户登记申请书 原件 1份')
    expect(all(doc)).toContain('2. 【容缺】经营场所使用证明 复印件 1份')
    expect(all(doc)).toMatch(/容缺承诺：申请人已书面承诺于 2026-12-03 前补交/)
  })

  it('states the fee receipt with the full-width yuan sign, the promised date and the delivery', () => {
    expect(all(doc)).toContain('缴费：一票单据 PJ20261126000123  ￥50.00')
    expect(all(doc)).toContain('承诺办结：2026-12-03（5 个工作日）')
    expect(all(doc)).toMatch(/送达方式：快递送达 江苏省徐州市/)
  })

  it('ends with a QR for progress and one for evaluation, then a cut', () => {
    expect(doc.blocks.flatMap((b) => (b.type === 'qr' ? [b.data] : []))).toEqual([PROGRESS_URL, EVALUATION_URL])
    expect(doc.blocks.at(-1)).toEqual({ type: 'cut' })
  })

  it('wraps every line to 80 mm paper and to 58 mm paper', () => {
    expectEveryLineFits(doc)
    const narrow = buildAcceptanceReceipt(anAcceptanceReceipt(), { columns: 32 })
    expect(narrow.columns).toBe(32)
    expectEveryLineFits(narrow)
  })

  it('indents a wrapped value under itself', () => {
    const lines = texts(doc)
    const at = lines.findIndex((l) => l.startsWith('事项名称：'))
    expect(lines[at + 1]?.startsWith(' '.repeat(displayWidth('事项名称：')))).toBe(true)
  })

  it('says 补打 on a reprint and 重发 on a copy re-sent after a restart', () => {
    expect(all(buildAcceptanceReceipt(anAcceptanceReceipt(), { marks: { reprintNo: 2 } }))).toContain('【补打 #2】')
    expect(all(buildAcceptanceReceipt(anAcceptanceReceipt(), { marks: { isPossibleDuplicate: true } }))).toContain('重发·可能重复')
    expect(all(doc)).not.toContain('补打')
  })

  it('says no fee is charged when there is no fee receipt', () => {
    expect(all(buildAcceptanceReceipt(anAcceptanceReceipt({ feeReceiptNo: undefined, feeAmount: undefined })))).toContain('缴费：本事项不收费')
  })
})

describe('the output receipt (出件回执) and the supplement notice (补正告知)', () => {
  it('records who took the result, masked, and leaves a signature line', () => {
    const doc = buildOutputReceipt(anOutputReceipt())
    expect(all(doc)).toContain('领取人：王**（代领人）')
    expect(all(doc)).toContain('居民身份证：3203**********6789')
    expect(all(doc)).toContain('领取人签名：')
    expectEveryLineFits(doc)
  })

  it('prints the waybill number when the result goes by express', () => {
    const doc = buildOutputReceipt(anOutputReceipt({ method: { kind: 'express', carrierName: '顺丰', waybillNo: 'SF1000000000011' } }))
    expect(all(doc)).toContain('运单号：SF1000000000011')
  })

  it('lists what to supplement with the reason and the deadline, and says the clock stops', () => {
    const doc = buildSupplementNotice(aSupplementNotice())
    expect(all(doc)).toContain('1. 经营场所使用证明：租赁合同未签字，且租期已过')
    expect(all(doc)).toContain('补正期限：2026-12-11 前')
    expect(all(doc)).toContain('办理时限暂停计算')
    expectEveryLineFits(doc)
  })
})

describe('a long applicant name', () => {
  it('takes an enterprise name as long as the intake allows, wrapped to the paper', () => {
    const name = `示范市${'新能源科技'.repeat(18)}有限公司`
    expect(name.length).toBeGreaterThan(40)
    const doc = buildAcceptanceReceipt(anAcceptanceReceipt({ applicant: { name, idNumber: FULL_ID } }))
    expect(all(doc).replace(/\n\s*/g, '')).toContain(name)
    expectEveryLineFits(doc)
  })
})
