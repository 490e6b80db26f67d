import type { Migration } from '../migrator'

/**
 * The certificate (证照) recorded when a case is approved (准予): its type,
 * number and the day it was issued. The output window (统一窗口出件) checks
 * the collector's certificate against this number.
 *
 * - One row per case (a case is approved once; 准予 cannot be undone), written
 *   in the approval's transaction beside its timeline and audit rows.
 * - A table of its own rather than columns on `cases`: the queue's hot row
 *   stays as it is, and a number can be looked up by its own index.
 * - `case_no` beside `case_id`: the case's name on every station.
 */
export const migration: Migration = {
  version: 14,
  name: 'certificates',
  up(db) {
    db.exec(`
      CREATE TABLE case_certificates (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id),
        case_no TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 30),
        number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
        issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        recorded_at TEXT NOT NULL,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL
      );
      CREATE INDEX case_certificates_by_number ON case_certificates (number);
    `)
  },
}
