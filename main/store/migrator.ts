/**
 * Numbered schema migrations, applied at start in one transaction and
 * recorded in `schema_migrations`, so a half-upgraded database cannot exist.
 */
import type { Db } from './sqlite'
import { AppError } from '../domain/errors'
import { utcTimestamp } from '../domain/timestamps'

export interface Migration {
  /** 1, 2, 3, … with no gap; the file is named `NNN_name.ts` after it. */
  version: number
  /** Numbers this migration once shipped under; a ledger row with one is renumbered, never run twice. */
  formerVersions?: readonly number[]
  name: string
  up(db: Db): void
}

export interface MigrationReport {
  applied: Array<{ version: number; name: string }>
  schemaVersion: number
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`

/**
 * The migrations sorted by version; throws on a duplicate, which would be a
 * programming error. (The shipped list is also 1…N with no gap: a test checks it.)
 */
export function orderedMigrations(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) {
      throw new Error(`迁移版本号重复：${sorted[i]!.version}（${sorted[i - 1]!.name} 与 ${sorted[i]!.name}）`)
    }
  }
  return sorted
}

/**
 * Ledger rows written under a migration's former number take its current one.
 * By name too: a later migration may carry that number now (020 is upstream,
 * once it was print jobs), and its row must stay where it is.
 */
function renumberFormerVersions(db: Db, known: readonly Migration[]): void {
  const rename = db.prepare('UPDATE schema_migrations SET version = ? WHERE version = ? AND name = ?')
  for (const m of known) for (const former of m.formerVersions ?? []) rename.run(m.version, former, m.name)
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0)
}

/** Versions already applied to this database (empty for a new one). */
export function appliedVersions(db: Db): number[] {
  const hasLedger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
  if (!hasLedger) return []
  return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[]
}

/**
 * Brings the database up to the newest known version. A database written by a
 * newer OneWindow is refused rather than opened: this build would not know its
 * tables and could corrupt them.
 */
export function applyMigrations(db: Db, migrations: readonly Migration[], now: () => Date = () => new Date()): MigrationReport {
  const known = orderedMigrations(migrations)
  const newestKnown = latestVersion(known)
  const run = db.transaction((): MigrationReport => {
    db.exec(CREATE_LEDGER)
    renumberFormerVersions(db, known)
    const done = new Set(appliedVersions(db))
    const newestApplied = Math.max(0, ...done)
    if (newestApplied > newestKnown) {
      throw new AppError(
        'STORE_ERROR',
        `数据库结构版本为 ${newestApplied}，本程序只认识到版本 ${newestKnown}：该数据库由更新版本的一窗通写入，请升级本程序后再打开（不要用旧版本覆盖）`,
      )
    }
    const applied: MigrationReport['applied'] = []
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
    for (const migration of known) {
      if (done.has(migration.version)) continue
      migration.up(db)
      record.run(migration.version, migration.name, utcTimestamp(now()))
      applied.push({ version: migration.version, name: migration.name })
    }
    return { applied, schemaVersion: Math.max(newestApplied, newestKnown) }
  })
  // IMMEDIATE: a second process starting at the same moment waits instead of migrating twice.
  return run.immediate()
}
