/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters
 * = registration authority (1) + organisation type (1) + region (6) +
 * organisation code (9) + check (1).
 */

export type UsccCheck = { valid: true; normalized: string } | { valid: false; reason: string }

/** The standard's 31-character set: 0-9 and A-Y without I, O, S, V, Z (easily confused with 1, 0, 5, U, 2). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/**
 * Registration authority (1st char) → organisation types (2nd char) it may
 * issue, from the standard's appendix. `9` is "other" under most authorities.
 */
const AUTHORITIES: ReadonlyMap<string, { name: string; types: string }> = new Map([
  ['1', { name: '机构编制', types: '1239' }],
  ['2', { name: '外交', types: '19' }],
  ['3', { name: '司法行政', types: '1234569' }],
  ['4', { name: '文化', types: '19' }],
  ['5', { name: '民政', types: '1239' }],
  ['6', { name: '旅游', types: '129' }],
  ['7', { name: '宗教', types: '129' }],
  ['8', { name: '工会', types: '19' }],
  ['9', { name: '工商（市场监管）', types: '123' }],
  ['A', { name: '中央军委改革和编制办公室', types: '19' }],
  ['N', { name: '农业', types: '1239' }],
  ['Y', { name: '其他', types: '1' }],
])

/** Province-level prefixes of the region part (the registering authority is always on the mainland); 10 is the central level (100000). */
const REGION_PREFIXES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
])

/** The check character for the first 17 characters; exported so test builders make valid codes. */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '')
    if (value < 0) throw new RangeError(`第 ${i + 1} 位“${first17[i] ?? ''}”不在统一社会信用代码字符集中`)
    sum += value * WEIGHTS[i]!
  }
  // 31 − (sum mod 31), where 31 itself is written 0.
  return CHARSET[(31 - (sum % 31)) % 31]!
}

const invalid = (reason: string): UsccCheck => ({ valid: false, reason })

export function checkUscc(raw: string): UsccCheck {
  // Codes are printed in upper case; people type them in any case and paste them with spaces.
  const code = raw.replace(/\s+/g, '').toUpperCase()
  if (code.length === 0) return invalid('请输入统一社会信用代码')
  if (code.length !== 18) return invalid(`统一社会信用代码应为 18 位，实为 ${code.length} 位`)
  for (let i = 0; i < 18; i++) {
    const c = code[i]!
    if (!CHARSET.includes(c)) {
      const hint = 'IOSVZ'.includes(c) ? '（代码不使用 I、O、S、V、Z）' : ''
      return invalid(`第 ${i + 1} 位“${c}”不是有效字符${hint}`)
    }
  }
  const authority = AUTHORITIES.get(code[0]!)
  if (!authority) return invalid(`第 1 位登记管理部门代码“${code[0]!}”不存在`)
  if (!authority.types.includes(code[1]!)) {
    return invalid(`第 2 位机构类别代码“${code[1]!}”不属于登记管理部门“${authority.name}”（${code[0]!}），应为 ${[...authority.types].join('、')} 之一`)
  }
  const region = code.slice(2, 8)
  if (!/^\d{6}$/.test(region)) return invalid(`第 3–8 位行政区划码“${region}”应为 6 位数字`)
  if (!REGION_PREFIXES.has(region.slice(0, 2))) return invalid(`第 3–8 位行政区划码 ${region} 的省级代码 ${region.slice(0, 2)} 不存在`)
  const expected = usccCheckChar(code)
  if (code[17] !== expected) return invalid(`校验位应为 ${expected}，实为 ${code[17]!}`)
  return { valid: true, normalized: code }
}
