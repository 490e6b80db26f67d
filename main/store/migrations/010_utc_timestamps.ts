import { utcOfOffsetTimestamp } from '../../domain/timestamps'
import type { Migration } from '../migrator'
import type { Db } from '../sqlite'

/**
 * Ready to share cases with the hall's PostgreSQL:
 *
 * 1. One timestamp form. Moments written as local wall time with an offset
 *    (`2026-11-26T10:06:44.123+08:00`) become UTC (`2026-11-26T02:06:44.123Z`),
 *    the form every writer uses from now on (domain/timestamps.ts). The day a
 *    case was accepted stays in `accepted_date`; the queue turns a day range
 *    into the instants of the hall's midnights. Text that is not an offset
 *    timestamp is left exactly as it was.
 * 2. Every per-case row names its case by number: `case_events`,
 *    `case_deliveries` and `attachments` gain `case_no` (print jobs and the
 *    audit log have it already) — a local `case_id` means nothing on another
 *    station. No index on the new columns: a lookup by number goes through
 *    `cases.case_no` (unique) to `case_id` and the existing (case_id, …) keys,
 *    so an intake writes the same b-trees as before, only a few bytes wider.
 *
 * The audit log is NOT rewritten. Each row's hash covers its `at` text, and
 * rows are append-only: converting them would mean re-chaining, which makes
 * every head printed earlier (`audit verify --anchor`) fail and is exactly
 * what tampering looks like — a chain rewritten "by a migration" could hide
 * a rewrite by anyone. So old rows keep the text they were hashed with (both
 * forms name one instant and parse the same), and store meta
 * `audit_utc_from_seq` records the first row written in UTC.
 *
 * Tables are rebuilt (not altered) where `case_no` must be NOT NULL or tied
 * to `case_id` by a CHECK; none of them is a parent of another table.
 */
export const migration: Migration = {
  version: 10,
  name: 'utc_timestamps',
  up(db) {
    // One converter for SQL and JSON alike: the domain's, so the migration and the code agree on the form.
    db.function('ow_utc_of_offset', { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? (utcOfOffsetTimestamp(text) ?? text) : text,
    )
    for (const [table, column] of MOMENT_COLUMNS) {
      // GLOB picks the offset form only, so rows already in UTC (and their indexes) are not touched.
      db.exec(`UPDATE ${table} SET ${column} = ow_utc_of_offset(${column}) WHERE ${column} GLOB '*[+-][0-9][0-9]:[0-9][0-9]'`)
    }
    convertSuppliedAt(db)
    rebuildWithCaseNo(db)
    db.prepare("INSERT INTO store_meta (key, value) SELECT 'audit_utc_from_seq', CAST(COALESCE(MAX(seq), 0) + 1 AS TEXT) FROM audit_log").run()
  },
}

/** Every column holding a moment, except those of the tables rebuilt below (converted while copied) and the audit log. */
const MOMENT_COLUMNS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['cases', 'accepted_at'],
  ['cases', 'updated_at'],
  ['drafts', 'created_at'],
  ['drafts', 'updated_at'],
  ['catalog_snapshots', 'imported_at'],
  ['calendar_years', 'imported_at'],
  ['print_jobs', 'created_at'],
  ['print_jobs', 'updated_at'],
  ['print_jobs', 'printed_at'],
  ['print_jobs', 'next_attempt_at'],
  ['print_job_events', 'at'],
]

/** `suppliedAt` (a 容缺 material brought later) lives inside the checklist JSON. */
function convertSuppliedAt(db: Db): void {
  const rows = db.prepare(`SELECT id, materials FROM cases WHERE instr(materials, '"suppliedAt":"') > 0`).all() as Array<{ id: number; materials: string }>
  const write = db.prepare('UPDATE cases SET materials = ? WHERE id = ?')
  for (const row of rows) {
    let changed = false
    const lines = (JSON.parse(row.materials) as Array<Record<string, unknown>>).map((m) => {
      const utc = typeof m.suppliedAt === 'string' ? utcOfOffsetTimestamp(m.suppliedAt) : undefined
      if (utc === undefined) return m
      changed = true
      return { ...m, suppliedAt: utc }
    })
    if (changed) write.run(JSON.stringify(lines), row.id)
  }
}

