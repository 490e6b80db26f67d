/**
 * What the station config makes of its printers: which documents go to a
 * real printer, and in which layout (58 mm paper, a label printer that only
 * speaks ESC/POS).
 */
import { describe, expect, it } from 'vitest'
import { parseStationConfig, type StationConfigInput } from '../../../main/config/stationConfig'
import type { ReceiptDocument } from '../../../main/domain/print/printDocument'
import { buildPrintDocument } from '../../../main/domain/print/printKinds'
import { displayWidth } from '../../../main/domain/print/textWidth'
import { outputsFromConfig } from '../../../main/services/printing/printOutputs'
import { anAcceptanceReceipt, aWaybill } from '../../fixtures/printDocuments'

const outputs = (devices: StationConfigInput['devices']) => outputsFromConfig(parseStationConfig({ devices: { idcard: { mode: 'off' }, ...devices } }, '/tmp/onewindow-unused'))

const widestLine = (doc: ReceiptDocument) => Math.max(...doc.blocks.map((b) => (b.type === 'text' ? displayWidth(b.text) * b.size : 0)))

describe('printer outputs from the station config', () => {
  it('lays receipts out in 32 columns for a 58 mm printer, on paper and in preview alike', () => {
    for (const receiptPrinter of [{ mode: 'escpos', uri: 'tcp://127.0.0.1:9100', widthMm: 58 }, { mode: 'preview', widthMm: 58 }] as const) {
      const { receipt } = outputs({ receiptPrinter })
      expect(receipt.mode).toBe(receiptPrinter.mode === 'escpos' ? 'printer' : 'preview')
      const doc = buildPrintDocument('acceptanceReceipt', anAcceptanceReceipt(), receipt.buildOptions)
      expect(doc).toMatchObject({ format: 'receipt', columns: 32 })
      expect(widestLine(doc as ReceiptDocument)).toBeLessThanOrEqual(32)
      expect(widestLine(doc as ReceiptDocument)).toBeGreaterThan(24)
    }
  })

  it('keeps 48 columns on the default 80 mm printer', () => {
    const { receipt } = outputs({ receiptPrinter: { mode: 'escpos', uri: 'tcp://127.0.0.1:9100' } })
    expect(buildPrintDocument('acceptanceReceipt', anAcceptanceReceipt(), receipt.buildOptions)).toMatchObject({ columns: 48 })
  })

  it('sends a waybill to an ESC/POS label printer as an 80 mm slip, not as a TSPL label', () => {
    const { label } = outputs({ labelPrinter: { mode: 'escpos', uri: 'tcp://127.0.0.1:9101' } })
    expect(label).toMatchObject({ mode: 'printer', description: 'ESC/POS tcp://127.0.0.1:9101' })
    const doc = buildPrintDocument('waybillLabel', aWaybill(), label.buildOptions)
    expect(doc).toMatchObject({ format: 'receipt', columns: 48 })
  })

  it('sends a waybill to a TSPL label printer, and to the preview, as a 100 × 150 mm label', () => {
    for (const labelPrinter of [{ mode: 'tspl', uri: 'tcp://127.0.0.1:9101' }, { mode: 'preview' }] as const) {
      const { label } = outputs({ labelPrinter })
      expect(buildPrintDocument('waybillLabel', aWaybill(), label.buildOptions)).toMatchObject({ format: 'label', widthMm: 100, heightMm: 150 })
    }
  })
})
