/**
 * Reference data a hall imports: its service catalog (the newest import wins)
 * and holiday calendar years (one per year, a re-import replaces it). Stored
 * as the validated JSON text so the exact file stays inspectable.
 */
import { createHash } from 'node:crypto'
import type { Db } from './sqlite'

export interface StoredCatalog {
  id: number
  version: string
  source: string
  sha256: string
  json: string
  importedAt: string
  operator: string
}

export interface StoredCalendarYear {
  year: number
  source: string
  sha256: string
  json: string
  importedAt: string
  operator: string
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

export class ReferenceDataRepository {
  constructor(private readonly db: Db) {}

  latestCatalog(): StoredCatalog | undefined {
    return this.db
      .prepare('SELECT id, version, source, sha256, json, imported_at AS importedAt, operator FROM catalog_snapshots ORDER BY id DESC LIMIT 1')
      .get() as StoredCatalog | undefined
  }

  addCatalog(c: { version: string; source: string; json: string; importedAt: string; operator: string }): StoredCatalog {
    const hash = sha256(c.json)
    const id = Number(
      this.db
        .prepare('INSERT INTO catalog_snapshots (version, source, sha256, json, imported_at, operator) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.version, c.source, hash, c.json, c.importedAt, c.operator).lastInsertRowid,
    )
    return { id, sha256: hash, ...c }
  }

  calendarYears(): StoredCalendarYear[] {
    return this.db
      .prepare('SELECT year, source, sha256, json, imported_at AS importedAt, operator FROM calendar_years ORDER BY year')
      .all() as StoredCalendarYear[]
  }

  putCalendarYear(y: { year: number; source: string; json: string; importedAt: string; operator: string }): StoredCalendarYear {
    const hash = sha256(y.json)
    this.db
      .prepare(
        `INSERT INTO calendar_years (year, source, sha256, json, imported_at, operator) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (year) DO UPDATE SET source = excluded.source, sha256 = excluded.sha256, json = excluded.json,
           imported_at = excluded.imported_at, operator = excluded.operator`,
      )
      .run(y.year, y.source, hash, y.json, y.importedAt, y.operator)
    return { sha256: hash, ...y }
  }
}
