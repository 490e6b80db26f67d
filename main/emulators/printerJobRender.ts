/**
 * The emulator's picture of a job: the decoded document drawn with the same
 * HTML the preview uses, photographed by headless Chromium. Chinese comes
 * out in Noto CJK, barcodes and QR codes from bwip-js.
 */
import { labelHtml, labelSizePx, receiptHeightPx, receiptHtml, receiptWidthPx } from '../domain/print/documentHtml'
import { bwipSymbols } from '../devices/printer/barcodeSvg'
import { htmlToPng } from '../devices/printer/headlessChromium'
import type { DecodedJob } from '../devices/printer/printerJobDecode'

export async function renderJobPngs(job: DecodedJob): Promise<Buffer[]> {
  if (job.receipt) {
    const doc = job.receipt
    return [await htmlToPng(receiptHtml(doc, bwipSymbols), { width: receiptWidthPx(doc), height: receiptHeightPx(doc, bwipSymbols) })]
  }
  const pngs: Buffer[] = []
  for (const label of job.labels) {
    pngs.push(await htmlToPng(labelHtml(label, bwipSymbols), labelSizePx(label)))
  }
  return pngs
}
