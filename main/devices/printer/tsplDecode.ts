/**
 * TSPL bytes → the labels a TSC-style printer would print: page setup, every
 * TEXT (GB18030 inside quotes), BARCODE and QRCODE payload, bars and boxes,
 * one LabelDocument per PRINT. Pure; shared by the emulator and the tests.
 */
import type { LabelDocument, LabelElement } from '../../domain/print/printDocument'
import { decodeGb18030 } from './gb18030Text'

export interface DecodedTspl {
  labels: LabelDocument[]
  warnings: string[]
  /** `ESC ! ?` status requests found in the stream. */
  statusQueries: number
  /** True when the job selected a code page (CODEPAGE 936 on models that need it). */
  codepage: string | null
}

/** Splits `a,b,"c,d",e` into fields, unquoting strings and TSPL's `\["]` escape. */
export function splitTsplArgs(text: string): string[] {
  const out: string[] = []
  let field = ''
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (inQuotes) {
      if (text.startsWith('\\["]', i)) {
        field += '"'
        i += 3
      } else if (ch === '"') inQuotes = false
      else field += ch
    } else if (ch === '"') inQuotes = true
    else if (ch === ',') {
      out.push(field.trim())
      field = ''
    } else field += ch
  }
  out.push(inQuotes ? field : field.trim())
  return out
}

/** `100 mm` → 100; `4` (inches, TSPL's default unit) → 101.6; `2 mm` → 2. */
function millimetres(value: string | undefined): number {
  const v = (value ?? '').trim()
  const n = Number.parseFloat(v)
  if (!Number.isFinite(n)) return 0
  if (/mm$/i.test(v)) return n
  if (/dot$/i.test(v)) return n / 8
  return Math.round(n * 25.4 * 10) / 10
}

const int = (v: string | undefined): number => Number.parseInt(v ?? '0', 10) || 0

export function decodeTspl(bytes: Uint8Array): DecodedTspl {
  const labels: LabelDocument[] = []
  const warnings: string[] = []
  let statusQueries = 0
  let codepage: string | null = null
  let widthMm = 0
  let heightMm = 0
  let gapMm = 0
  let elements: LabelElement[] = []

  let i = 0
  while (i < bytes.length) {
    if (bytes[i] === 0x1b) {
      // <ESC>!? status, <ESC>!R reset, <ESC>!P pause…: three bytes, answered in real time, not printed.
      if (bytes[i + 1] === 0x21 && bytes[i + 2] === 0x3f) statusQueries++
      i += 3
      continue
    }
    let end = bytes.indexOf(0x0a, i)
    if (end < 0) end = bytes.length
    const raw = bytes.subarray(i, end)
    const lineBytes = raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw
    const head = Buffer.from(lineBytes.subarray(0, 16)).toString('latin1')
    if (/^BITMAP\s/i.test(head)) {
      // BITMAP x,y,widthBytes,height,mode,<binary>: the binary part may contain 0x0A, so skip it by size.
      const header = Buffer.from(bytes.subarray(i, i + 64)).toString('latin1')
      const m = /^BITMAP\s+(\d+),(\d+),(\d+),(\d+),(\d+),/i.exec(header)
      if (!m) {
        warnings.push(`BITMAP 命令格式不对（偏移 ${i}）`)
        i = end + 1
        continue
      }
      warnings.push(`位图 ${int(m[3]) * 8}×${int(m[4])} 点未渲染`)
      i += m[0].length + int(m[3]) * int(m[4])
      if (bytes[i] === 0x0d) i++
      if (bytes[i] === 0x0a) i++
      continue
    }
    i = end + 1
    const line = decodeGb18030(lineBytes).trim()
    if (!line) continue
    const space = line.indexOf(' ')
    const name = (space < 0 ? line : line.slice(0, space)).toUpperCase()
    const args = space < 0 ? [] : splitTsplArgs(line.slice(space + 1))
    switch (name) {
      case 'SIZE':
        widthMm = millimetres(args[0])
        heightMm = millimetres(args[1])
        break
      case 'GAP':
        gapMm = millimetres(args[0])
        break
      case 'CODEPAGE':
        codepage = args[0] ?? null
        break
      case 'CLS':
        elements = []
        break
      case 'TEXT':
        if (int(args[3]) !== 0) warnings.push(`旋转的文字未按旋转渲染：${args[6] ?? ''}`)
        elements.push({ type: 'text', x: int(args[0]), y: int(args[1]), font: args[2] ?? '', xMul: int(args[4]) || 1, yMul: int(args[5]) || 1, text: args[6] ?? '' })
        break
      case 'BARCODE':
        if ((args[2] ?? '').toUpperCase() !== '128' && (args[2] ?? '').toUpperCase() !== '128M') warnings.push(`条码类型 ${args[2] ?? ''} 按 Code 128 显示`)
        elements.push({ type: 'barcode', x: int(args[0]), y: int(args[1]), symbology: '128', height: int(args[3]), showText: int(args[4]) !== 0, narrow: int(args[6]) || 2, wide: int(args[7]) || 4, data: args[args.length - 1] ?? '' })
        break
      case 'QRCODE': {
        const ecc = (args[2] ?? 'M').toUpperCase()
        elements.push({ type: 'qr', x: int(args[0]), y: int(args[1]), ecc: ecc === 'L' || ecc === 'Q' || ecc === 'H' ? ecc : 'M', cellSize: int(args[3]) || 4, data: args[args.length - 1] ?? '' })
        break
      }
      case 'BAR':
        elements.push({ type: 'bar', x: int(args[0]), y: int(args[1]), width: int(args[2]), height: int(args[3]) })
        break
      case 'BOX':
        elements.push({ type: 'box', x: int(args[0]), y: int(args[1]), xEnd: int(args[2]), yEnd: int(args[3]), thickness: int(args[4]) || 1 })
        break
      case 'REVERSE':
        elements.push({ type: 'reverse', x: int(args[0]), y: int(args[1]), width: int(args[2]), height: int(args[3]) })
        break
      case 'PRINT':
        labels.push({ format: 'label', title: `TSPL 标签 ${labels.length + 1}`, widthMm, heightMm, gapMm, copies: int(args[0]) || 1, elements: [...elements] })
        break
      case 'DIRECTION':
      case 'REFERENCE':
      case 'DENSITY':
      case 'SPEED':
      case 'SET':
      case 'OFFSET':
      case 'SHIFT':
      case 'HOME':
      case 'FEED':
        break
      default:
        warnings.push(`未识别的 TSPL 命令：${line.slice(0, 60)}`)
    }
  }
  return { labels, warnings, statusQueries, codepage }
}

/** A TSPL job starts with an ASCII command word; an ESC/POS job with ESC, GS or FS. */
export function looksLikeTspl(bytes: Uint8Array): boolean {
  let i = 0
  while (i < bytes.length && bytes[i] === 0x1b && bytes[i + 1] === 0x21) i += 3 // leading status queries
  const head = Buffer.from(bytes.subarray(i, i + 12)).toString('latin1')
  return /^(SIZE|GAP|CLS|DIRECTION|REFERENCE|TEXT|PRINT|SET|DENSITY|SPEED|CODEPAGE)\b/i.test(head)
}
