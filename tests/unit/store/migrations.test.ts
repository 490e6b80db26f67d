import Database from 'better-sqlite3'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../main/store/database'
import type { Migration } from '../../../main/store/migrator'
import { migrations } from '../../../main/store/migrations'
import { tempDataDir } from '../../fixtures/caseWorld'

const dirs: string[] = []
function freshFile(): string {
  const dir = tempDataDir('onewindow-migrations-')
  dirs.push(dir)
  return join(dir, 'test.sqlite')
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const tableNames = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]

describe('opening the station database', () => {
  it('applies every migration once and records each with its name', () => {
    const file = freshFile()
    const first = openDatabase(file)
    expect(first.migrations.applied.map((m) => m.version)).toEqual(migrations.map((m) => m.version))
    const recorded = first.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })))
    first.db.close()

    const second = openDatabase(file)
    expect(second.migrations.applied).toEqual([])
    expect(second.migrations.schemaVersion).toBe(Math.max(...migrations.map((m) => m.version)))
    second.db.close()
  })

  it('sets WAL, synchronous FULL, a busy timeout and foreign keys on the writer connection', () => {
    const { db } = openDatabase(freshFile())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(1000)
    db.close()
  })

  it('refuses a database written by a newer version, naming both versions, and leaves it untouched', () => {
    const file = freshFile()
    const { db } = openDatabase(file)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(99, 'from_the_future', new Date().toISOString())
    db.close()

    const known = Math.max(...migrations.map((m) => m.version))
    expect(() => openDatabase(file)).toThrow(new RegExp(`版本为 99.*版本 ${known}`))
    const raw = new Database(file)
    expect(raw.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(99)
    raw.close()
  })

  it('rolls every migration of a start back when one of them fails', () => {
    const file = freshFile()
    const broken: Migration[] = [
      { version: 1, name: 'first', up: (db) => db.exec('CREATE TABLE first_table (x INTEGER)') },
      {
        version: 2,
        name: 'second',
        up: () => {
          throw new Error('disk full while migrating')
        },
      },
    ]
    expect(() => openDatabase(file, broken)).toThrow(/disk full while migrating/)
    const raw = new Database(file)
    expect(tableNames(raw)).not.toContain('first_table')
    expect(raw.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'").pluck().get()).toBe(0)
    raw.close()
  })

  it('refuses a file that is not a database with a message saying so', () => {
    const file = freshFile()
    writeFileSync(file, 'this is a spreadsheet, not SQLite'.repeat(200))
    expect(() => openDatabase(file)).toThrow(/不是一窗通数据库/)
  })

  it('numbers the migrations 1, 2, 3, … with no gap and no repeat', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    // Every migration file is in the list: a file left out would be a gap in the numbers databases see.
    const files = readdirSync(join(process.cwd(), 'main/store/migrations')).filter((f) => /^\d{3}_.*\.ts$/.test(f))
    expect(files.map((f) => Number(f.slice(0, 3))).sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version))
  })

  it('renumbers a database that ran print jobs and attachments as 20 and 30, and runs neither again', () => {
    const file = freshFile()
    const older = migrations.filter((m) => m.version <= 8).map((m) => ({ ...m, version: m.version === 7 ? 20 : m.version === 8 ? 30 : m.version, formerVersions: [] }))
    // The order that build used: 1–6, then 20, then 30.
    const raw = new Database(file)
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    for (const m of older.sort((a, b) => a.version - b.version)) {
      m.up(raw)
      raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-11-30T00:00:00.000Z')
    }
    raw.close()

    const reopened = openDatabase(file)
    expect(reopened.migrations.applied.map((m) => m.version)).toEqual(migrations.filter((m) => m.version > 8).map((m) => m.version))
    expect(reopened.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version))
    reopened.db.close()
  })

  it('leaves the migration that now carries a former number (20) where it is when the database is opened again', () => {
    const file = freshFile()
    openDatabase(file).db.close()
    const reopened = openDatabase(file)
    expect(reopened.migrations.applied).toEqual([])
    expect(reopened.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version))
    reopened.db.close()
  })
})
