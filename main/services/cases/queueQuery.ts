/**
 * The Cases screen's filters turned into a store query: one search box that
 * understands a case number, an ID number, a credit code, a phone number or a
 * name, and an opaque cursor for keyset paging.
 */
import { AppError } from '../../domain/errors'
import type { CaseState } from '../../domain/caseMachine'
import { caseNumberPattern } from '../../domain/caseNumber'
import { checkIdNumber } from '../../domain/idNumber'
import { checkPhone } from '../../domain/phone'
import type { PlainDate } from '../../domain/plainDate'
import { checkUscc } from '../../domain/uscc'
import type { CaseSummary } from '../../store/caseRecords'
import { CaseQueueRepository, type QueueCursor, type QueueFilter, type QueueLight, type QueueMatch, type QueueSort } from '../../store/caseQueueRepository'

export interface QueueFilters {
  states?: CaseState[]
  itemCode?: string
  /** A catalog department's code: the cases of its items (a review station's queue). */
  department?: string
  /** 代办: only (true) or none of (false) the cases bank branches took. */
  agent?: boolean
  /** 代办: one branch's cases. */
  branchCode?: string
  light?: QueueLight
  acceptedFrom?: PlainDate
  acceptedTo?: PlainDate
  /** Case number (or its first 6+ characters), ID number, USCC, phone, or the start of a name. */
  text?: string
}

export interface QueueRequest {
  filters?: QueueFilters
  sort?: QueueSort
  after?: string | null
  limit?: number
}

export const DEFAULT_PAGE_SIZE = 50

/** What the search text is, most specific reading first. */
export function matchOfText(raw: string, caseNumberFormat: string, today: PlainDate): QueueMatch | undefined {
  const text = raw.trim()
  if (text === '') return undefined
  const compact = text.replace(/\s+/g, '').toUpperCase()
  if (caseNumberPattern(caseNumberFormat).test(compact)) return { by: 'caseNo', caseNo: compact }
  const id = checkIdNumber(compact, { today })
  if (id.valid) return { by: 'idNumber', idNumber: id.normalized }
  const uscc = checkUscc(compact)
  if (uscc.valid) return { by: 'uscc', uscc: uscc.normalized }
  const phone = checkPhone(text)
  if (phone.valid) return { by: 'phone', phone: phone.normalized }
  if (/^[0-9A-Z]{6,}$/.test(compact)) return { by: 'caseNoPrefix', prefix: compact }
  return { by: 'namePrefix', prefix: text }
}

function encodeCursor(sort: QueueSort, c: QueueCursor): string {
  return Buffer.from(JSON.stringify([sort, c.key, c.id])).toString('base64url')
}

function decodeCursor(text: string, sort: QueueSort): QueueCursor {
  const bad = (): AppError => new AppError('BAD_INPUT', '翻页游标无效：请从第一页重新查询', 'after')
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad()
  const [cursorSort, key, id] = parsed as unknown[]
  if (cursorSort !== sort) throw new AppError('BAD_INPUT', '排序方式已改变：请从第一页重新查询', 'after')
  if (typeof key !== 'string' || typeof id !== 'number' || !Number.isInteger(id)) throw bad()
  return { key, id }
}

export function queueQuery(
  req: QueueRequest,
  today: PlainDate,
  caseNumberFormat: string,
  /** A department's item codes (cases are routed by their item's department in the catalog); throws for an unknown department. */
  departmentItems: (department: string) => readonly string[] = () => {
    throw new AppError('BAD_INPUT', '没有事项目录，不能按部门查询', 'filters.department')
  },
): { filter: QueueFilter; sort: QueueSort; after: QueueCursor | undefined; limit: number; cursorAfter(row: CaseSummary): string } {
  const f = req.filters ?? {}
  const sort = req.sort ?? 'newest'
  if (f.acceptedFrom && f.acceptedTo && f.acceptedFrom > f.acceptedTo) {
    throw new AppError('BAD_INPUT', `受理日期范围有误：开始 ${f.acceptedFrom} 晚于结束 ${f.acceptedTo}`, 'filters.acceptedFrom')
  }
  const filter: QueueFilter = { today }
  if (f.states && f.states.length > 0) filter.states = f.states
  if (f.itemCode) filter.itemCode = f.itemCode
  if (f.department) filter.itemCodes = departmentItems(f.department)
  if (f.agent !== undefined) filter.agent = f.agent
  if (f.branchCode) filter.branchCode = f.branchCode
  if (f.light) filter.light = f.light
  if (f.acceptedFrom) filter.acceptedFrom = f.acceptedFrom
  if (f.acceptedTo) filter.acceptedTo = f.acceptedTo
  const match = f.text ? matchOfText(f.text, caseNumberFormat, today) : undefined
  if (match) filter.match = match
  return {
    filter,
    sort,
    after: req.after ? decodeCursor(req.after, sort) : undefined,
    limit: req.limit ?? DEFAULT_PAGE_SIZE,
    cursorAfter: (row) => encodeCursor(sort, CaseQueueRepository.cursorOf(row, sort)),
  }
}
