/**
 * The tamper-evident audit chain (supervision): every write of a case,
 * payment, print or shipment, and every view of personal data, appends one
 * row whose hash covers the previous row's hash and this row's canonical
 * content. Editing, deleting or inserting a row breaks the chain at that row,
 * and `audit verify` names it.
 *
 * Keyed: from the switch (store meta `audit_hmac_from_seq`, set by the first
 * open of the store with its key) a row's hash is an HMAC-SHA256 under a key
 * derived from the station's master key (auditKeys.ts), which is not in the
 * database: whoever holds only the file cannot recompute the chain. Rows
 * before the switch (stations that ran an older build) stay plain SHA-256 and
 * keep verifying. The switch's seq is inside every keyed row's MAC and in the
 * signed anchor, so moving it breaks the chain.
 *
 * What no chain can show alone is a cut-off tail (the newest rows deleted) or
 * a whole chain rebuilt without the key past a moved switch: the signed
 * anchor file beside the database (auditAnchor.ts), or a head printed earlier
 * (`--anchor SEQ:HASH`), catches both.
 *
 * A row's `at` is hashed as the text it was written with, so it is never
 * rewritten: rows from before migration 10 keep their local offset form
 * (`…+08:00`), later rows are UTC (`…Z`); both name one instant. Store meta
 * `audit_utc_from_seq` records the first UTC row of a migrated station.
 */
import { createHash, createHmac } from 'node:crypto'
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

function rowContent(row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  return JSON.stringify([row.seq, row.at, row.operator, row.stationId, row.action, row.caseNo, row.details])
}

/** The hash of one row before the switch: previous hash + its content, as a JSON array so no field can bleed into the next. */
export function auditRowHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(rowContent(row)).digest('hex')
}

/**
 * The hash of one row from the switch on: an HMAC under the chain key over
 * the switch's seq, the previous hash and the content. With the switch inside
 * the MAC, recording another switch point invalidates every keyed row.
 */
export function keyedAuditRowHash(key: Buffer, hmacFromSeq: number, prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  return createHmac('sha256', key).update(`onewindow-audit/v1 hmac-from ${hmacFromSeq}\n`).update(prevHash).update('\n').update(rowContent(row)).digest('hex')
}

/** Store meta: the first row whose hash is an HMAC. */
export const AUDIT_HMAC_FROM_SEQ = 'audit_hmac_from_seq'

interface Keying {
  key: Buffer
  hmacFromSeq: number
}

// Bound by openStore to its writer connection: appendAudit and verifyAuditChain find the key here.
const keyings = new WeakMap<Db, Keying>()

/** The switch recorded in this database, or null (a chain never opened with its key: all plain SHA-256). */
export function auditHmacFromSeq(db: Db): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").get()
  if (!hasMeta) return null
  const text = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(AUDIT_HMAC_FROM_SEQ) as string | undefined
  if (text === undefined) return null
  const seq = Number(text)
  if (!Number.isInteger(seq) || seq < 1) throw new AppError('STORE_ERROR', `审计链 HMAC 起点记录无效（${text}）：数据库被改动，请运行 audit verify`)
  return seq
}

/**
 * Binds the chain key to a writer connection. The first time a database is
 * opened with its key, the switch is recorded: the next row and every later
 * one are HMACs (`isNewSwitch`; the caller writes the first anchor then).
 */
export function keyAuditChain(db: Db, key: Buffer): { hmacFromSeq: number; isNewSwitch: boolean } {
  // Read first: every later open (and a CLI import beside the app) needs no write lock.
  const recorded = auditHmacFromSeq(db)
  const switched = recorded !== null ? { hmacFromSeq: recorded, isNewSwitch: false } : recordSwitch(db)
  keyings.set(db, { key, hmacFromSeq: switched.hmacFromSeq })
  return switched
}

/** Under the write lock, so two first opens at once (the app and a CLI import) agree on one switch. */
function recordSwitch(db: Db): { hmacFromSeq: number; isNewSwitch: boolean } {
  return db.transaction(() => {
    const existing = auditHmacFromSeq(db)
    if (existing !== null) return { hmacFromSeq: existing, isNewSwitch: false }
    const next = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log').pluck().get() as number
    db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run(AUDIT_HMAC_FROM_SEQ, String(next))
    return { hmacFromSeq: next, isNewSwitch: true }
  }).immediate()
}

/** The chain key bound to this connection, if any. */
export function boundAuditKey(db: Db): Buffer | undefined {
  return keyings.get(db)?.key
}

