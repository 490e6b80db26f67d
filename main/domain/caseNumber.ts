/**
 * Case numbers (办件编号) printed as Code 128 on every receipt. The default
 * `{region6}{yyyymmdd}{station3}{seq4}` is all digits, so Code 128 set C packs
 * two digits per symbol and the barcode stays short enough for an 80 mm receipt.
 */
import { AppError } from './errors'
import { plainDateParts, type PlainDate } from './plainDate'

export const DEFAULT_CASE_NUMBER_FORMAT = '{region6}{yyyymmdd}{station3}{seq4}'

export interface CaseNumberParts {
  /** GB/T 2260 six-digit region code of the hall. */
  regionCode: string
  /** Day of acceptance. */
  date: PlainDate
  /** Three-digit window number. */
  stationId: string
  /** Per-day (or per-station) sequence, from 1. */
  seq: number
}

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'region6' }
  | { kind: 'yyyymmdd' }
  | { kind: 'yymmdd' }
  | { kind: 'station3' }
  | { kind: 'seq'; width: number }

const TOKEN_HELP = '{region6}、{yyyymmdd}、{yymmdd}、{station3}、{seqN}（N 为 1–9）'
const compiled = new Map<string, { segments: Segment[]; pattern: RegExp }>()

function formatError(format: string, why: string): AppError {
  return new AppError('CONFIG_INVALID', `办件编号格式“${format}”有误：${why}`)
}

function compile(format: string): { segments: Segment[]; pattern: RegExp } {
  const cached = compiled.get(format)
  if (cached) return cached
  const segments: Segment[] = []
  const seen = new Set<string>()
  for (const m of format.matchAll(/\{([^}]*)\}|([^{]+)|(\{)/g)) {
    if (m[3] !== undefined) throw formatError(format, '“{”没有配对的“}”')
    if (m[2] !== undefined) {
      // Letters and digits only: every barcode symbology and every scanner's keyboard layout agree on them.
      if (!/^[0-9A-Za-z]+$/.test(m[2])) throw formatError(format, `固定部分“${m[2]}”只能包含字母和数字`)
      segments.push({ kind: 'literal', text: m[2] })
      continue
    }
    const token = m[1]!
    const seqMatch = /^seq([1-9])$/.exec(token)
    const kind = seqMatch ? 'seq' : token
    if (seen.has(kind)) throw formatError(format, `占位符 {${token}} 重复`)
    seen.add(kind)
    if (seqMatch) segments.push({ kind: 'seq', width: Number(seqMatch[1]) })
    else if (token === 'region6' || token === 'yyyymmdd' || token === 'yymmdd' || token === 'station3') segments.push({ kind: token })
    else throw formatError(format, `未知占位符 {${token}}，可用 ${TOKEN_HELP}`)
  }
  if (!seen.has('seq')) throw formatError(format, '缺少流水号占位符 {seqN}，编号将不唯一')
  if (seen.has('yyyymmdd') && seen.has('yymmdd')) throw formatError(format, '{yyyymmdd} 与 {yymmdd} 只能用一个')

  const source = segments
    .map((s) => {
      switch (s.kind) {
        case 'literal':
          return s.text
        case 'region6':
          return '(?<region>\\d{6})'
        case 'yyyymmdd':
          return '(?<date8>\\d{8})'
        case 'yymmdd':
          return '(?<date6>\\d{6})'
        case 'station3':
          return '(?<station>\\d{3})'
        case 'seq':
          return `(?<seq>\\d{${s.width}})`
      }
    })
    .join('')
  const result = { segments, pattern: new RegExp(`^${source}$`) }
  compiled.set(format, result)
  return result
}

/** Throws CONFIG_INVALID with the reason when a configured format cannot make unique numbers. */
export function validateCaseNumberFormat(format: string): void {
  compile(format)
}

export function formatCaseNumber(format: string, parts: CaseNumberParts): string {
  const { segments } = compile(format)
  return segments
    .map((s) => {
      switch (s.kind) {
        case 'literal':
          return s.text
        case 'region6':
          if (!/^\d{6}$/.test(parts.regionCode)) throw new AppError('BAD_INPUT', `行政区划代码“${parts.regionCode}”应为 6 位数字`, 'regionCode')
          return parts.regionCode
        case 'yyyymmdd':
        case 'yymmdd': {
          const d = plainDateParts(parts.date)
          if (!d) throw new AppError('BAD_INPUT', `受理日期“${parts.date}”不是有效日期（应为 YYYY-MM-DD）`, 'date')
          const full = parts.date.replaceAll('-', '')
          if (s.kind === 'yyyymmdd') return full
          if (d.year < 2000 || d.year > 2099) throw new AppError('BAD_INPUT', `{yymmdd} 只能表示 2000–2099 年，收到 ${parts.date}`, 'date')
          return full.slice(2)
        }
        case 'station3':
          if (!/^\d{3}$/.test(parts.stationId)) throw new AppError('BAD_INPUT', `窗口编号“${parts.stationId}”应为 3 位数字`, 'stationId')
          return parts.stationId
        case 'seq': {
          const max = 10 ** s.width - 1
          if (!Number.isInteger(parts.seq) || parts.seq < 1) throw new AppError('BAD_INPUT', `流水号应为正整数，收到 ${parts.seq}`, 'seq')
          if (parts.seq > max) {
            throw new AppError(
              'CONFIG_INVALID',
              `流水号 ${parts.seq} 超出编号格式 {seq${s.width}} 的 ${s.width} 位（最多 ${max}），请加宽办件编号格式中的流水号（如 {seq${s.width + 1}}）`,
              'seq',
            )
          }
          return String(parts.seq).padStart(s.width, '0')
        }
      }
    })
    .join('')
}

/** Anchored pattern a scanned or typed text must match to be a case number in this format. */
export function caseNumberPattern(format: string): RegExp {
  const { pattern } = compile(format)
  return new RegExp(pattern.source)
}

/** The parts a case number carries (those its format has), or null when `text` is not one. */
export function parseCaseNumber(format: string, text: string): Partial<CaseNumberParts> | null {
  const groups = compile(format).pattern.exec(text.trim())?.groups
  if (!groups) return null
  const out: Partial<CaseNumberParts> = {}
  if (groups.region !== undefined) out.regionCode = groups.region
  const digits = groups.date8 ?? (groups.date6 !== undefined ? `20${groups.date6}` : undefined)
  if (digits !== undefined) {
    const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`
    if (!plainDateParts(date)) return null
    out.date = date
  }
  if (groups.station !== undefined) out.stationId = groups.station
  if (groups.seq !== undefined) {
    out.seq = Number(groups.seq)
    if (out.seq === 0) return null
  }
  return out
}
