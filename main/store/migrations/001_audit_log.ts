import type { Migration } from '../migrator'

/**
 * The tamper-evident audit chain (see auditChain.ts). `seq` is assigned by the
 * writer (last + 1), never by SQLite, so a deleted row leaves a visible gap.
 * No index on case_no: every write appends here, and reading one case's rows
 * is a rare supervision task (a scan), not worth a page in every commit.
 */
export const migration: Migration = {
  version: 1,
  name: 'audit_log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL,
        action TEXT NOT NULL,
        case_no TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );

      -- Guards against our own bugs, not against an attacker (who can drop them):
      -- the chain itself is what detects tampering.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `)
  },
}
