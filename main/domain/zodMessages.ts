/**
 * Chinese wording for schema failures in data files a hall administrator
 * edits by hand (catalogs, holiday calendars): they read the message, not
 * our code, so it must say what the field should have been.
 */
import type { z } from 'zod'

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '数组',
  object: '对象',
  null: 'null',
}

/** Per-parse error map: `schema.safeParse(data, { error: zhIssueMessage })`. */
export function zhIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '缺少此项'
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`
    }
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${String(issue.minimum)} 个字符`
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? '至少需要一项' : `至少需要 ${String(issue.minimum)} 项`
      return issue.inclusive ? `应不小于 ${String(issue.minimum)}` : `应大于 ${String(issue.minimum)}`
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${String(issue.maximum)} 个字符`
      if (issue.origin === 'array') return `最多 ${String(issue.maximum)} 项`
      return issue.inclusive ? `应不大于 ${String(issue.maximum)}` : `应小于 ${String(issue.maximum)}`
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`
    case 'unrecognized_keys':
      return `未知的字段 ${issue.keys.join('、')}`
    case 'invalid_format':
      return '格式不正确'
    default:
      return undefined
  }
}

/** `['items', 3, 'materials', 2, 'copies']` → `items[3].materials[2].copies`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}
