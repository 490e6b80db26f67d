import type { Migration } from '../migrator'

/** Imported hall catalogs (newest wins) and holiday calendar years (one per year). */
export const migration: Migration = {
  version: 4,
  name: 'reference_data',
  up(db) {
    db.exec(`
      CREATE TABLE catalog_snapshots (
        id INTEGER PRIMARY KEY,
        version TEXT NOT NULL,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        operator TEXT NOT NULL
      );
      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        operator TEXT NOT NULL
      );
    `)
  },
}
