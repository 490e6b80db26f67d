import type { Migration } from '../migrator'

/** Facts about the file itself, e.g. which key its ID numbers were encrypted with (checked at every start). */
export const migration: Migration = {
  version: 5,
  name: 'store_meta',
  up(db) {
    db.exec('CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID')
  },
}
