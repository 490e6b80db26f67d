/**
 * Opening the station's SQLite file: the pragmas every connection needs and
 * the schema migrations. The writer's full integrity check runs after start,
 * in the background (./integrityCheck.ts): it reads every page, seconds at a
 * million cases. Read-only tools still check before they trust the file.
 */
import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../domain/errors'
import { applyMigrations, type Migration, type MigrationReport } from './migrator'
import { migrations as knownMigrations } from './migrations'
import type { Db } from './sqlite'

export const DATABASE_FILE_NAME = 'onewindow.sqlite'

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME)
}

/** Long enough to outwait a backup or a CLI import; short enough that a stuck lock is reported, not hung on. */
export const BUSY_TIMEOUT_MS = 5000

function explainOpenError(file: string, err: unknown): AppError {
  const code = (err as { code?: string }).code
  const detail = err instanceof Error ? err.message : String(err)
  if (code?.startsWith('SQLITE_CORRUPT')) return new AppError('STORE_ERROR', `数据库 ${file} 已损坏（${detail}），请停止使用并从备份恢复`)
  if (code === 'SQLITE_NOTADB') return new AppError('STORE_ERROR', `${file} 不是一窗通数据库（文件已损坏或是其他文件），请从备份恢复`)
  if (code === 'SQLITE_CANTOPEN') return new AppError('STORE_ERROR', `无法打开数据库 ${file}：目录不存在或没有读写权限`)
  if (code === 'SQLITE_BUSY') return new AppError('STORE_ERROR', `数据库 ${file} 被其他进程长时间锁定（${BUSY_TIMEOUT_MS} ms），请稍后重试`)
  return new AppError('STORE_ERROR', `打开数据库 ${file} 失败：${detail}`)
}

/** Every writer connection's pragmas (exported for the bench, which measures them on another driver build). */
export function applyPragmas(db: Db): void {
  // WAL: readers (backup, audit verify, reports) never block the counter's writer.
  db.pragma('journal_mode = WAL')
  // FULL: a counter PC loses power; an accepted case must survive it, so every commit reaches the disk.
  db.pragma('synchronous = FULL')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.pragma('foreign_keys = ON')
  // 32 MB of page cache (default 2 MB): a scan at the counter and the queue's pages revisit the same
  // index pages; with 100,000+ cases they no longer fit the default and every lookup goes to the OS.
  db.pragma('cache_size = -32768')
}

/** `PRAGMA quick_check` (the quick form of integrity_check): O(N) but skips index-content matching. */
export function quickCheck(db: Db): string[] {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>
  // One row may hold several lines under a "*** in database main ***" heading: one problem a line.
  return rows.flatMap((r) => r.quick_check.split('\n')).map((line) => line.trim()).filter((line) => line !== '' && line !== 'ok' && !line.startsWith('***'))
}

function refuseIfDamaged(db: Db, file: string): void {
  let problems: string[]
  try {
    problems = quickCheck(db)
  } catch (err) {
    throw explainOpenError(file, err)
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('；')
    throw new AppError('STORE_ERROR', `数据库 ${file} 完整性检查未通过（${problems.length} 处问题，例如：${shown}），请停止使用并从备份恢复`)
  }
}

/**
 * A new database file is made 0600 before SQLite opens it (an empty file is a
 * new database to SQLite): its -wal and -shm then get the same mode, whatever
 * the process umask — they hold the same personal data.
 */
export function createPrivately(file: string): void {
  // SQLite's names for a database with no file of its own.
  if (file === '' || file === ':memory:' || file.startsWith('file:')) return
  try {
    closeSync(openSync(file, 'wx', 0o600))
  } catch {
    // There already (EEXIST), or a missing folder or no right to write: SQLite's open says which, in our words.
  }
}

export interface OpenedDatabase {
  db: Db
  migrations: MigrationReport
}

/**
 * The station's one writer connection: pragmas, migrations. A damaged header
 * or schema fails here (SQLite reads both); damage deeper in is found by the
 * background check. Any failure closes the handle before throwing, so nothing
 * keeps the file locked.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = knownMigrations): OpenedDatabase {
  let db: Db
  try {
    createPrivately(file)
    db = new Database(file)
  } catch (err) {
    throw explainOpenError(file, err)
  }
  try {
    applyPragmas(db)
    const report = applyMigrations(db, migrations)
    return { db, migrations: report }
  } catch (err) {
    db.close()
    if (err instanceof AppError) throw err
    throw explainOpenError(file, err)
  }
}

/**
 * A read-only connection for tools that run beside the app (backup, audit
 * verify, the report worker): no migrations, never a write, so it cannot
 * disturb the counter. `quickCheck: false` skips the integrity pass (the
 * report worker opens beside a running writer, which does its own; on a
 * million cases the pass takes seconds).
 */
export function openDatabaseReadOnly(file: string, options: { quickCheck?: boolean } = {}): Db {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `找不到数据库 ${file}：请用 --data 指定工作站的数据目录`)
  let db: Db
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch (err) {
    throw explainOpenError(file, err)
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    if (options.quickCheck !== false) refuseIfDamaged(db, file)
    return db
  } catch (err) {
    db.close()
    throw err instanceof AppError ? err : explainOpenError(file, err)
  }
}
