/**
 * Identity numbers on the cards the counter reads or the clerk types
 * (specs/idcard-reader.md §7): the GB 11643 resident number, the same shape on
 * Hong Kong / Macao / Taiwan residence permits (81/82/83), the 2023 foreigner
 * permanent residence number (leading 9, same check), and the 2017 foreigner
 * card (shape only: no public check rule).
 */
import { plainDateOf, plainDateParts, type PlainDate } from './plainDate'

export type IdNumberKind = 'resident' | 'hmt' | 'foreign2023'

export type IdNumberCheck =
  | {
      valid: true
      /** Upper-case, no spaces: the form stored and printed. */
      normalized: string
      kind: IdNumberKind
      birthDate: PlainDate
      gender: 'male' | 'female'
      /** Six-digit GB/T 2260 code: the holder's county, or for foreign2023 the accepting province (`320000`). */
      regionCode: string
      /** foreign2023 only: ISO 3166 numeric nationality code (`682` Saudi Arabia). */
      countryCode?: string
    }
  | { valid: false; reason: string }

export type ForeignPermit2017Check = { valid: true; normalized: string; kind: 'foreign2017' } | { valid: false; reason: string }

/** Province-level codes (GB/T 2260) that may open a number; 71 Taiwan, 81–83 only on residence permits. */
const PROVINCES: ReadonlyMap<string, string> = new Map([
  ['11', '北京'], ['12', '天津'], ['13', '河北'], ['14', '山西'], ['15', '内蒙古'],
  ['21', '辽宁'], ['22', '吉林'], ['23', '黑龙江'],
  ['31', '上海'], ['32', '江苏'], ['33', '浙江'], ['34', '安徽'], ['35', '福建'], ['36', '江西'], ['37', '山东'],
  ['41', '河南'], ['42', '湖北'], ['43', '湖南'], ['44', '广东'], ['45', '广西'], ['46', '海南'],
  ['50', '重庆'], ['51', '四川'], ['52', '贵州'], ['53', '云南'], ['54', '西藏'],
  ['61', '陕西'], ['62', '甘肃'], ['63', '青海'], ['64', '宁夏'], ['65', '新疆'],
  ['71', '台湾'], ['81', '香港'], ['82', '澳门'], ['83', '台湾（居住证）'],
])
const PERMIT_PROVINCES = new Set(['81', '82', '83'])

/** ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18−i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

/** The check character for the first 17 digits; exported so test builders make valid numbers. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`需要 17 位数字，收到 "${first17}"`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** Clerks paste numbers with spaces and type `x` in lower case; neither is an error. */
function normalize(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

const invalid = (reason: string): { valid: false; reason: string } => ({ valid: false, reason })

/**
 * Checks an 18-character identity number. `today` (YYYY-MM-DD) bounds the
 * birth date; it defaults to the local date so callers in tests can pin it.
 */
export function checkIdNumber(raw: string, options: { today?: PlainDate } = {}): IdNumberCheck {
  const id = normalize(raw)
  if (id.length === 0) return invalid('请输入身份证号码')
  if (/^\d{15}$/.test(id)) return invalid('15 位旧身份证号码已停止使用，请填写 18 位号码')
  if (id.length !== 18) return invalid(`身份证号码应为 18 位，实为 ${id.length} 位`)
  for (let i = 0; i < 17; i++) {
    const c = id[i]!
    if (c < '0' || c > '9') return invalid(`第 ${i + 1} 位“${c}”应为数字`)
  }
  const check = id[17]!
  if (!/[0-9X]/.test(check)) return invalid(`第 18 位校验位“${check}”应为数字或 X`)

  const isForeign = id[0] === '9'
  const province = isForeign ? id.slice(1, 3) : id.slice(0, 2)
  if (isForeign) {
    if (!PROVINCES.has(province) || PERMIT_PROVINCES.has(province) || province === '71') {
      return invalid(`外国人永久居留身份证号码第 2–3 位受理地 ${province} 不是有效的省级代码`)
    }
  } else if (!PROVINCES.has(province)) {
    return invalid(`前 2 位省级代码 ${province} 不存在`)
  }

  const birth = id.slice(6, 14)
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`
  if (!plainDateParts(birthDate)) return invalid(`出生日期 ${birth} 不是有效日期`)
  if (birthDate < '1900-01-01') return invalid(`出生日期 ${birthDate} 早于 1900 年`)
  const today = options.today ?? plainDateOf(new Date())
  if (birthDate > today) return invalid(`出生日期 ${birthDate} 晚于今天（${today}）`)

  const expected = idNumberCheckChar(id.slice(0, 17))
  if (check !== expected) return invalid(`校验位应为 ${expected}，实为 ${check}`)

  const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female'
  const kind: IdNumberKind = isForeign ? 'foreign2023' : PERMIT_PROVINCES.has(province) ? 'hmt' : 'resident'
  if (kind === 'foreign2023') {
    return { valid: true, normalized: id, kind, birthDate, gender, regionCode: `${province}0000`, countryCode: id.slice(3, 6) }
  }
  return { valid: true, normalized: id, kind, birthDate, gender, regionCode: id.slice(0, 6) }
}

/** The 2017 foreigner permanent residence card: 3 letters (nationality) + 12 digits, shape only. */
export function checkForeignPermit2017(raw: string): ForeignPermit2017Check {
  const id = normalize(raw)
  if (/^[A-Z]{3}\d{12}$/.test(id)) return { valid: true, normalized: id, kind: 'foreign2017' }
  if (id.length !== 15) return invalid(`2017 版外国人永久居留证号码应为 15 位，实为 ${id.length} 位`)
  return invalid('2017 版外国人永久居留证号码应为 3 位字母加 12 位数字')
}

/** Any number a card can carry: letters first means the 2017 foreigner card, else the 18-character forms. */
export function checkAnyIdNumber(raw: string, options: { today?: PlainDate } = {}): IdNumberCheck | ForeignPermit2017Check {
  return /^\s*[A-Za-z]/.test(raw) ? checkForeignPermit2017(raw) : checkIdNumber(raw, options)
}
