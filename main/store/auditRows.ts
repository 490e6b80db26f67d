/**
 * Reading the audit chain in seq order, for copying it elsewhere (the hall
 * keeps each station's chain, checkable by its links): rows are never
 * changed once written, so a range read at any time is what was hashed.
 */
import { type AuditRow, type RawAuditRow, toAuditRow } from './auditChain'
import type { Db } from './sqlite'

/** Rows with seq > `afterSeq` and ≤ `throughSeq`, at most `limit`, in chain order. */
export function auditRowsBetween(db: Db, afterSeq: number, throughSeq: number, limit: number): AuditRow[] {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').all(afterSeq, throughSeq, limit) as RawAuditRow[]
  return rows.map(toAuditRow)
}

/** The newest row's seq (0 for an empty chain). */
export function auditHeadSeq(db: Db): number {
  return db.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get() as number
}
