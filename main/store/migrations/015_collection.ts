import type { Migration } from '../migrator'

/**
 * The output window (统一窗口出件): who may collect besides the applicant, and
 * who did.
 *
 * - `case_agents`: the agent (委托代领人) named on a case — at intake or at the
 *   output window — with the authorisation letter (委托书) photo that names
 *   them. One per case: naming another replaces the row (the audit chain keeps
 *   every naming). The ID number is kept as the cases keep theirs: a keyed hash
 *   to compare and look up by, the ciphertext, and the masked form.
 * - `case_collections`: the handing over itself, one per case (a case is
 *   collected once): the collector's role, name, masked ID and hash, the
 *   certificate number read off the certificate and whether it was checked
 *   against the approval's, and the signature (a PNG file by its SHA-256,
 *   beside the material photos).
 * - Tables of their own, keyed by case, rather than columns on `cases`: the
 *   queue's hot row stays as it is; `case_no` beside `case_id` names the case
 *   on every station.
 */
export const migration: Migration = {
  version: 15,
  name: 'collection',
  up(db) {
    db.exec(`
      CREATE TABLE case_agents (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id),
        case_no TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        id_hash BLOB NOT NULL,
        id_cipher BLOB NOT NULL,
        id_masked TEXT NOT NULL,
        -- The 委托书 photo (attachments.id); NULL: named at intake without one yet.
        letter_attachment_id TEXT REFERENCES attachments (id),
        recorded_at TEXT NOT NULL,
        recorded_where TEXT NOT NULL CHECK (recorded_where IN ('intake', 'output')),
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL
      );
      CREATE INDEX case_agents_by_id_hash ON case_agents (id_hash);

      CREATE TABLE case_collections (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id),
        case_no TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('applicant', 'handler', 'agent')),
        collector_name TEXT NOT NULL,
        collector_id_hash BLOB NOT NULL,
        collector_id_masked TEXT NOT NULL,
        certificate_no TEXT,
        certificate_checked INTEGER NOT NULL CHECK (certificate_checked IN (0, 1)),
        signature_file TEXT,
        signature_sha256 TEXT CHECK (signature_sha256 IS NULL OR length(signature_sha256) = 64),
        collected_at TEXT NOT NULL,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL
      );
    `)
  },
}
