/**
 * Receipts and labels as HTML at printer scale (1 px = 1 dot): the on-screen
 * preview, the emulator's PNG and any PDF copy are this one rendering of the
 * document model. Barcodes and QR codes come from an injected renderer
 * (bwip-js in main and in the renderer) so this module stays pure.
 */
import { DOTS_PER_MM, type LabelDocument, type LabelElement, type ReceiptBlock, type ReceiptDocument } from './printDocument'
import { CJK_MONO_STACK, escapeHtml as h, standalonePage } from './htmlPage'

/** Draws a symbol as SVG markup (any viewBox; it is stretched) and says how many modules wide it is. */
export type SymbolRenderer = (symbol: { kind: 'code128' | 'qr'; data: string; ecc?: 'L' | 'M' | 'Q' | 'H' }) => { svg: string; modules: number }

/** Half-width column of the printer's font A, in dots (80 mm: 48 columns × 12 = 576 dots). */
const COLUMN_PX = 12
const LINE_PX = 30
const SYMBOL_PAD = 6
const HRI_PX = 26
const RECEIPT_PAD = 12
/** Only in standalone pages: a fragment must not restyle the page it is embedded in. */
const PAGE_CSS = 'body { margin: 0; background: #fff; }'
/** The feed before a cut is paper the tear bar eats; a picture needs only a hint of it. */
const shownFeed = (lines: number): number => Math.min(lines, 3)

/** Scales a one-unit-per-module SVG to an exact box. */
function sizedSvg(svg: string, width: number, height: number): string {
  return svg.replace('<svg ', `<svg width="${width}" height="${height}" preserveAspectRatio="none" shape-rendering="crispEdges" `)
}

function receiptBlock(block: ReceiptBlock, columns: number, symbols: SymbolRenderer): string {
  switch (block.type) {
    case 'text': {
      const style = `text-align:${block.align};font-weight:${block.bold ? 700 : 400};font-size:${24 * block.size}px;line-height:${LINE_PX * block.size}px`
      return `<div class="t" style="${style}">${h(block.text) || '&nbsp;'}</div>`
    }
    case 'separator':
      return `<div class="t">${block.char.repeat(columns)}</div>`
    case 'feed':
      return `<div style="height:${LINE_PX * shownFeed(block.lines)}px"></div>`
    case 'cut':
      return '<div class="cut"></div>'
    case 'barcode': {
      const { svg, modules } = symbols({ kind: 'code128', data: block.data })
      const caption = block.showText ? `<div class="hri">${h(block.data)}</div>` : ''
      return `<div class="sym" style="text-align:${block.align}">${sizedSvg(svg, modules * block.moduleWidth, block.height)}${caption}</div>`
    }
    case 'qr': {
      const { svg, modules } = symbols({ kind: 'qr', data: block.data, ecc: 'M' })
      const side = modules * block.cellSize
      return `<div class="sym" style="text-align:${block.align}">${sizedSvg(svg, side, side)}</div>`
    }
  }
}

export function receiptCss(columns: number): string {
  return `
.ow-receipt { width: ${columns * COLUMN_PX}px; padding: ${RECEIPT_PAD}px 0; font-family: ${CJK_MONO_STACK}; color: #000; }
.ow-receipt .t { white-space: pre; font-size: 24px; line-height: ${LINE_PX}px; overflow: visible; }
.ow-receipt .sym { padding: ${SYMBOL_PAD}px 0; line-height: 0; font-size: 0; }
.ow-receipt .sym svg { display: inline-block; vertical-align: top; }
.ow-receipt .hri { font-size: 20px; line-height: ${HRI_PX}px; }
.ow-receipt .cut { border-top: 2px dashed #999; margin: 8px 0; }`
}

/** Height in px of the rendered receipt (the CSS above fixes every block's height), for an exact screenshot. */
export function receiptHeightPx(doc: ReceiptDocument, symbols: SymbolRenderer): number {
  let height = RECEIPT_PAD * 2
  for (const b of doc.blocks) {
    if (b.type === 'text') height += LINE_PX * b.size
    else if (b.type === 'separator') height += LINE_PX
    else if (b.type === 'feed') height += LINE_PX * shownFeed(b.lines)
    else if (b.type === 'cut') height += 18
    else if (b.type === 'barcode') height += SYMBOL_PAD * 2 + b.height + (b.showText ? HRI_PX : 0)
    else height += SYMBOL_PAD * 2 + symbols({ kind: 'qr', data: b.data, ecc: 'M' }).modules * b.cellSize
  }
  return height
}

