import { describe, expect, it } from 'vitest'
import type { LabelDocument } from '../../../main/domain/print/printDocument'
import { displayWidth } from '../../../main/domain/print/textWidth'
import { groupWaybillNo } from '../../../main/domain/print/waybillData'
import { buildWaybillLabel, buildWaybillReceipt } from '../../../main/domain/print/waybillLabel'
import { aWaybill, CASE_NO, RECIPIENT_ADDRESS, WAYBILL_NO } from '../../fixtures/printDocuments'

const texts = (doc: LabelDocument) => doc.elements.flatMap((e) => (e.type === 'text' ? [e.text] : []))

describe('the 100 × 150 mm waybill label', () => {
  const doc = buildWaybillLabel(aWaybill())

  it('is 800 × 1200 dots with every element inside the label', () => {
    expect([doc.widthMm, doc.heightMm]).toEqual([100, 150])
    for (const e of doc.elements) {
      expect(e.x).toBeGreaterThanOrEqual(0)
      expect(e.y).toBeLessThan(1200)
      if (e.type === 'text') expect(e.x + displayWidth(e.text) * 12 * e.xMul, e.text).toBeLessThanOrEqual(800)
    }
  })

  it('carries the waybill barcode centred in its band and the grouped number under it', () => {
    const barcode = doc.elements.find((e) => e.type === 'barcode' && e.data === WAYBILL_NO)
    expect(barcode).toMatchObject({ y: 288, narrow: 3 })
    // 145 modules × 3 dots, centred on 800.
    expect(barcode?.x).toBe(Math.floor((800 - 435) / 2))
    expect(texts(doc)).toContain('SF 1000 0000 0001 1')
  })

  it('prints the recipient with the phone masked and the whole address', () => {
    expect(texts(doc)).toContain('张三  138****5678')
    expect(texts(doc).join('')).toContain(RECIPIENT_ADDRESS)
  })

  it('wraps a long address over several lines rather than cutting it', () => {
    const long = '新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放西路某某小区二期十八号楼三单元七层七零二室（请电话联系后投递）'
    const label = buildWaybillLabel(aWaybill({ recipient: { name: '张三', phone: '13812345678', address: long } }))
    const lines = label.elements.filter((e) => e.type === 'text' && e.y >= 566 && e.y < 730 && e.x === 96)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.map((e) => (e.type === 'text' ? e.text : '')).join('')).toBe(long)
  })

  it('fits the longest address the data allows (160 characters) inside its band', () => {
    const address = '很长的地址'.repeat(32)
    const label = buildWaybillLabel(aWaybill({ recipient: { name: '张三', phone: '13812345678', address } }))
    const lines = label.elements.filter((e) => e.type === 'text' && e.x === 96 && e.y >= 566)
    expect(lines.map((e) => (e.type === 'text' ? e.text : '')).join('')).toBe(address)
    expect(Math.max(...lines.map((e) => e.y)) + 24).toBeLessThanOrEqual(730)
  })

  it('refuses an address that cannot fit its band instead of printing part of it', () => {
    const data = aWaybill()
    data.recipient.address = '很长的地址'.repeat(40)
    expect(() => buildWaybillLabel(data)).toThrow(/收件地址太长/)
  })

  it('masks the name in privacy mode and the monthly account always', () => {
    const label = buildWaybillLabel(aWaybill({ isNamePrivate: true }))
    expect(texts(label)).toContain('张*  138****5678')
    expect(texts(label).join('\n')).toContain('付款：寄付月结 755****567')
  })

  it('hides every middle character of a longer account, one mark each', () => {
    const label = buildWaybillLabel(aWaybill({ monthlyAccount: '755000123567' }))
    expect(texts(label).join('\n')).toContain('付款：寄付月结 755******567')
  })

  it('puts the case number and its own barcode on the label, and 补打 in the footer of a reprint', () => {
    expect(doc.elements.some((e) => e.type === 'barcode' && e.data === CASE_NO)).toBe(true)
    const reprint = buildWaybillLabel(aWaybill(), { reprintNo: 1 })
    expect(texts(reprint).at(-1)).toBe('001 op07 补打 #1 OW001-000123-1')
  })
})

describe('the waybill on an 80 mm ESC/POS printer', () => {
  it('keeps the waybill barcode, the address and the tracking QR', () => {
    const doc = buildWaybillReceipt(aWaybill())
    expect(doc.blocks.some((b) => b.type === 'barcode' && b.data === WAYBILL_NO)).toBe(true)
    expect(doc.blocks.some((b) => b.type === 'qr' && b.data.endsWith(WAYBILL_NO))).toBe(true)
    expect(doc.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('')).toContain(RECIPIENT_ADDRESS)
  })
})

describe('waybill numbers read aloud', () => {
  it('groups digits by four after the carrier prefix', () => {
    expect(groupWaybillNo('SF1000000000011')).toBe('SF 1000 0000 0001 1')
    expect(groupWaybillNo('1180000000001')).toBe('1180 0000 0000 1')
    expect(groupWaybillNo('EA123456789CN')).toBe('EA 1234 5678 9 CN')
  })
})
