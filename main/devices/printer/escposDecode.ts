/**
 * ESC/POS bytes → the ReceiptDocument a printer would put on paper: text
 * lines (GB18030) with their alignment, weight and size, Code 128 and QR
 * payloads, feeds and cuts. Pure; the emulator and the tests share it. What it
 * does not understand goes into `warnings`, never silently away.
 */
import { decodeEscposCode128Data } from '../../domain/print/code128'
import type { Align, ReceiptBlock, ReceiptDocument } from '../../domain/print/printDocument'
import { decodeGb18030, gb18030CharLength } from './gb18030Text'

export interface DecodedEscpos {
  document: ReceiptDocument
  warnings: string[]
  /** DLE EOT / GS r status requests found in the stream. */
  statusQueries: number
}

interface Style {
  align: Align
  bold: boolean
  size: 1 | 2
  isChinese: boolean
}

const initialStyle = (isChinese: boolean): Style => ({ align: 'left', bold: false, size: 1, isChinese })
const alignOf = (n: number | undefined): Align => (n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left')
const sizeOf = (n: number): 1 | 2 => (Math.max((n >> 4) & 0x7, n & 0x7) > 0 ? 2 : 1)

/** Bytes each fixed-length command takes after its two-byte prefix. */
const escArgs: Record<number, number> = { 0x21: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x45: 1, 0x47: 1, 0x4a: 1, 0x4d: 1, 0x52: 1, 0x56: 1, 0x61: 1, 0x64: 1, 0x74: 1, 0x7b: 1, 0x20: 1, 0x70: 3, 0x42: 2, 0x63: 2 }
const gsArgs: Record<number, number> = { 0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x72: 1, 0x4c: 2, 0x57: 2, 0x61: 1 }
const fsArgs: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x21: 1, 0x2d: 1, 0x43: 1, 0x57: 1 }

