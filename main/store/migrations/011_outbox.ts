import type { Migration } from '../migrator'

/**
 * The outbox (main/outbox): one row per external effect — a carrier create or
 * cancel, later the upstream and hall pushes — written in the same
 * transaction as the change that needs it, so a crash between "saved" and
 * "sent" loses and doubles nothing.
 *
 * - `idempotency_key` names the effect: enqueuing it again finds this row.
 * - `state`: waiting → leased → done, back to waiting with a backoff, parked
 *   for a person (a permanent failure, too many attempts), cancelled by a
 *   person. A lease ends at `lease_until`; a row still leased after that was
 *   cut off (the worker died) and is taken again, marked `uncertain`.
 * - `next_attempt_at` is when the row may run next. A Retry-After is stored
 *   here, so it holds across a restart. While leased it equals `lease_until`,
 *   so "due" is one comparison for both a waiting row and an abandoned lease.
 * - `lease_seq` counts leases: a worker settles only the lease it holds, so a
 *   worker whose lease ran out cannot overwrite the one that took the row over.
 * - Rows with the same `order_key` in a lane run one at a time in id order;
 *   a parked row holds back those after it until a person retries or cancels it.
 * - `payload` and `result` are JSON, with no full ID number (callers mask).
 */
export const migration: Migration = {
  version: 11,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        lane TEXT NOT NULL,
        kind TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        case_no TEXT,
        order_key TEXT,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL CHECK (state IN ('waiting', 'leased', 'done', 'parked', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        lease_until TEXT,
        lease_seq INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_class TEXT,
        -- 1 when an attempt may have had its effect (a timeout after sending, a lease cut off): check before doing it again.
        uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT,
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        CHECK ((state = 'leased') = (lease_until IS NOT NULL))
      );
      -- The worker's question: a lane's rows that are due, soonest first.
      CREATE INDEX outbox_due ON outbox (lane, next_attempt_at, id) WHERE state IN ('waiting', 'leased');
      -- Is an earlier row of the same order still open? (Only the head of an order may run.)
      CREATE INDEX outbox_order ON outbox (lane, order_key, id) WHERE order_key IS NOT NULL AND state IN ('waiting', 'leased', 'parked');
      -- The status bar: backlog, oldest waiting, parked, without reading done rows.
      CREATE INDEX outbox_open ON outbox (state, lane, created_at) WHERE state IN ('waiting', 'leased', 'parked');
      CREATE INDEX outbox_by_case ON outbox (case_no, id) WHERE case_no IS NOT NULL;
    `)
  },
}
