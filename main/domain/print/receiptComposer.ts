import type { Align, ReceiptBlock, ReceiptDocument } from './printDocument'
import { displayWidth, padColumns, spreadColumns, wrapColumns } from './textWidth'

/**
 * Builds a ReceiptDocument line by line, wrapping every text to the paper's
 * columns as it goes, so the document is the exact layout that gets printed.
 */
export class ReceiptComposer {
  private readonly blocks: ReceiptBlock[] = []

  constructor(
    private readonly title: string,
    readonly columns: number,
  ) {
    if (columns < 16) throw new RangeError(`小票行宽至少 16 列，收到 ${columns}`)
  }

  /** Wrapped text; size 2 doubles width and height, so it gets half the columns. */
  text(text: string, options: { align?: Align; bold?: boolean; size?: 1 | 2 } = {}): this {
    const size = options.size ?? 1
    const align = options.align ?? 'left'
    const bold = options.bold ?? false
    for (const line of wrapColumns(text, Math.floor(this.columns / size))) {
      this.blocks.push({ type: 'text', text: line, align, bold, size })
    }
    return this
  }

  /**
   * `label：value` with continuation lines indented under the value, the way
   * a clerk would write it; a label too wide for that falls back to plain wrapping.
   */
  field(label: string, value: string, options: { bold?: boolean } = {}): this {
    const head = `${label}：`
    const indent = displayWidth(head)
    const bold = options.bold ?? false
    if (indent > this.columns / 2) return this.text(head + value, { bold })
    const lines = wrapColumns(value, this.columns - indent)
    lines.forEach((line, i) => {
      const text = (i === 0 ? head : ' '.repeat(indent)) + line
      this.blocks.push({ type: 'text', text: text.trimEnd(), align: 'left', bold, size: 1 })
    })
    return this
  }

  /** Left and right on one line (e.g. an item and its count), or on two when they do not fit. */
  spread(left: string, right: string): this {
    for (const line of spreadColumns(left, right, this.columns)) {
      this.blocks.push({ type: 'text', text: line, align: 'left', bold: false, size: 1 })
    }
    return this
  }

  /** A numbered list entry with a hanging indent. */
  item(marker: string, text: string): this {
    const indent = displayWidth(marker)
    wrapColumns(text, this.columns - indent).forEach((line, i) => {
      const lead = i === 0 ? marker : padColumns('', indent)
      this.blocks.push({ type: 'text', text: (lead + line).trimEnd(), align: 'left', bold: false, size: 1 })
    })
    return this
  }

  separator(char: '-' | '=' = '-'): this {
    this.blocks.push({ type: 'separator', char })
    return this
  }

  /**
   * Code 128 of `data`. Module width 2 keeps a 20-character case number
   * inside an 80 mm head (576 dots); width 3 would overflow it.
   */
  barcode(data: string, options: { height?: number; showText?: boolean } = {}): this {
    this.blocks.push({
      type: 'barcode',
      symbology: 'code128',
      data,
      height: options.height ?? 80,
      moduleWidth: this.columns >= 48 ? 2 : 1,
      showText: options.showText ?? true,
      align: 'center',
    })
    return this
  }

  qr(data: string, caption: string): this {
    this.blocks.push({ type: 'qr', data, cellSize: this.columns >= 48 ? 5 : 4, align: 'center' })
    return this.text(caption, { align: 'center' })
  }

  feed(lines = 1): this {
    this.blocks.push({ type: 'feed', lines })
    return this
  }

  build(): ReceiptDocument {
    return { format: 'receipt', columns: this.columns, title: this.title, blocks: [...this.blocks, { type: 'feed', lines: 2 }, { type: 'cut' }] }
  }
}
