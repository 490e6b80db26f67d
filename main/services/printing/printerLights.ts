/**
 * What the receipt and label printer lights say. In preview mode (the demo
 * hall: no printer configured) nothing is connected and nothing prints, so
 * the light has a state of its own — never the green of a printer that is
 * ready, whatever the last job did.
 */
import type { DeviceStatus } from '../../contract/system'
import { workingWords } from '../../devices/printer/printerStatus'
import type { PrinterRole } from '../../store/printJobsRepository'
import type { PrintOutput } from './printOutputs'

export type PrinterLight = Pick<DeviceStatus, 'state' | 'message' | 'reason' | 'isEmulated'>

export const lightOf = { receipt: 'receiptPrinter', label: 'labelPrinter' } as const

/** The light's tooltip in preview mode, naming what this printer would have printed. */
export const previewWords: Readonly<Record<PrinterRole, string>> = {
  receipt: '未连接打印机，回执在屏幕上预览',
  label: '未连接打印机，面单在屏幕上预览',
}

/** No emulator either: nothing stands in for the printer, the screen shows the document. */
export function previewLight(printer: PrinterRole): PrinterLight {
  return { state: 'preview', message: previewWords[printer], reason: 'preview', isEmulated: false }
}

/** After a job went out (or a status poll found nothing wrong): green for a printer, the preview light in preview mode. */
export function readyLight(printer: PrinterRole, mode: PrintOutput['mode']): PrinterLight {
  return mode === 'preview' ? previewLight(printer) : { state: 'ok', message: workingWords.ready, reason: 'ready', isEmulated: false }
}
