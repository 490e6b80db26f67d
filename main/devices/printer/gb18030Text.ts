/**
 * Chinese text for printers: GB18030 through iconv-lite, encoded by us for
 * the whole string. node-thermal-printer's CHINA code page encodes GBK one
 * character at a time and silently turns anything outside GBK into `?` (or
 * switches code page mid-line); GB18030 reaches every Unicode character.
 */
import iconv from 'iconv-lite'

/**
 * Characters whose GB18030 form is a 4-byte sequence that many receipt
 * printers' fonts lack, swapped for a 2-byte equivalent they all have.
 * `¥` U+00A5 famously prints as "0 6" (node-escpos #332); `￥` is GB2312 A3A4.
 */
const printableSubstitutes: Record<string, string> = {
  '\u00a5': '\uffe5',
  '\u2022': '\u00b7',
}

export function normalizeForPrinter(text: string): string {
  let out = ''
  for (const char of text) out += printableSubstitutes[char] ?? char
  return out
}

export function encodeGb18030(text: string): Buffer {
  return iconv.encode(normalizeForPrinter(text), 'gb18030')
}

export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gb18030')
}

/** True when the character needs a 4-byte GB18030 code (outside GBK): rare name characters, CJK Extension B. */
export function needsFourBytes(char: string): boolean {
  return iconv.encode(char, 'gb18030').length === 4
}

/**
 * Length in bytes of the GB18030 character starting at `bytes[i]` (1, 2 or 4),
 * or 0 when the bytes there are not a valid start. Decoders use it to walk
 * a stream without splitting a character.
 */
export function gb18030CharLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]
  if (b0 === undefined) return 0
  if (b0 < 0x80) return 1
  if (b0 === 0x80 || b0 === 0xff) return 0
  const b1 = bytes[i + 1]
  if (b1 === undefined) return 0
  if (b1 >= 0x40 && b1 <= 0xfe && b1 !== 0x7f) return 2
  if (b1 >= 0x30 && b1 <= 0x39) {
    const b2 = bytes[i + 2]
    const b3 = bytes[i + 3]
    if (b2 !== undefined && b3 !== undefined && b2 >= 0x81 && b2 <= 0xfe && b3 >= 0x30 && b3 <= 0x39) return 4
  }
  return 0
}