function rebuildWithCaseNo(db: Db): void {
  const count = (table: string): number => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number
  const before = { case_events: count('case_events'), case_deliveries: count('case_deliveries'), attachments: count('attachments') }
  db.exec(`
    CREATE TABLE case_events_v10 (
      case_id INTEGER NOT NULL REFERENCES cases (id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      -- Copied from the case row when written: a shared event names its case the same way on every station.
      case_no TEXT NOT NULL,
      at TEXT NOT NULL,
      operator TEXT NOT NULL,
      station_id TEXT NOT NULL,
      action TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT NOT NULL,
      note TEXT,
      details TEXT,
      PRIMARY KEY (case_id, seq)
    ) WITHOUT ROWID;
    INSERT INTO case_events_v10 (case_id, seq, case_no, at, operator, station_id, action, from_state, to_state, note, details)
      SELECT e.case_id, e.seq, c.case_no, ow_utc_of_offset(e.at), e.operator, e.station_id, e.action, e.from_state, e.to_state, e.note, e.details
      FROM case_events e JOIN cases c ON c.id = e.case_id;
    DROP TABLE case_events;
    ALTER TABLE case_events_v10 RENAME TO case_events;

    CREATE TABLE case_deliveries_v10 (
      case_id INTEGER PRIMARY KEY REFERENCES cases (id),
      case_no TEXT NOT NULL,
      recipient TEXT NOT NULL,
      phone TEXT NOT NULL,
      province TEXT NOT NULL,
      city TEXT NOT NULL,
      district TEXT NOT NULL,
      address TEXT NOT NULL
    );
    INSERT INTO case_deliveries_v10 (case_id, case_no, recipient, phone, province, city, district, address)
      SELECT d.case_id, c.case_no, d.recipient, d.phone, d.province, d.city, d.district, d.address
      FROM case_deliveries d JOIN cases c ON c.id = d.case_id;
    DROP TABLE case_deliveries;
    ALTER TABLE case_deliveries_v10 RENAME TO case_deliveries;

    CREATE TABLE attachments_v10 (
      id TEXT PRIMARY KEY,
      draft_id TEXT,
      case_id INTEGER REFERENCES cases (id),
      -- Set with case_id when the photo becomes the case's (at acceptance); a draft's photo has neither.
      case_no TEXT,
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
      CHECK ((draft_id IS NULL) <> (case_id IS NULL)),
      CHECK ((case_id IS NULL) = (case_no IS NULL))
    );
    INSERT INTO attachments_v10 (id, draft_id, case_id, case_no, material_id, sha256, mime, size_bytes, width, height, thumbnail, operator, station_id, created_at)
      SELECT a.id, a.draft_id, a.case_id, c.case_no, a.material_id, a.sha256, a.mime, a.size_bytes, a.width, a.height, a.thumbnail, a.operator, a.station_id,
        ow_utc_of_offset(a.created_at)
      FROM attachments a LEFT JOIN cases c ON c.id = a.case_id;
    DROP TABLE attachments;
    ALTER TABLE attachments_v10 RENAME TO attachments;
    CREATE INDEX attachments_by_draft ON attachments (draft_id, material_id, created_at) WHERE draft_id IS NOT NULL;
    CREATE INDEX attachments_by_case ON attachments (case_id, material_id, created_at) WHERE case_id IS NOT NULL;
    CREATE INDEX attachments_by_sha256 ON attachments (sha256);
  `)
  // Foreign keys make an orphan row impossible, but a join drops one silently: count, and refuse rather than lose it.
  for (const [table, rows] of Object.entries(before)) {
    const after = count(table)
    if (after !== rows) throw new Error(`迁移 10：${table} 迁移前 ${rows} 行、迁移后 ${after} 行（有行找不到所属办件），已全部回滚，请联系运维检查数据库`)
  }
}
