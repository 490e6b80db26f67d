import type { Migration } from '../migrator'

/**
 * Cases and what hangs off them. Dates (`*_date`, `deadline`, `warn_date`) are
 * plain `YYYY-MM-DD` days of the hall's calendar; `*_at` are local ISO
 * timestamps with their offset (`2026-11-26T10:06:44.123+08:00`), so each one
 * starts with its hall date and sorts in time order.
 * `warn_date` (the day the light turns yellow) is stored so the queue can
 * filter by light with an index instead of a calendar per row; `clock`
 * (running | paused | stopped) follows from the state and is kept for reading.
 * The (state, key, id) indexes let the queue merge one ordered range per
 * state instead of sorting every match.
 */
export const migration: Migration = {
  version: 2,
  name: 'cases',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_no TEXT NOT NULL UNIQUE,
        item_code TEXT NOT NULL,
        item_name TEXT NOT NULL,
        department TEXT NOT NULL,
        state TEXT NOT NULL,
        clock TEXT NOT NULL CHECK (clock IN ('running', 'paused', 'stopped')),
        station_id TEXT NOT NULL,
        operator TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        accepted_date TEXT NOT NULL,
        promised_days INTEGER NOT NULL CHECK (promised_days >= 0),
        paused_days INTEGER NOT NULL DEFAULT 0 CHECK (paused_days >= 0),
        paused_since TEXT,
        deadline TEXT NOT NULL,
        warn_date TEXT NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('window', 'express')),
        fee_cents INTEGER CHECK (fee_cents IS NULL OR fee_cents >= 0),
        fee_name TEXT,
        fee_receipt_no TEXT,
        note TEXT,
        -- The draft it was accepted from: a second Accept of the same draft finds this case instead of making another.
        draft_id TEXT,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX cases_by_draft ON cases (draft_id) WHERE draft_id IS NOT NULL;
      -- Every queue order is served per state (the repository merges the states' ranges), so no
      -- state-less (accepted_at) or (deadline) index: each index is one more page every intake fsyncs.
      CREATE INDEX cases_by_state ON cases (state, accepted_at, id);
      CREATE INDEX cases_by_state_deadline ON cases (state, deadline, id);
      CREATE INDEX cases_by_item ON cases (item_code, accepted_at, id);

      -- One row per case: the applicant as presented at intake (a snapshot, not a person register).
      CREATE TABLE case_applicants (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id),
        kind TEXT NOT NULL CHECK (kind IN ('person', 'enterprise')),
        name TEXT NOT NULL,
        -- A copy of the case's (never changing) accepted_at: the name index then orders a name search by itself.
        accepted_at TEXT NOT NULL,
        phone TEXT NOT NULL,
        address TEXT,
        id_kind TEXT,
        id_hash BLOB,
        id_cipher BLOB,
        id_masked TEXT,
        uscc TEXT,
        handler_name TEXT,
        handler_id_hash BLOB,
        handler_id_cipher BLOB,
        handler_id_masked TEXT
      );
      CREATE INDEX case_applicants_by_name ON case_applicants (name, accepted_at);
      CREATE INDEX case_applicants_by_phone ON case_applicants (phone);
      CREATE INDEX case_applicants_by_id ON case_applicants (id_hash) WHERE id_hash IS NOT NULL;
      CREATE INDEX case_applicants_by_handler_id ON case_applicants (handler_id_hash) WHERE handler_id_hash IS NOT NULL;
      CREATE INDEX case_applicants_by_uscc ON case_applicants (uscc) WHERE uscc IS NOT NULL;

      -- The one checklist (一张清单收件); status deferred = 容缺受理 with a promise date.
      CREATE TABLE case_materials (
        case_id INTEGER NOT NULL REFERENCES cases (id),
        position INTEGER NOT NULL,
        material_id TEXT NOT NULL,
        name TEXT NOT NULL,
        form TEXT NOT NULL,
        copies INTEGER NOT NULL,
        required INTEGER NOT NULL,
        received_copies INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('received', 'deferred', 'absent')),
        promise_date TEXT,
        supplied_at TEXT,
        PRIMARY KEY (case_id, material_id)
      ) WITHOUT ROWID;

      CREATE TABLE case_deliveries (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id),
        recipient TEXT NOT NULL,
        phone TEXT NOT NULL,
        province TEXT NOT NULL,
        city TEXT NOT NULL,
        district TEXT NOT NULL,
        address TEXT NOT NULL
      );

      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id),
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT,
        details TEXT
      );
      CREATE INDEX case_events_by_case ON case_events (case_id, id);

      -- Case-number counters: allocated inside the accept transaction, so a
      -- number is either committed with its case or never issued.
      CREATE TABLE case_sequences (
        day TEXT NOT NULL,
        station_id TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (day, station_id)
      ) WITHOUT ROWID;
    `)
  },
}