export function decodeEscpos(input: Uint8Array, options: { columns?: number; isChineseAtStart?: boolean } = {}): DecodedEscpos {
  const columns = options.columns ?? 48
  const bytes = input
  const blocks: ReceiptBlock[] = []
  const warnings: string[] = []
  let statusQueries = 0
  let style = initialStyle(options.isChineseAtStart ?? false)
  let line: number[] = []
  let lineStyle: Style | null = null
  let lastWasSymbol = false
  const barcode = { hri: 0, width: 3, height: 162 }
  const qr = { cellSize: 3, data: '' }

  const flush = (isLineFeed: boolean): void => {
    if (line.length > 0) {
      const text = decodeGb18030(Uint8Array.from(line))
      const s = lineStyle ?? style
      if (/^([-=])\1{15,}$/.test(text)) blocks.push({ type: 'separator', char: text[0] as '-' | '=' })
      else blocks.push({ type: 'text', text, align: s.align, bold: s.bold, size: s.size })
      lastWasSymbol = false
    } else if (isLineFeed && !lastWasSymbol) {
      feed(1)
    }
    if (isLineFeed) lastWasSymbol = false
    line = []
    lineStyle = null
  }
  const feed = (lines: number): void => {
    const last = blocks[blocks.length - 1]
    if (last?.type === 'feed') last.lines += lines
    else if (lines > 0) blocks.push({ type: 'feed', lines })
  }

  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const b1 = bytes[i + 1]
    if (b === 0x0a) {
      flush(true)
      i += 1
    } else if (b === 0x0d || b === 0x09 || b === 0x00) {
      i += 1
    } else if (b === 0x10 && b1 === 0x04) {
      statusQueries++
      i += 3
    } else if (b === 0x1b && b1 !== undefined) {
      if (b1 === 0x40) {
        flush(false)
        style = initialStyle(options.isChineseAtStart ?? false)
      } else if (b1 === 0x61) style.align = alignOf(bytes[i + 2])
      else if (b1 === 0x45) style.bold = ((bytes[i + 2] ?? 0) & 1) === 1
      else if (b1 === 0x21) {
        const n = bytes[i + 2] ?? 0
        style.bold = (n & 0x08) !== 0
        style.size = (n & 0x30) !== 0 ? 2 : 1
      } else if (b1 === 0x64 || b1 === 0x4a) {
        flush(false)
        feed(b1 === 0x64 ? (bytes[i + 2] ?? 0) : 1)
      } else if (!(b1 in escArgs)) warnings.push(`未识别的 ESC 命令 0x${b1.toString(16)}（偏移 ${i}）`)
      i += 2 + (escArgs[b1] ?? 0)
    } else if (b === 0x1c && b1 !== undefined) {
      if (b1 === 0x26) style.isChinese = true
      else if (b1 === 0x2e) style.isChinese = false
      else if (!(b1 in fsArgs)) warnings.push(`未识别的 FS 命令 0x${b1.toString(16)}（偏移 ${i}）`)
      i += 2 + (fsArgs[b1] ?? 0)
    } else if (b === 0x1d && b1 !== undefined) {
      i = decodeGs(i, b1)
    } else if (b < 0x20) {
      warnings.push(`未识别的控制字节 0x${b.toString(16)}（偏移 ${i}）`)
      i += 1
    } else {
      const length = gb18030CharLength(bytes, i) || 1
      if (length > 1 && !style.isChinese) warnings.push(`偏移 ${i} 的中文出现在汉字模式（FS &）之外，真实打印机会打成乱码`)
      if (line.length === 0) lineStyle = { ...style }
      for (let k = 0; k < length; k++) line.push(bytes[i + k] ?? 0x3f)
      i += length
    }
  }
  flush(false)

  function decodeGs(at: number, cmd: number): number {
    const arg = bytes[at + 2] ?? 0
    switch (cmd) {
      case 0x21:
        style.size = sizeOf(arg)
        break
      case 0x48:
        barcode.hri = arg
        break
      case 0x77:
        barcode.width = arg
        break
      case 0x68:
        barcode.height = arg
        break
      case 0x72:
        statusQueries++
        break
      case 0x56: {
        flush(false)
        blocks.push({ type: 'cut' })
        return at + (arg === 65 || arg === 66 ? 4 : 3)
      }
      case 0x6b:
        return decodeBarcode(at, arg)
      case 0x28:
        if (bytes[at + 2] === 0x6b) return decodeQr(at)
        return at + 5 + (bytes[at + 3] ?? 0) + 256 * (bytes[at + 4] ?? 0)
      case 0x76: {
        // GS v 0 m xL xH yL yH d… — a raster image: shown as a placeholder, its bytes skipped.
        const width = (bytes[at + 4] ?? 0) + 256 * (bytes[at + 5] ?? 0)
        const height = (bytes[at + 6] ?? 0) + 256 * (bytes[at + 7] ?? 0)
        flush(false)
        blocks.push({ type: 'text', text: `[位图 ${width * 8}×${height}]`, align: style.align, bold: false, size: 1 })
        return at + 8 + width * height
      }
      default:
        if (!(cmd in gsArgs)) warnings.push(`未识别的 GS 命令 0x${cmd.toString(16)}（偏移 ${at}）`)
    }
    return at + 2 + (gsArgs[cmd] ?? 0)
  }

  function decodeBarcode(at: number, m: number): number {
    flush(false)
    let data: number[]
    let next: number
    if (m <= 6) {
      const end = bytes.indexOf(0, at + 3)
      const stop = end < 0 ? bytes.length : end
      data = Array.from(bytes.subarray(at + 3, stop))
      next = stop + 1
    } else {
      const n = bytes[at + 3] ?? 0
      data = Array.from(bytes.subarray(at + 4, at + 4 + n))
      next = at + 4 + n
    }
    if (m === 73) {
      try {
        const text = decodeEscposCode128Data(data)
        blocks.push({ type: 'barcode', symbology: 'code128', data: text, height: barcode.height, moduleWidth: barcode.width, showText: barcode.hri !== 0, align: style.align })
      } catch (err) {
        warnings.push(`Code 128 数据无法解码：${(err as Error).message}`)
      }
    } else {
      warnings.push(`条码类型 ${m} 未解码，数据 ${Buffer.from(data).toString('latin1')}`)
    }
    lastWasSymbol = true
    return next
  }

  function decodeQr(at: number): number {
    const length = (bytes[at + 3] ?? 0) + 256 * (bytes[at + 4] ?? 0)
    const cn = bytes[at + 5]
    const fn = bytes[at + 6]
    const body = bytes.subarray(at + 7, at + 5 + length)
    if (cn === 0x31 && fn === 0x43) qr.cellSize = body[0] ?? qr.cellSize
    else if (cn === 0x31 && fn === 0x50) qr.data = Buffer.from(body.subarray(1)).toString('utf8')
    else if (cn === 0x31 && fn === 0x51) {
      flush(false)
      blocks.push({ type: 'qr', data: qr.data, cellSize: qr.cellSize, align: style.align })
      lastWasSymbol = true
    }
    return at + 5 + length
  }

  return { document: { format: 'receipt', columns, title: 'ESC/POS 作业', blocks }, warnings, statusQueries }
}
