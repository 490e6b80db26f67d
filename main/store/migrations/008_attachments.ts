import type { Migration } from '../migrator'

/**
 * Material photos from the document camera (高拍仪), one row per photo on a
 * checklist line. The image itself is a file named by its SHA-256 under the
 * data directory (see attachmentFiles.ts); the row holds the hash, so a file
 * swapped on disk is detectable. A photo belongs to an intake draft until
 * acceptance, then to the case — never to both, never to neither.
 * `thumbnail` is a small JPEG the counter made when it took the photo, so
 * lists show pictures without reading the full images.
 */
export const migration: Migration = {
  version: 8,
  // Shipped as 30 while areas had number ranges; a database that ran it as 30 is renumbered at start.
  formerVersions: [30],
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        draft_id TEXT,
        case_id INTEGER REFERENCES cases (id),
        material_id TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        width INTEGER,
        height INTEGER,
        thumbnail BLOB,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK ((draft_id IS NULL) <> (case_id IS NULL))
      );
      CREATE INDEX attachments_by_draft ON attachments (draft_id, material_id, created_at) WHERE draft_id IS NOT NULL;
      CREATE INDEX attachments_by_case ON attachments (case_id, material_id, created_at) WHERE case_id IS NOT NULL;
      CREATE INDEX attachments_by_sha256 ON attachments (sha256);
    `)
  },
}
