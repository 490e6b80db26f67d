/**
 * Text measured the way a Chinese thermal printer lays it out: in columns of
 * the half-width font. Every ASCII character takes one column; every other
 * character is sent as a multi-byte GB18030 code and printed as one
 * full-width glyph, so it takes two — including `·`, `×`, `—` and `“”`,
 * which Unicode calls "ambiguous" but the printer draws wide.
 * (node-thermal-printer folds by `string.length`, which overflows Chinese
 * lines by up to half; never use that.)
 */

/** Columns one code point occupies on the printer. Control characters take none. */
export function charColumns(char: string): number {
  const code = char.codePointAt(0) ?? 0
  if (code < 0x20 || code === 0x7f) return 0
  return code < 0x80 ? 1 : 2
}

/** Display columns of a string (CJK = 2, ASCII = 1). */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += charColumns(char)
  return width
}

/**
 * Characters that must not start a line (避头): closing punctuation moves
 * back with the character before it instead of dangling on a new line.
 */
const noLineStart = new Set([...'，。、；：？！）》」』】〕…—,.;:?!)]}%'])

/** Splits text into units that should stay together: an ASCII word (with its trailing spaces) or one other character. */
function segments(text: string): string[] {
  const out: string[] = []
  let word = ''
  for (const char of text) {
    const isWordChar = char.charCodeAt(0) < 0x80 && char !== ' '
    if (isWordChar) {
      word += char
      continue
    }
    if (word) {
      out.push(word)
      word = ''
    }
    out.push(char)
  }
  if (word) out.push(word)
  return out
}

/** Cuts a single over-long word (a URL, a long number) into pieces that fit. */
function splitWord(word: string, columns: number): string[] {
  const pieces: string[] = []
  let piece = ''
  for (const char of word) {
    if (displayWidth(piece + char) > columns) {
      pieces.push(piece)
      piece = ''
    }
    piece += char
  }
  if (piece) pieces.push(piece)
  return pieces
}

/**
 * Wraps text to at most `columns` display columns per line. Breaks between
 * Chinese characters anywhere, between ASCII words at spaces, cuts a word
 * only when it alone is wider than a line, and keeps closing punctuation off
 * the start of a line. Explicit newlines are kept. Never truncates.
 */
export function wrapColumns(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < 2) throw new RangeError(`wrapColumns: 行宽至少 2 列，收到 ${columns}`)
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    for (const unit of segments(paragraph)) {
      for (const piece of displayWidth(unit) > columns ? splitWord(unit, columns) : [unit]) {
        if (displayWidth(line + piece) <= columns) {
          line += piece
          continue
        }
        if (piece === ' ') {
          // A space at a break point is swallowed by the break.
          lines.push(line)
          line = ''
          continue
        }
        let carry = ''
        if (noLineStart.has(piece) && line.length > 0) {
          // Take the last character along so the punctuation is not alone at the start.
          const chars = [...line]
          carry = chars.pop() ?? ''
          line = chars.join('')
        }
        lines.push(line.trimEnd())
        line = (carry + piece).trimStart()
      }
    }
    lines.push(line.trimEnd())
  }
  return lines
}

/** Pads (or, for layout slots only, never truncates) text to a column width with spaces. */
export function padColumns(text: string, columns: number, align: 'left' | 'right' | 'center' = 'left'): string {
  const gap = Math.max(0, columns - displayWidth(text))
  if (align === 'right') return ' '.repeat(gap) + text
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2))
  return text + ' '.repeat(gap)
}

/**
 * One line with `left` at the start and `right` at the end; when both do not
 * fit on one line, `right` goes on its own line, right-aligned.
 */
export function spreadColumns(left: string, right: string, columns: number): string[] {
  const gap = columns - displayWidth(left) - displayWidth(right)
  if (gap >= 1) return [left + ' '.repeat(gap) + right]
  return [...wrapColumns(left, columns), ...wrapColumns(right, columns).map((l) => padColumns(l, columns, 'right'))]
}
