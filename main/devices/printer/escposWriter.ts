/**
 * ReceiptDocument → ESC/POS bytes. node-thermal-printer (EPSON command set)
 * writes the styling, feeds and the cut; we add what it gets wrong for
 * Chinese counters:
 * - `ESC @` then `FS &` first: a clean state, and Chinese (double-byte) mode
 *   on, which the library never sends;
 * - text encoded to GB18030 by us for the whole line (see gb18030Text.ts);
 * - Code 128 with set-C digit pairs and QR with a byte-exact length (the
 *   library always uses set B and counts UTF-16 units for the QR length).
 */
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer'
import { escposCode128Data } from '../../domain/print/code128'
import type { Align, ReceiptBlock, ReceiptDocument } from '../../domain/print/printDocument'
import { encodeGb18030 } from './gb18030Text'

export const ESC_INIT = Buffer.from([0x1b, 0x40])
/** FS & — select Chinese character mode (double-byte codes print as one glyph). */
export const FS_CHINESE_ON = Buffer.from([0x1c, 0x26])

/** GS H / GS f / GS w / GS h, then GS k 73 with the code-set-planned data. */
export function code128Command(data: string, options: { moduleWidth: number; height: number; showText: boolean }): Buffer {
  const payload = escposCode128Data(data)
  if (payload.length > 255) throw new RangeError(`条码内容过长（${data.length} 个字符）`)
  return Buffer.from([
    0x1d, 0x48, options.showText ? 2 : 0, // HRI below, or none
    0x1d, 0x66, 0x00, // HRI font A
    0x1d, 0x77, Math.min(6, Math.max(1, options.moduleWidth)),
    0x1d, 0x68, Math.min(255, Math.max(1, options.height)),
    0x1d, 0x6b, 73, payload.length, ...payload,
  ])
}

/** GS ( k: model 2, module size, error correction, store, print — the length counts bytes, not characters. */
export function qrCommand(data: string, options: { cellSize: number; ecc?: 'L' | 'M' | 'Q' | 'H' }): Buffer {
  const bytes = Buffer.from(data, 'utf8')
  const storeLength = bytes.length + 3
  if (storeLength > 7089) throw new RangeError(`二维码内容过长（${bytes.length} 字节）`)
  const ecc = { L: 48, M: 49, Q: 50, H: 51 }[options.ecc ?? 'M']
  return Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, Math.min(16, Math.max(1, options.cellSize))]),
    Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, ecc]),
    Buffer.from([0x1d, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30]),
    bytes,
    Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]),
  ])
}

function align(p: ThermalPrinter, a: Align): void {
  if (a === 'center') p.alignCenter()
  else if (a === 'right') p.alignRight()
  else p.alignLeft()
}

function writeBlock(p: ThermalPrinter, block: ReceiptBlock, columns: number): void {
  switch (block.type) {
    case 'text':
      align(p, block.align)
      p.bold(block.bold)
      // GS ! — the library puts its first argument in the width nibble; equal sizes make that moot.
      p.setTextSize(block.size - 1, block.size - 1)
      p.add(encodeGb18030(block.text))
      p.newLine()
      if (block.size !== 1) p.setTextSize(0, 0)
      if (block.bold) p.bold(false)
      return
    case 'separator':
      p.alignLeft()
      p.add(Buffer.from(block.char.repeat(columns), 'ascii'))
      p.newLine()
      return
    case 'barcode':
      align(p, block.align)
      p.add(code128Command(block.data, block))
      p.newLine()
      return
    case 'qr':
      align(p, block.align)
      p.add(qrCommand(block.data, { cellSize: block.cellSize }))
      p.newLine()
      return
    case 'feed':
      p.add(Buffer.from([0x1b, 0x64, Math.min(255, block.lines)]))
      return
    case 'cut':
      p.cut()
      return
  }
}

export function escposReceiptBytes(doc: ReceiptDocument): Buffer {
  // No interface: the library only assembles bytes; our transport sends them (see printerConnection.ts).
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: doc.columns })
  p.add(ESC_INIT)
  p.add(FS_CHINESE_ON)
  for (const block of doc.blocks) writeBlock(p, block, doc.columns)
  return p.getBuffer()
}
