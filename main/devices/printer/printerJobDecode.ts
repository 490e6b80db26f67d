/**
 * One captured job, whatever its language: tells ESC/POS from TSPL, decodes
 * it, and lists what a test or a person checks first — the barcode and QR
 * payloads and the readable text. Pure; used by the emulator and the tests.
 */
import type { LabelDocument, ReceiptDocument } from '../../domain/print/printDocument'
import { decodeEscpos } from './escposDecode'
import { labelAsText, receiptAsText } from './jobDump'
import { decodeTspl, looksLikeTspl } from './tsplDecode'

export interface DecodedJob {
  protocol: 'escpos' | 'tspl'
  /** The receipt for ESC/POS, the labels for TSPL. */
  receipt: ReceiptDocument | null
  labels: LabelDocument[]
  barcodes: string[]
  qrCodes: string[]
  /** Every text line, in order (receipt lines; label texts in reading order). */
  lines: string[]
  warnings: string[]
  /** The readable dump: header, text, symbols, warnings. */
  text: string
}

export function decodePrinterJob(bytes: Uint8Array, columns = 48): DecodedJob {
  if (looksLikeTspl(bytes)) {
    const decoded = decodeTspl(bytes)
    const elements = decoded.labels.flatMap((l) => [...l.elements].sort((a, b) => a.y - b.y || a.x - b.x))
    const lines = elements.flatMap((e) => (e.type === 'text' ? [e.text] : []))
    const header = `TSPL 作业：${bytes.length} 字节，${decoded.labels.length} 张标签${decoded.codepage ? `，CODEPAGE ${decoded.codepage}` : ''}`
    return {
      protocol: 'tspl',
      receipt: null,
      labels: decoded.labels,
      barcodes: elements.flatMap((e) => (e.type === 'barcode' ? [e.data] : [])),
      qrCodes: elements.flatMap((e) => (e.type === 'qr' ? [e.data] : [])),
      lines,
      warnings: decoded.warnings,
      text: [header, ...decoded.labels.map(labelAsText), ...warningLines(decoded.warnings)].join('\n\n'),
    }
  }
  const decoded = decodeEscpos(bytes, { columns })
  const blocks = decoded.document.blocks
  return {
    protocol: 'escpos',
    receipt: decoded.document,
    labels: [],
    barcodes: blocks.flatMap((b) => (b.type === 'barcode' ? [b.data] : [])),
    qrCodes: blocks.flatMap((b) => (b.type === 'qr' ? [b.data] : [])),
    lines: blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])),
    warnings: decoded.warnings,
    text: [`ESC/POS 作业：${bytes.length} 字节，${columns} 列`, receiptAsText(decoded.document), ...warningLines(decoded.warnings)].join('\n\n'),
  }
}

function warningLines(warnings: string[]): string[] {
  return warnings.length === 0 ? [] : [`警告（${warnings.length}）：\n${warnings.map((w) => `- ${w}`).join('\n')}`]
}
