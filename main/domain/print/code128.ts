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
