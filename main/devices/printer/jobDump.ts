/**
 * Documents as plain text for humans and tests: the emulator's `.txt` dump
 * and `print test` output. Alignment is done in display columns so a centred
 * Chinese title looks centred in a terminal too.
 */
import type { LabelDocument, ReceiptDocument } from '../../domain/print/printDocument'
import { displayWidth } from '../../domain/print/textWidth'

export function receiptAsText(doc: ReceiptDocument): string {
  const out: string[] = []
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'text': {
        // Place by the paper's space the line takes (double size = twice its columns), then mark it.
        const free = Math.max(0, doc.columns - displayWidth(b.text) * b.size)
        const lead = b.align === 'center' ? Math.floor(free / 2) : b.align === 'right' ? free : 0
        const placed = ' '.repeat(lead) + b.text
        out.push(b.size === 2 ? `${placed}  〔倍大〕` : placed)
        break
      }
      case 'separator':
        out.push(b.char.repeat(doc.columns))
        break
      case 'barcode':
        out.push(`[条码 Code128] ${b.data}`)
        break
      case 'qr':
        out.push(`[二维码] ${b.data}`)
        break
      case 'feed':
        for (let i = 0; i < Math.min(b.lines, 2); i++) out.push('')
        break
      case 'cut':
        out.push('✂ ---------------- 切纸 ----------------')
        break
    }
  }
  return out.join('\n')
}

export function labelAsText(doc: LabelDocument): string {
  const out = [`[标签 ${doc.widthMm}×${doc.heightMm} mm，间隙 ${doc.gapMm} mm，${doc.copies} 份]`]
  // Reading order: top to bottom, then left to right, the way a person scans a label.
  const sorted = [...doc.elements].sort((a, b) => a.y - b.y || a.x - b.x)
  for (const e of sorted) {
    const at = `(${e.x},${e.y})`
    switch (e.type) {
      case 'text':
        out.push(`${at} ${e.text}${e.xMul > 1 || e.yMul > 1 ? `  〔${e.xMul}×${e.yMul}〕` : ''}`)
        break
      case 'barcode':
        out.push(`${at} [条码 Code128] ${e.data}`)
        break
      case 'qr':
        out.push(`${at} [二维码] ${e.data}`)
        break
      case 'bar':
        out.push(`${at} ──── 横线 ${e.width}×${e.height}`)
        break
      case 'box':
        out.push(`${at} □ 方框 至 (${e.xEnd},${e.yEnd})`)
        break
      case 'reverse':
        out.push(`${at} ■ 反白 ${e.width}×${e.height}`)
        break
    }
  }
  return out.join('\n')
}
