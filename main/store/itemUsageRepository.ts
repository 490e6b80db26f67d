/**
 * How many cases this station accepted per item, read a slice at a time: the
 * caller keeps the running tally and asks only for rows added since the last
 * case id it saw — a rowid range, so a read costs the new rows, not the table.
 */
import type { Db, Statement } from './sqlite'

export interface ItemCountsSince {
  /** Accepted cases of `stationId` per item code, among ids in (afterId, lastId]. */
  counts: Array<{ itemCode: string; count: number }>
  /** The highest case id now in the table (whatever its station): the next call's afterId. */
  lastId: number
}

export class ItemUsageRepository {
  private readonly lastIdStmt: Statement
  private readonly countsStmt: Statement

  constructor(db: Db) {
    this.lastIdStmt = db.prepare('SELECT COALESCE(MAX(id), 0) FROM cases').pluck()
    this.countsStmt = db.prepare(`
      SELECT item_code AS itemCode, COUNT(*) AS count FROM cases
      WHERE id > ? AND id <= ? AND station_id = ?
      GROUP BY item_code`)
  }

  countsSince(stationId: string, afterId: number): ItemCountsSince {
    // The upper bound is read first: a row committed between the two reads waits for the next call, it is never counted twice.
    const lastId = this.lastIdStmt.get() as number
    if (lastId <= afterId) return { counts: [], lastId }
    const counts = this.countsStmt.all(afterId, lastId, stationId) as Array<{ itemCode: string; count: number }>
    return { counts, lastId }
  }
}
