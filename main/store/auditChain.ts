/**
 * The tamper-evident audit chain (supervision): every write of a case,
 * payment, print or shipment appends one row whose SHA-256 hash covers the
 * previous row's hash and this row's canonical content. Editing, deleting or
 * inserting a row breaks the chain at that row, and `audit verify` names it.
 *
 * What a bare hash chain cannot show is a cut-off tail (the newest rows
 * deleted): compare against a head printed earlier (`--anchor SEQ:HASH`).
 *
 * A row's `at` is hashed as the text it was written with, so it is never
 * rewritten: rows from before migration 10 keep their local offset form
 * (`…+08:00`), later rows are UTC (`…Z`); both name one instant. Store meta
 * `audit_utc_from_seq` records the first UTC row of a migrated station.
 */
import { createHash } from 'node:crypto'
import { AppError } from '../domain/errors'
import { isUtcTimestamp, utcTimestamp } from '../domain/timestamps'
import type { Db, Statement } from './sqlite'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  /** A UTC timestamp (`utcTimestamp`); defaults to now. */
  at?: string
  operator: string
  stationId: string
  /** Dotted verb, e.g. `case.accept`, `case.transition`, `print.receipt`, `shipment.create`. */
  action: string
  caseNo?: string | null
  /** Plain JSON. Never a full ID number: pass it masked (maskIdNumber). */
  details?: Record<string, unknown>
}

export interface AuditRow {
  seq: number
  at: string
  operator: string
  stationId: string
  action: string
  caseNo: string | null
  /** Canonical JSON text, exactly as hashed. */
  details: string
  prevHash: string
  hash: string
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`审计内容含有非有限数值 ${value}`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  throw new TypeError(`审计内容不能包含 ${typeof value} 类型的值`)
}

/** The hash of one row: previous hash + its content, as a JSON array so no field can bleed into the next. */
export function auditRowHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const content = JSON.stringify([row.seq, row.at, row.operator, row.stationId, row.action, row.caseNo, row.details])
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex')
}

interface RawAuditRow {
  seq: number
  at: string
  operator: string
  station_id: string
  action: string
  case_no: string | null
  details: string
  prev_hash: string
  hash: string
}

function toAuditRow(r: RawAuditRow): AuditRow {
  return { seq: r.seq, at: r.at, operator: r.operator, stationId: r.station_id, action: r.action, caseNo: r.case_no, details: r.details, prevHash: r.prev_hash, hash: r.hash }
}

interface AuditStatements {
  head: Statement
  insert: Statement
}

// Prepared once per connection: appendAudit runs in every write transaction.
const statements = new WeakMap<Db, AuditStatements>()

function statementsFor(db: Db): AuditStatements {
  let s = statements.get(db)
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        'INSERT INTO audit_log (seq, at, operator, station_id, action, case_no, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    }
    statements.set(db, s)
  }
  return s
}

/**
 * Appends one row. Must run inside the transaction of the change it records,
 * so the change and its audit row commit or vanish together.
 */
export function appendAudit(db: Db, entry: AuditEntry): AuditRow {
  if (!db.inTransaction) {
    throw new AppError('STORE_ERROR', `审计记录 ${entry.action} 必须与它记录的改动写在同一个事务里`)
  }
  // A row can never be corrected once chained, so its time is checked here, not left to a later migration.
  if (entry.at !== undefined && !isUtcTimestamp(entry.at)) {
    throw new AppError('STORE_ERROR', `审计记录 ${entry.action} 的时间 ${entry.at} 不是 UTC 时间戳（应为 YYYY-MM-DDTHH:mm:ss.sssZ）`)
  }
  const s = statementsFor(db)
  const head = s.head.get() as { seq: number; hash: string } | undefined
  const row = {
    seq: (head?.seq ?? 0) + 1,
    at: entry.at ?? utcTimestamp(new Date()),
    operator: entry.operator,
    stationId: entry.stationId,
    action: entry.action,
    caseNo: entry.caseNo ?? null,
    details: canonicalJson(entry.details ?? {}),
  }
  const prevHash = head?.hash ?? GENESIS_HASH
  const hash = auditRowHash(prevHash, row)
  s.insert.run(row.seq, row.at, row.operator, row.stationId, row.action, row.caseNo, row.details, prevHash, hash)
  return { ...row, prevHash, hash }
}

/**
 * One case's audit rows by its number, in chain order. A scan, on purpose:
 * every write appends to this table, so it carries no case_no index (see
 * migration 001), and reading one case's supervision trail is rare.
 */
export function auditRowsOf(db: Db, caseNo: string): AuditRow[] {
  return (db.prepare('SELECT * FROM audit_log WHERE case_no = ? ORDER BY seq').all(caseNo) as RawAuditRow[]).map(toAuditRow)
}

export type AuditVerdict =
  | { ok: true; rows: number; headSeq: number; headHash: string }
  | { ok: false; rows: number; brokenSeq: number; reason: string }

/**
 * Walks the whole chain in order. `rows` counts the rows that checked out
 * before the first break. An anchor (a head printed earlier) also catches a
 * cut-off tail.
 */
export function verifyAuditChain(db: Db, options: { anchor?: { seq: number; hash: string } } = {}): AuditVerdict {
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let rows = 0
  let anchorSeen = false
  const broken = (brokenSeq: number, reason: string): AuditVerdict => ({ ok: false, rows, brokenSeq, reason })
  for (const raw of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<RawAuditRow>) {
    const row = toAuditRow(raw)
    if (row.seq < expectedSeq) return broken(row.seq, `第 ${row.seq} 条：序号不应出现在第 ${expectedSeq} 条之前（记录被插入）`)
    if (row.seq > expectedSeq) {
      const missing = row.seq - 1 === expectedSeq ? `第 ${expectedSeq} 条` : `第 ${expectedSeq}–${row.seq - 1} 条`
      return broken(expectedSeq, `${missing}缺失（记录被删除）`)
    }
    if (row.prevHash !== prevHash) return broken(row.seq, `第 ${row.seq} 条：记录的前一条哈希与第 ${row.seq - 1} 条不符（其前的记录被修改、删除或插入）`)
    if (auditRowHash(prevHash, row) !== row.hash) return broken(row.seq, `第 ${row.seq} 条：内容与哈希不符（记录被修改）`)
    if (options.anchor && row.seq === options.anchor.seq) {
      if (row.hash !== options.anchor.hash) return broken(row.seq, `第 ${row.seq} 条：哈希与锚点 ${options.anchor.hash.slice(0, 12)}… 不符（链被整体重写）`)
      anchorSeen = true
    }
    prevHash = row.hash
    expectedSeq++
    rows++
  }
  if (options.anchor && !anchorSeen) {
    return broken(rows + 1, `链只有 ${rows} 条，短于锚点第 ${options.anchor.seq} 条（末尾记录被删除）`)
  }
  return { ok: true, rows, headSeq: rows, headHash: prevHash }
}