/** An audit_log row as SQLite returns it (`SELECT *`). */
export interface RawAuditRow {
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

export function toAuditRow(r: RawAuditRow): AuditRow {
  return { seq: r.seq, at: r.at, operator: r.operator, stationId: r.station_id, action: r.action, caseNo: r.case_no, details: r.details, prevHash: r.prev_hash, hash: r.hash }
}

interface AuditStatements {
  head: Statement
  insert: Statement
  /** For a connection without a key: the switch recorded in its database (read once). */
  unkeyedSwitch?: number | null
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
  const keying = keyings.get(db)
  if (!keying) {
    s.unkeyedSwitch ??= auditHmacFromSeq(db)
    // A plain hash after the switch would pass for a forgery: only the key's holder may write.
    if (s.unkeyedSwitch !== null) throw new AppError('STORE_ERROR', `审计链自第 ${s.unkeyedSwitch} 条起以工作站密钥保护：须经 openStore（带密钥）写入审计记录`)
  }
  const hash = keying && row.seq >= keying.hmacFromSeq ? keyedAuditRowHash(keying.key, keying.hmacFromSeq, prevHash, row) : auditRowHash(prevHash, row)
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
  | {
      ok: true
      rows: number
      headSeq: number
      headHash: string
      /** The first HMAC row (null: the chain was never keyed). */
      hmacFromSeq: number | null
      /** False when no key was at hand: keyed rows were checked for their links only. */
      isKeyChecked: boolean
    }
  | { ok: false; rows: number; brokenSeq: number; reason: string }

export interface VerifyOptions {
  /** A head printed or anchored earlier: the chain must reach it and hold the same hash there. */
  anchor?: { seq: number; hash: string }
  /** The switch the signed anchor file records: the database must record the same one. */
  anchoredHmacFromSeq?: number
  /** The chain key; defaults to the one bound to this connection. Without one, keyed rows are checked for their links only. */
  key?: Buffer
  /** Trust the rows up to this one (checked against `anchor`, which must be given and equal): walk only what came after. */
  fromAnchor?: boolean
}

/**
 * Walks the chain in order (the whole of it, or what follows a trusted
 * anchor). `rows` counts the rows that checked out before the first break;
 * an anchor also catches a cut-off tail and a chain rewritten without the key.
 */
export function verifyAuditChain(db: Db, options: VerifyOptions = {}): AuditVerdict {
  const { anchor } = options
  const key = options.key ?? boundAuditKey(db) ?? null
  const hmacFromSeq = auditHmacFromSeq(db)
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let anchorSeen = false
  const broken = (brokenSeq: number, reason: string): AuditVerdict => ({ ok: false, rows: expectedSeq - 1, brokenSeq, reason })
  if (options.anchoredHmacFromSeq !== undefined && options.anchoredHmacFromSeq !== hmacFromSeq) {
    const recorded = hmacFromSeq === null ? '数据库中没有这一记录' : `数据库记为第 ${hmacFromSeq} 条`
    return broken(Math.min(options.anchoredHmacFromSeq, hmacFromSeq ?? Infinity), `HMAC 起点被改动：锚点记为自第 ${options.anchoredHmacFromSeq} 条起，${recorded}（链被改写为不带密钥的哈希）`)
  }
  if (options.fromAnchor && anchor && anchor.seq > 0) {
    const held = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(anchor.seq) as string | undefined
    const head = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get() as number
    if (held === undefined) return { ok: false, rows: Math.min(head, anchor.seq - 1), brokenSeq: anchor.seq, reason: truncated(head, anchor.seq) }
    if (held !== anchor.hash) return { ok: false, rows: anchor.seq - 1, brokenSeq: anchor.seq, reason: rewritten(anchor) }
    expectedSeq = anchor.seq + 1
    prevHash = anchor.hash
    anchorSeen = true
  }
  // From the top, every row is read: one numbered 0 or below is an insertion too.
  const rows = (anchorSeen ? db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').iterate(expectedSeq - 1) : db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) as IterableIterator<RawAuditRow>
  for (const raw of rows) {
    const row = toAuditRow(raw)
    if (row.seq < expectedSeq) return broken(row.seq, `第 ${row.seq} 条：序号不应出现在第 ${expectedSeq} 条之前（记录被插入）`)
    if (row.seq > expectedSeq) {
      const missing = row.seq - 1 === expectedSeq ? `第 ${expectedSeq} 条` : `第 ${expectedSeq}–${row.seq - 1} 条`
      return broken(expectedSeq, `${missing}缺失（记录被删除）`)
    }
    if (row.prevHash !== prevHash) return broken(row.seq, `第 ${row.seq} 条：记录的前一条哈希与第 ${row.seq - 1} 条不符（其前的记录被修改、删除或插入）`)
    if (hmacFromSeq !== null && row.seq >= hmacFromSeq) {
      if (key && keyedAuditRowHash(key, hmacFromSeq, prevHash, row) !== row.hash) {
        return broken(row.seq, `第 ${row.seq} 条：内容与哈希不符（HMAC 校验失败：记录被修改，或链被不知密钥者重写）`)
      }
    } else if (auditRowHash(prevHash, row) !== row.hash) {
      return broken(row.seq, `第 ${row.seq} 条：内容与哈希不符（记录被修改）`)
    }
    if (anchor && row.seq === anchor.seq) {
      if (row.hash !== anchor.hash) return broken(row.seq, rewritten(anchor))
      anchorSeen = true
    }
    prevHash = row.hash
    expectedSeq++
  }
  const count = expectedSeq - 1
  if (anchor && anchor.seq > 0 && !anchorSeen) return broken(count + 1, truncated(count, anchor.seq))
  return { ok: true, rows: count, headSeq: count, headHash: prevHash, hmacFromSeq, isKeyChecked: key !== null || hmacFromSeq === null }
}

function truncated(rows: number, anchorSeq: number): string {
  return `链只有 ${rows} 条，短于锚点第 ${anchorSeq} 条（末尾记录被删除）`
}

function rewritten(anchor: { seq: number; hash: string }): string {
  return `第 ${anchor.seq} 条：哈希与锚点 ${anchor.hash.slice(0, 12)}… 不符（链被整体重写）`
}
