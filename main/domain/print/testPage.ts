/**
 * The installer's test page: proves in one sheet that the printer takes our
 * commands — Chinese in GB18030 (with characters that break GBK-only
 * encoders), size and weight, a Code 128 and a QR code, the cut.
 */
import { labelText as t, type LabelDocument, type ReceiptDocument } from './printDocument'
import { ReceiptComposer } from './receiptComposer'

/** Characters that fail on a printer without GB18030: GBK extension (喆 堃 镕), the full-width yuan sign. */
const CHINESE_SAMPLE = '中文：一窗通 政务服务 喆 堃 镕 ￥12.50'

export function buildTestReceipt(text: string, target: string, printedAt: string, what: string): ReceiptDocument {
  const r = new ReceiptComposer(`打印测试（${what}）`, 48)
  r.text('一窗通 打印测试', { align: 'center', bold: true, size: 2 })
  r.text(what, { align: 'center' })
  r.separator('=')
  r.text(text, { bold: true })
  r.separator()
  r.text(CHINESE_SAMPLE)
  r.field('打印机', target)
  r.field('时间', printedAt)
  r.barcode('OW-TEST-0001')
  r.qr('https://example.invalid/onewindow/print-test', '扫码应显示测试网址')
  return r.build()
}

export function buildTestLabel(text: string, target: string, printedAt: string): LabelDocument {
  return {
    format: 'label',
    title: '打印测试（面单）',
    widthMm: 100,
    heightMm: 150,
    gapMm: 2,
    copies: 1,
    elements: [
      t(24, 24, '一窗通 打印测试', 2),
      { type: 'bar', x: 0, y: 88, width: 800, height: 3 },
      t(24, 112, text, 2),
      t(24, 184, CHINESE_SAMPLE),
      t(24, 224, `打印机 ${target}`),
      t(24, 256, `时间 ${printedAt}`),
      { type: 'barcode', x: 24, y: 320, symbology: '128', height: 120, showText: false, narrow: 3, wide: 6, data: 'OW-TEST-0001' },
      t(24, 456, 'OW-TEST-0001'),
      { type: 'qr', x: 520, y: 320, ecc: 'M', cellSize: 6, data: 'https://example.invalid/onewindow/print-test' },
      { type: 'box', x: 16, y: 600, xEnd: 784, yEnd: 1180, thickness: 4 },
      t(40, 620, '此框四边都应完整打印出来（检查纸张尺寸与间隙）'),
    ],
  }
}
