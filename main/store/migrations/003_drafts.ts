import type { Migration } from '../migrator'

/**
 * Intake drafts: the form as typed, so nothing is lost to a restart. `data` is
 * sealed (AES-GCM) because a draft holds the applicant's ID number.
 */
export const migration: Migration = {
  version: 3,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        operator TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX drafts_by_owner ON drafts (station_id, operator, updated_at);
    `)
  },
}
