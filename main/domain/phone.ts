/**
 * Mainland phone numbers as applicants give them at the counter: a mobile
 * number, or a landline with its area code and perhaps an extension.
 */

export type PhoneCheck =
  | {
      valid: true
      /** Mobile: 11 digits. Landline: `AREA-LOCAL` or `AREA-LOCAL-EXT`, e.g. `0516-83801234-801`. */
      normalized: string
      kind: 'mobile' | 'landline'
    }
  | { valid: false; reason: string }

const invalid = (reason: string): PhoneCheck => ({ valid: false, reason })

/** "转 801", "ext. 801", "x801", "#801", "分机801" at the end. */
const EXTENSION = /(?:转|分机|ext\.?|x|#|,|，)\s*(\d*)\s*$/i
const SEPARATORS = /[\s\-()（）]/g

export function checkPhone(raw: string): PhoneCheck {
  let text = raw.trim()
  if (text.length === 0) return invalid('请输入电话号码')

  let extension: string | undefined
  const marked = EXTENSION.exec(text)
  if (marked) {
    extension = marked[1] ?? ''
    text = text.slice(0, marked.index)
  } else {
    // "0516-83801234-801": a third dash group after a complete local number is an extension.
    const groups = text.split('-').map((g) => g.trim())
    if (groups.length >= 3 && /^0\d{2,3}$/.test(groups[0]!) && /^\d{7,8}$/.test(groups[1]!)) {
      extension = groups.slice(2).join('')
      text = `${groups[0]!}${groups[1]!}`
    }
  }
  if (extension !== undefined && !/^\d{1,6}$/.test(extension)) return invalid(`分机号“${extension}”应为 1–6 位数字`)

  let digits = text.replace(SEPARATORS, '')
  const bad = /[^\d+]/.exec(digits)
  if (bad) return invalid(`电话号码含有无效字符“${bad[0]}”`)

  // Country code: +86 / 0086, or a bare 86 before a mobile number. A landline after +86 drops its trunk 0.
  const international = /^(?:\+|00)(\d+)$/.exec(digits)
  if (international) {
    const rest = international[1]!
    if (!rest.startsWith('86')) return invalid('仅支持中国大陆号码（国家代码 +86）')
    const national = rest.slice(2)
    digits = national.startsWith('1') || national.startsWith('0') ? national : `0${national}`
  } else if (digits.includes('+')) {
    return invalid('“+”只能出现在国家代码前')
  } else if (/^861\d{10}$/.test(digits)) {
    digits = digits.slice(2)
  }

  if (digits.startsWith('1')) {
    if (extension !== undefined) return invalid('手机号码不能带分机号')
    if (digits.length !== 11) return invalid(`手机号码应为 11 位，实为 ${digits.length} 位`)
    if (!/^1[3-9]/.test(digits)) return invalid(`手机号码第 2 位应为 3–9，实为 ${digits[1]!}`)
    return { valid: true, normalized: digits, kind: 'mobile' }
  }
  if (!digits.startsWith('0')) {
    return invalid(digits.length >= 7 && digits.length <= 8 ? '固定电话需要区号，例如 0516-83801234' : '电话号码应为 11 位手机号码，或区号加 7–8 位固定电话号码')
  }
  // 010 and 020–029 are the only three-digit area codes; every other one has four digits.
  const areaLength = /^0[12]/.test(digits) ? 3 : 4
  const area = digits.slice(0, areaLength)
  const local = digits.slice(areaLength)
  if (area.startsWith('00')) return invalid(`区号 ${area} 无效`)
  if (local.length < 7 || local.length > 8) return invalid(`区号 ${area} 后的号码应为 7–8 位，实为 ${local.length} 位`)
  if (/^[01]/.test(local)) return invalid(`固定电话号码 ${local} 不能以 ${local[0]!} 开头`)
  const normalized = extension === undefined ? `${area}-${local}` : `${area}-${local}-${extension}`
  return { valid: true, normalized, kind: 'landline' }
}