export const receiptWidthPx = (doc: ReceiptDocument): number => doc.columns * COLUMN_PX

/** The label's size in px at printer scale: one px per dot of the 203 dpi head. */
export const labelSizePx = (doc: LabelDocument): { width: number; height: number } => ({ width: doc.widthMm * DOTS_PER_MM, height: doc.heightMm * DOTS_PER_MM })

/** The receipt's inner markup (for embedding in a preview next to its CSS). */
export function receiptBodyHtml(doc: ReceiptDocument, symbols: SymbolRenderer): string {
  return `<div class="ow-receipt">${doc.blocks.map((b) => receiptBlock(b, doc.columns, symbols)).join('\n')}</div>`
}

/** Scoped styles + markup, to embed in a page that has its own styles (the on-screen preview). */
export function receiptFragment(doc: ReceiptDocument, symbols: SymbolRenderer): string {
  return `<style>${receiptCss(doc.columns)}</style>${receiptBodyHtml(doc, symbols)}`
}

export function receiptHtml(doc: ReceiptDocument, symbols: SymbolRenderer): string {
  return standalonePage(doc.title, `${PAGE_CSS}${receiptCss(doc.columns)}`, receiptBodyHtml(doc, symbols))
}

/** Glyph cell heights of the TSPL bitmap fonts, in dots; TSS24.BF2 is 24. */
const fontHeights: Record<string, number> = { '1': 12, '2': 20, '3': 24, '4': 32, '5': 48, '6': 14, '7': 21, '8': 14 }

function labelElement(e: LabelElement, symbols: SymbolRenderer): string {
  const at = `left:${e.x}px;top:${e.y}px`
  switch (e.type) {
    case 'text': {
      const size = (fontHeights[e.font] ?? 24) * e.yMul
      const stretch = e.xMul !== e.yMul ? `transform:scaleX(${e.xMul / e.yMul});transform-origin:0 0;` : ''
      return `<div class="e t" style="${at};font-size:${size}px;line-height:${size}px;${stretch}">${h(e.text)}</div>`
    }
    case 'bar':
      return `<div class="e" style="${at};width:${e.width}px;height:${e.height}px;background:#000"></div>`
    case 'box':
      return `<div class="e" style="${at};width:${e.xEnd - e.x}px;height:${e.yEnd - e.y}px;border:${e.thickness}px solid #000"></div>`
    case 'reverse':
      // Difference with white inverts what is already drawn, as TSPL's REVERSE does.
      return `<div class="e" style="${at};width:${e.width}px;height:${e.height}px;background:#fff;mix-blend-mode:difference"></div>`
    case 'barcode': {
      const { svg, modules } = symbols({ kind: 'code128', data: e.data })
      return `<div class="e" style="${at}">${sizedSvg(svg, modules * e.narrow, e.height)}</div>`
    }
    case 'qr': {
      const { svg, modules } = symbols({ kind: 'qr', data: e.data, ecc: e.ecc })
      const side = modules * e.cellSize
      return `<div class="e" style="${at}">${sizedSvg(svg, side, side)}</div>`
    }
  }
}

export function labelCss(doc: LabelDocument): string {
  const { width, height } = labelSizePx(doc)
  return `
.ow-label { position: relative; overflow: hidden; background: #fff; color: #000; isolation: isolate;
  width: ${width}px; height: ${height}px; font-family: ${CJK_MONO_STACK}; }
.ow-label .e { position: absolute; }
.ow-label .t { white-space: pre; }
.label svg { display: block; }`
}

export function labelBodyHtml(doc: LabelDocument, symbols: SymbolRenderer): string {
  return `<div class="ow-label">${doc.elements.map((e) => labelElement(e, symbols)).join('\n')}</div>`
}

export function labelFragment(doc: LabelDocument, symbols: SymbolRenderer): string {
  return `<style>${labelCss(doc)}</style>${labelBodyHtml(doc, symbols)}`
}

export function labelHtml(doc: LabelDocument, symbols: SymbolRenderer): string {
  return standalonePage(doc.title, `${PAGE_CSS}${labelCss(doc)}`, labelBodyHtml(doc, symbols))
}
