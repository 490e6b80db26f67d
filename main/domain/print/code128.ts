/**
 * Code 128 code-set planning, shared by the ESC/POS writer (GS k 73 takes the
 * data with explicit `{B` / `{C` switches) and by the label layout (to centre
 * a barcode we must know its width). Digits in runs of four or more go in set
 * C (two digits per symbol) — a 17-digit case number is then 30 % narrower
 * than node-thermal-printer's always-set-B output and fits a 58 mm head.
 */

export type Code128Run = { set: 'B'; text: string } | { set: 'C'; digits: string }

/** Printable ASCII (space to tilde): what set B covers, and what every printer stores byte for byte in a barcode or QR code. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]+$/

/** Anything outside printable ASCII cannot be in our barcodes. */
export function isCode128Printable(data: string): boolean {
  return data.length > 0 && PRINTABLE_ASCII.test(data)
}

/**
 * Splits data into set-B text and set-C digit pairs. A digit run goes to set C
 * when it has at least 4 digits (or is the whole, even-length data); an odd
 * run leaves its first digit in set B.
 */
export function planCode128(data: string): Code128Run[] {
  if (!isCode128Printable(data)) throw new RangeError(`Code 128 只能编码可打印 ASCII 字符：${JSON.stringify(data)}`)
  const runs: Code128Run[] = []
  const pushB = (text: string): void => {
    const last = runs[runs.length - 1]
    if (last && last.set === 'B') last.text += text
    else runs.push({ set: 'B', text })
  }
  for (const part of data.match(/\d+|\D+/g) ?? []) {
    const isDigits = /^\d+$/.test(part)
    const useC = isDigits && (part.length >= 4 || (part === data && part.length % 2 === 0))
    if (!useC) {
      pushB(part)
      continue
    }
    if (part.length % 2 === 1) pushB(part[0]!)
    runs.push({ set: 'C', digits: part.length % 2 === 1 ? part.slice(1) : part })
  }
  return runs
}

/** Modules of the whole symbol without quiet zones: start, data, switches, check digit (11 each), stop (13). */
export function code128Modules(data: string): number {
  const runs = planCode128(data)
  let symbols = 1 + 1 // start + check
  runs.forEach((run, i) => {
    if (i > 0) symbols += 1 // code-set switch
    symbols += run.set === 'B' ? run.text.length : run.digits.length / 2
  })
  return symbols * 11 + 13
}

/** The bytes GS k 73 expects after its length byte: `{B`/`{C` selectors, `{{` for a literal brace, set C as values 0–99. */
export function escposCode128Data(data: string): number[] {
  const bytes: number[] = []
  for (const run of planCode128(data)) {
    if (run.set === 'B') {
      bytes.push(0x7b, 0x42)
      for (const ch of run.text) {
        if (ch === '{') bytes.push(0x7b, 0x7b)
        else bytes.push(ch.charCodeAt(0))
      }
    } else {
      bytes.push(0x7b, 0x43)
      for (let i = 0; i < run.digits.length; i += 2) bytes.push(Number(run.digits.slice(i, i + 2)))
    }
  }
  return bytes
}

/** Inverse of escposCode128Data: what a printer would encode from GS k 73 data. Throws on malformed data. */
export function decodeEscposCode128Data(bytes: readonly number[]): string {
  let set: 'A' | 'B' | 'C' | null = null
  let out = ''
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b === 0x7b) {
      const next = bytes[++i]
      if (next === 0x41 || next === 0x42 || next === 0x43) set = next === 0x41 ? 'A' : next === 0x42 ? 'B' : 'C'
      else if (next === 0x7b) out += '{'
      else if (next !== undefined && next >= 0x31 && next <= 0x34) continue // FNC1–4: no text
      else throw new RangeError(`GS k 128 数据中 "{" 后的字节 0x${(next ?? 0).toString(16)} 无效`)
      continue
    }
    if (set === null) throw new RangeError('GS k 128 数据未以 {A、{B 或 {C 开头')
    if (set === 'C') {
      if (b > 99) throw new RangeError(`GS k 128 C 码集的值 ${b} 超过 99`)
      out += String(b).padStart(2, '0')
    } else {
      out += String.fromCharCode(b)
    }
  }
  return out
}

/** Bar and space widths (in modules) of symbol values 0–105, then the stop pattern (ISO/IEC 15417 table). */
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 ' +
  '123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 ' +
  '232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 ' +
  '313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 ' +
  '111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 ' +
  '114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ')

const START = { B: 104, C: 105 } as const
const SWITCH_TO = { B: 100, C: 99 } as const

/** The symbol values from start to check digit, in the code sets planCode128 chose. */
function code128Values(data: string): number[] {
  const runs = planCode128(data)
  const values: number[] = [START[runs[0]!.set]]
  runs.forEach((run, i) => {
    if (i > 0) values.push(SWITCH_TO[run.set])
    if (run.set === 'B') for (const ch of run.text) values.push(ch.charCodeAt(0) - 32)
    else for (let j = 0; j < run.digits.length; j += 2) values.push(Number(run.digits.slice(j, j + 2)))
  })
  const check = values.reduce((sum, v, i) => sum + v * Math.max(i, 1), 0) % 103
  return [...values, check]
}

/** Alternating bar and space widths in modules, bar first, start to stop (no quiet zones). */
export function code128Widths(data: string): number[] {
  const symbols = [...code128Values(data).map((v) => PATTERNS[v]!), PATTERNS[106]!]
  return symbols.flatMap((pattern) => Array.from(pattern, Number))
}

/**
 * The barcode as a standalone SVG for paper (the A4 sheets): one viewBox unit
 * per module, 10-module quiet zones, sized in millimetres so a laser printer
 * draws whole dots. Pure, so an A4 document carries its own barcodes.
 */
export function code128Svg(data: string, size: { moduleMm: number; heightMm: number }): string {
  const quiet = 10
  let x = quiet
  let bars = ''
  code128Widths(data).forEach((width, i) => {
    if (i % 2 === 0) bars += `M${x} 0h${width}v1h-${width}z`
    x += width
  })
  const modules = x + quiet
  const width = +(modules * size.moduleMm).toFixed(2)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="code128" data-code128="${data.replace(/[^\x21-\x7e]|["&<>']/g, '')}" ` +
    `width="${width}mm" height="${size.heightMm}mm" viewBox="0 0 ${modules} 1" preserveAspectRatio="none" shape-rendering="crispEdges">` +
    `<path d="${bars}" fill="#000"/></svg>`
  )
}
