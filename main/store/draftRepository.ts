/**
 * Intake drafts. The form is sealed with the ID cipher before it reaches the
 * file: a half-typed form holds an ID number just as an accepted case does.
 */
import type { IdCipher } from './idCipher'
import type { Db, Statement } from './sqlite'

export interface DraftRecord {
  id: string
  stationId: string
  operator: string
  /** The form as JSON text (the service owns its shape). */
  data: string
  createdAt: string
  updatedAt: string
}

interface DraftRow {
  id: string
  station_id: string
  operator: string
  data: Buffer
  created_at: string
  updated_at: string
}

export class DraftRepository {
  private readonly upsertStmt: Statement
  private readonly byIdStmt: Statement
  private readonly currentStmt: Statement
  private readonly deleteStmt: Statement

  constructor(
    db: Db,
    private readonly cipher: IdCipher,
  ) {
    this.upsertStmt = db.prepare(`
      INSERT INTO drafts (id, station_id, operator, data, created_at, updated_at) VALUES (@id, @stationId, @operator, @data, @at, @at)
      ON CONFLICT (id) DO UPDATE SET data = excluded.data, operator = excluded.operator, updated_at = excluded.updated_at`)
    this.byIdStmt = db.prepare('SELECT * FROM drafts WHERE id = ?')
    this.currentStmt = db.prepare('SELECT * FROM drafts WHERE station_id = ? AND operator = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1')
    this.deleteStmt = db.prepare('DELETE FROM drafts WHERE id = ?')
  }

  save(draft: { id: string; stationId: string; operator: string; data: string; at: string }): void {
    this.upsertStmt.run({ ...draft, data: this.cipher.seal('draft', draft.data) })
  }

  get(id: string): DraftRecord | undefined {
    const row = this.byIdStmt.get(id) as DraftRow | undefined
    return row ? this.toRecord(row) : undefined
  }

  /** The operator's most recently saved draft at this station. */
  current(stationId: string, operator: string): DraftRecord | undefined {
    const row = this.currentStmt.get(stationId, operator) as DraftRow | undefined
    return row ? this.toRecord(row) : undefined
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes === 1
  }

  private toRecord(row: DraftRow): DraftRecord {
    return {
      id: row.id,
      stationId: row.station_id,
      operator: row.operator,
      data: this.cipher.open('draft', row.data),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }
}
