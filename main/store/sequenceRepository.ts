/**
 * Case-number counters, one per (day, station). Allocated inside the accept
 * transaction: the counter and the case commit together, so a number is never
 * handed out twice, and one that was never committed was never printed either.
 */
import { AppError } from '../domain/errors'
import type { Db, Statement } from './sqlite'

/** The key for a format whose numbers carry no date: one counter for all time. */
export const ALL_DAYS = '*'

export class SequenceRepository {
  private readonly nextStmt: Statement
  private readonly peekStmt: Statement

  constructor(private readonly db: Db) {
    this.nextStmt = db.prepare(`
      INSERT INTO case_sequences (day, station_id, last_seq) VALUES (?, ?, 1)
      ON CONFLICT (day, station_id) DO UPDATE SET last_seq = last_seq + 1
      RETURNING last_seq`)
    this.peekStmt = db.prepare('SELECT last_seq FROM case_sequences WHERE day = ? AND station_id = ?').pluck()
  }

  /** The next number for this day and station (1, 2, …); only inside the transaction that uses it. */
  next(day: string, stationId: string): number {
    if (!this.db.inTransaction) throw new AppError('STORE_ERROR', '办件流水号只能在受理事务内分配（否则崩溃后可能重号）')
    const row = this.nextStmt.get(day, stationId) as { last_seq: number }
    return row.last_seq
  }

  /** The last number handed out, 0 when none (diagnostics and tests). */
  last(day: string, stationId: string): number {
    return (this.peekStmt.get(day, stationId) as number | undefined) ?? 0
  }
}
