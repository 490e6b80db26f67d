/**
 * store_meta (migration 005) as a small key–value API: the station's own
 * settings that live with its data, not its config (the hall key sealed
 * under the master key, the hall follower's position). The key check and
 * the audit switch keep their own SQL where they are read at open.
 */
import type { Db, Statement } from './sqlite'

export class StoreMeta {
  private readonly getStmt: Statement
  private readonly setStmt: Statement
  private readonly deleteStmt: Statement

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck()
    this.setStmt = db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    this.deleteStmt = db.prepare('DELETE FROM store_meta WHERE key = ?')
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key) as string | undefined
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value)
  }

  delete(key: string): boolean {
    return this.deleteStmt.run(key).changes > 0
  }
}
