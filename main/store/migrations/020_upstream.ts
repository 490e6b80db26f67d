import type { Migration } from '../migrator'

/**
 * The government service platform (docs/upstream.md): what the notice feed
 * brought and how far each 办件's notices are applied. The feed's cursor
 * lives in store_meta (`upstream_notice_cursor`), written in the same
 * transaction as the notices it read; pushed events are outbox rows.
 *
 * - `upstream_cases`: one row per 办件 the platform has sent notices for.
 *   `platform_case_no` is the platform's 办件编号 (an online case's, or our
 *   own number for a case accepted here); `case_no` the local case;
 *   `is_online` 1 when the case was created here from a notice (不见面审批):
 *   its later steps are pushed under the platform's number.
 *   `last_notice_seq`: the highest notice applied, in the 办件's own order.
 * - `upstream_notices`: every notice received, once (by id, and by 办件 and
 *   seq: the feed may repeat one under another id). `waiting` until its
 *   predecessor is applied, then `applied`, or `parked` with the reason a
 *   person must act on. `body` is the notice's JSON with the ID numbers
 *   sealed under the station's key, never in clear.
 */
export const migration: Migration = {
  version: 20,
  name: 'upstream',
  up(db) {
    db.exec(`
      CREATE TABLE upstream_cases (
        platform_case_no TEXT PRIMARY KEY,
        case_no TEXT NOT NULL UNIQUE,
        is_online INTEGER NOT NULL CHECK (is_online IN (0, 1)),
        last_notice_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_notice_seq >= 0),
        created_at TEXT NOT NULL
      );
      CREATE TABLE upstream_notices (
        notice_id TEXT PRIMARY KEY,
        platform_case_no TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'applied', 'parked')),
        body TEXT NOT NULL CHECK (json_valid(body)),
        reason TEXT,
        received_at TEXT NOT NULL,
        settled_at TEXT,
        UNIQUE (platform_case_no, seq)
      );
      CREATE INDEX upstream_notices_open ON upstream_notices (state, platform_case_no, seq) WHERE state <> 'applied';
    `)
  },
}
