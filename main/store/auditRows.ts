/**
 * Reading the audit chain in seq order, for copying it elsewhere (the hall
 * keeps each station's chain, checkable by its links): rows are never
 * changed once written, so a range read at any time is what was hashed.
 */
import type { AuditRow } from './auditChain'
import type { Db } from './sqlite'

interface RawRow {
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

/** Rows with seq > `afterSeq` and ≤ `throughSeq`, at most `limit`, in chain order. */
export function auditRowsBetween(db: Db, afterSeq: number, throughSeq: number, limit: number): AuditRow[] {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').all(afterSeq, throughSeq, limit) as RawRow[]
  return rows.map((r) => ({ seq: r.seq, at: r.at, operator: r.operator, stationId: r.station_id, action: r.action, caseNo: r.case_no, details: r.details, prevHash: r.prev_hash, hash: r.hash }))
}

/** The newest row's seq (0 for an empty chain). */
export function auditHeadSeq(db: Db): number {
  return db.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get() as number
}
