/**
 * Documents as data. A builder turns case data into one of these; the ESC/POS
 * and TSPL writers, the on-screen preview and the emulator's decoders all
 * speak the same shapes, so what the counter sees is what the printer gets.
 */

export type Align = 'left' | 'center' | 'right'

/** A flowing document for a roll printer (80 / 58 mm receipts, the ESC/POS emergency label). */
export interface ReceiptDocument {
  format: 'receipt'
  /** Columns of the half-width font per line: 48 on 80 mm, 32 on 58 mm. */
  columns: number
  title: string
  blocks: ReceiptBlock[]
}

export type ReceiptBlock =
  /** One printed line, already wrapped to fit `columns / size`. */
  | { type: 'text'; text: string; align: Align; bold: boolean; size: 1 | 2 }
  | { type: 'separator'; char: '-' | '=' }
  | { type: 'barcode'; symbology: 'code128'; data: string; height: number; moduleWidth: number; showText: boolean; align: Align }
  | { type: 'qr'; data: string; cellSize: number; align: Align }
  | { type: 'feed'; lines: number }
  | { type: 'cut' }

/** Dots per millimetre of the 203 dpi heads every supported label printer has. */
export const DOTS_PER_MM = 8

/** A positioned label (TSPL page), coordinates in dots from the top-left corner. */
export interface LabelDocument {
  format: 'label'
  title: string
  widthMm: number
  heightMm: number
  gapMm: number
  copies: number
  elements: LabelElement[]
}

export type LabelElement =
  /** `font` is the printer's: "TSS24.BF2" (Simplified Chinese 24×24) or "1"…"8" (Latin bitmaps). */
  | { type: 'text'; x: number; y: number; font: string; xMul: number; yMul: number; text: string }
  | { type: 'barcode'; x: number; y: number; symbology: '128'; height: number; showText: boolean; narrow: number; wide: number; data: string }
  | { type: 'qr'; x: number; y: number; ecc: 'L' | 'M' | 'Q' | 'H'; cellSize: number; data: string }
  | { type: 'bar'; x: number; y: number; width: number; height: number }
  | { type: 'box'; x: number; y: number; xEnd: number; yEnd: number; thickness: number }
  /** Inverts the area (white on black), for the 政务专递 badge. */
  | { type: 'reverse'; x: number; y: number; width: number; height: number }

/** The label printers' Simplified Chinese font: 24 × 24 dots a glyph, 12 an ASCII column. */
const LABEL_CHINESE_FONT = 'TSS24.BF2'

/** A text element at (x, y), magnified `mul` times both ways. */
export const labelText = (x: number, y: number, value: string, mul = 1, font = LABEL_CHINESE_FONT): LabelElement => ({
  type: 'text',
  x,
  y,
  font,
  xMul: mul,
  yMul: mul,
  text: value,
})

/** An A4 sheet: standalone HTML printed by Chromium or the Electron window. */
export interface A4Document {
  format: 'a4'
  title: string
  /** A complete HTML document with its own styles, no external resources. */
  html: string
  /** The same sheet as scoped styles + markup, to embed in the on-screen preview. */
  fragment: string
}

export type PrintDocument = ReceiptDocument | LabelDocument | A4Document

/** How a copy differs from the first print; shown on the paper so nobody mistakes it for a new case. */
export interface PrintMarks {
  /** Set on a reprint from the case history: 补打 #n. */
  reprintNo?: number
  /**
   * Set when an earlier attempt may have printed already (重发，可能重复): the
   * station restarted while sending it, or the link failed once bytes went out.
   */
  isPossibleDuplicate?: boolean
}

/** The text a mark puts on paper, or null for a first print. */
export function markText(marks: PrintMarks | undefined): string | null {
  if (!marks) return null
  const parts: string[] = []
  if (marks.reprintNo !== undefined) parts.push(`补打 #${marks.reprintNo}`)
  if (marks.isPossibleDuplicate) parts.push('重发·可能重复')
  return parts.length > 0 ? parts.join(' ') : null
}
