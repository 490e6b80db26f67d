/**
 * LabelDocument → TSPL bytes (TSC and the Gprinter / Xprinter / HPRT clones).
 * ASCII commands, text inside quotes in GB18030 for the printer's Chinese
 * font TSS24.BF2, CRLF line ends, `"` in data escaped as `\["]` (TSPL manual).
 */
import type { LabelDocument, LabelElement } from '../../domain/print/printDocument'
import { encodeGb18030 } from './gb18030Text'

export interface TsplOptions {
  /** `CODEPAGE 936` — only some models need it (per-printer setting, specs/dispatch.md §D2). */
  sendCodepage936?: boolean
  density?: number
}

export function quoteTspl(value: string): string {
  return `"${value.replace(/"/g, '\\["]')}"`
}

function command(e: LabelElement): string {
  switch (e.type) {
    case 'text':
      return `TEXT ${e.x},${e.y},${quoteTspl(e.font)},0,${e.xMul},${e.yMul},${quoteTspl(e.text)}`
    case 'barcode':
      return `BARCODE ${e.x},${e.y},${quoteTspl(e.symbology)},${e.height},${e.showText ? 1 : 0},0,${e.narrow},${e.wide},${quoteTspl(e.data)}`
    case 'qr':
      return `QRCODE ${e.x},${e.y},${e.ecc},${e.cellSize},A,0,${quoteTspl(e.data)}`
    case 'bar':
      return `BAR ${e.x},${e.y},${e.width},${e.height}`
    case 'box':
      return `BOX ${e.x},${e.y},${e.xEnd},${e.yEnd},${e.thickness}`
    case 'reverse':
      return `REVERSE ${e.x},${e.y},${e.width},${e.height}`
  }
}

export function tsplLabelCommands(doc: LabelDocument, options: TsplOptions = {}): string[] {
  return [
    `SIZE ${doc.widthMm} mm,${doc.heightMm} mm`,
    `GAP ${doc.gapMm} mm,0 mm`,
    'DIRECTION 1,0',
    'REFERENCE 0,0',
    `DENSITY ${options.density ?? 10}`,
    ...(options.sendCodepage936 ? ['CODEPAGE 936'] : []),
    'CLS',
    ...doc.elements.map(command),
    `PRINT ${doc.copies},1`,
  ]
}

/** The whole job as bytes: each command line encoded (ASCII stays ASCII, quoted Chinese becomes GB18030). */
export function tsplLabelBytes(doc: LabelDocument, options: TsplOptions = {}): Buffer {
  return Buffer.concat(tsplLabelCommands(doc, options).map((line) => encodeGb18030(`${line}\r\n`)))
}
