/**
 * The printer lights in preview mode (the demo hall: no printer configured):
 * a state of their own, never the green of a printer that is ready.
 */
import { describe, expect, it } from 'vitest'
import { deviceStatusSchema } from '../../../main/contract/system'
import { previewLight, readyLight } from '../../../main/services/printing/printerLights'

describe('the printer lights', () => {
  it('shows preview mode as its own state with the words for the tooltip, not as an emulator', () => {
    expect(previewLight('receipt')).toEqual({ state: 'preview', message: '未连接打印机，回执在屏幕上预览', reason: 'preview', isEmulated: false })
    expect(previewLight('label')).toMatchObject({ state: 'preview', message: '未连接打印机，面单在屏幕上预览' })
  })

  it('keeps the preview light after a job went through in preview mode, and goes green only for a printer', () => {
    for (const printer of ['receipt', 'label'] as const) {
      expect(readyLight(printer, 'preview')).toEqual(previewLight(printer))
      expect(readyLight(printer, 'printer')).toMatchObject({ state: 'ok', reason: 'ready', message: '就绪' })
    }
  })

  it('is a light the contract lets through to the status bar', () => {
    const status = { device: 'receiptPrinter', ...previewLight('receipt'), changedAt: '2026-11-26T01:00:00.000Z' }
    expect(deviceStatusSchema.safeParse(status).success).toBe(true)
  })
})
