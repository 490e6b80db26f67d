import type { Migration } from '../migrator'

/**
 * The print queue: one row per document to print, written in the same
 * transaction as the change that needs it (an accepted case, a closed
 * handover batch), so a receipt is never lost and never invented.
 * `state`: queued → printing → done, or back to queued while the printer is
 * away (paper out, offline), or failed when the document itself is bad.
 * A job found `printing` at start was interrupted mid-send: it is queued
 * again with `is_possible_duplicate` set, and the paper says so.
 * `data` is the builder's input as JSON, ID numbers already masked: the full
 * number lives only in the case tables, encrypted.
 * `print_job_events` is each job's history (what the job list shows).
 */
export const migration: Migration = {
  version: 7,
  // Shipped as 20 while areas had number ranges; a database that ran it as 20 is renumbered at start.
  formerVersions: [20],
  name: 'print_jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        printer TEXT NOT NULL CHECK (printer IN ('receipt', 'label')),
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        case_no TEXT,
        data TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed')),
        -- A reprint points at the first print of the document; reprint_no is its 补打 number.
        reprint_of INTEGER REFERENCES print_jobs (id),
        reprint_no INTEGER CHECK (reprint_no IS NULL OR reprint_no >= 1),
        is_possible_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (is_possible_duplicate IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error_reason TEXT,
        last_error TEXT,
        -- How it completed: on a printer, or as an on-screen preview (no printer configured).
        output TEXT CHECK (output IS NULL OR output IN ('printer', 'preview')),
        -- The caller's key: enqueuing the same effect twice yields one job.
        idempotency_key TEXT UNIQUE,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        printed_at TEXT,
        CHECK ((reprint_of IS NULL) = (reprint_no IS NULL))
      );
      -- The worker's question: the oldest waiting job of a printer.
      CREATE INDEX print_jobs_waiting ON print_jobs (printer, id) WHERE state IN ('queued', 'printing');
      CREATE INDEX print_jobs_by_case ON print_jobs (case_no, id) WHERE case_no IS NOT NULL;
      CREATE INDEX print_jobs_by_created ON print_jobs (created_at, id);
      CREATE UNIQUE INDEX print_jobs_reprint_no ON print_jobs (reprint_of, reprint_no) WHERE reprint_of IS NOT NULL;

      CREATE TABLE print_job_events (
        job_id INTEGER NOT NULL REFERENCES print_jobs (id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        state TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
    `)
  },
}
