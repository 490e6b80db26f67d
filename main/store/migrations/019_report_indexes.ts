import type { Migration } from '../migrator'

/**
 * Indexes for 统计 (the supervisor's reports), so a period's figures are
 * ranges rather than scans of the big tables:
 *
 * - `case_events_supplements`: 补正 requests by time. Partial — only
 *   `requestSupplement` rows enter it — so every other step of every case
 *   writes no extra b-tree page.
 * - `shipments_by_created`: shipments by the moment they were made (the
 *   courier desk writes a few dozen a day; the index costs it nothing to
 *   speak of).
 *
 * The cases themselves need none: a period's cases are the queue's own
 * (state, accepted_at) ranges.
 */
export const migration: Migration = {
  version: 19,
  name: 'report_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX case_events_supplements ON case_events (at) WHERE action = 'requestSupplement';
      CREATE INDEX shipments_by_created ON shipments (created_at, status);
    `)
  },
}
