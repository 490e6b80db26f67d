/**
 * Online backup while the counter keeps working: SQLite's backup API copies
 * pages from a read-only connection; WAL lets the app's writer go on during
 * the copy, and the copy is a consistent snapshot of one moment.
 *
 * The backup is ONE file: the database, and in a table of its own
 * (`backup_files`) the files of the data directory a station cannot do
 * without — the photos (still sealed with the station's photo key, never
 * opened here), the station config and the sealed secrets. One file is what
 * an operator copies to a USB stick or a share and what `restore` takes;
 * SQLite's own check covers the photos too; a folder of thousands of loose
 * files is easy to copy half of. Keys are never in it: `--keys` writes them,
 * sealed with a passphrase, to a separate file (keysFile.ts).
 *
 * Not carried: printed PDFs (prints/, made again from the cases), the station
 * token and the carrier push secret (a restored station makes new ones).
 */
import Database from 'better-sqlite3'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../domain/errors'
import { AttachmentCipher } from './attachmentCipher'
import { listAttachmentFiles } from './attachmentFiles'
import { verifyAuditChain } from './auditChain'
import { createPrivately, openDatabaseReadOnly, quickCheck } from './database'
import { appliedVersions } from './migrator'
import { SECRETS_FILE_NAME } from './stationSecrets'
import type { Db } from './sqlite'

export const BACKUP_FILES_TABLE = 'backup_files'
/** Data-directory files carried beside the photos, when present (the config by its usual name). */
const CARRIED_FILES = ['station.json', SECRETS_FILE_NAME]

export interface BackupReport {
  file: string
  bytes: number
  schemaVersion: number
  auditRows: number
  auditHead: string
  /** The key fingerprint the database was bound to (store meta), to match a keys file against. */
  keyCheck: string | null
  /** Files carried in the backup (photos, config, secrets). */
  files: number
  photos: number
  /** Photos still in plain (the station has not started since photos were encrypted): carried as they are. */
  plainPhotos: number
  /** Photo files rows of the snapshot name but the data directory no longer has (e.g. a draft photo removed meanwhile). */
  missingPhotos: string[]
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/** Every photo file the snapshot's rows name, relative to the data directory. */
function referencedPhotos(db: Db): Set<string> {
  const paths = new Set<string>()
  if (hasTable(db, 'attachments')) {
    for (const r of db.prepare('SELECT DISTINCT sha256, mime FROM attachments').all() as Array<{ sha256: string; mime: string }>) {
      paths.add(`attachments/${r.sha256.slice(0, 2)}/${r.sha256}.${r.mime === 'image/png' ? 'png' : 'jpg'}`)
    }
  }
  for (const table of ['handover_batches', 'case_collections']) {
    if (!hasTable(db, table)) continue
    for (const file of db.prepare(`SELECT signature_file FROM ${table} WHERE signature_file IS NOT NULL`).pluck().all() as string[]) paths.add(file.replaceAll('\\', '/'))
  }
  return paths
}

/** Copies the data directory's files into the backup, after the pages: a photo is written before its row, so every row of the snapshot finds its file. */
function carryFiles(copy: Db, dataDir: string): Pick<BackupReport, 'files' | 'photos' | 'plainPhotos' | 'missingPhotos'> {
  copy.exec(`CREATE TABLE ${BACKUP_FILES_TABLE} (path TEXT PRIMARY KEY, bytes BLOB NOT NULL)`)
  const insert = copy.prepare(`INSERT INTO ${BACKUP_FILES_TABLE} (path, bytes) VALUES (?, ?)`)
  const photos = listAttachmentFiles(dataDir)
  let plainPhotos = 0
  let files = 0
  copy.transaction(() => {
    for (const name of CARRIED_FILES) {
      const file = join(dataDir, name)
      if (!existsSync(file)) continue
      insert.run(name, readFileSync(file))
      files++
    }
    for (const photo of photos) {
      const bytes = readFileSync(photo.path)
      if (!AttachmentCipher.isSealed(bytes)) plainPhotos++
      insert.run(photo.relativePath, bytes)
      files++
    }
  })()
  const carried = new Set(photos.map((p) => p.relativePath))
  const missingPhotos = [...referencedPhotos(copy)].filter((p) => !carried.has(p)).sort()
  return { files, photos: photos.length, plainPhotos, missingPhotos }
}

export async function backupDatabase(sourceFile: string, targetFile: string): Promise<BackupReport> {
  if (existsSync(targetFile)) throw new AppError('CONFLICT', `备份目标 ${targetFile} 已存在：请换一个文件名，不要覆盖以前的备份`)
  if (!existsSync(dirname(targetFile))) throw new AppError('NOT_FOUND', `备份目录 ${dirname(targetFile)} 不存在`)
  const source = openDatabaseReadOnly(sourceFile)
  try {
    // The copy holds everyone's names and phones: 0600 from its first byte, whatever the umask.
    createPrivately(targetFile)
    // All remaining pages in one step: a commit by the app between small steps would restart the copy,
    // and under a steady stream of intakes it might never finish. In WAL one long read blocks no writer.
    await source.backup(targetFile, { progress: () => 0x7fffffff })
  } catch (err) {
    throw new AppError('STORE_ERROR', `备份到 ${targetFile} 失败：${err instanceof Error ? err.message : String(err)}`)
  } finally {
    source.close()
  }
  // A backup nobody checked is a hope: reopen the copy and prove it is whole. Rollback-journal
  // mode makes it one self-contained file (no -wal/-shm beside it) to carry away.
  const copy = new Database(targetFile, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
    const carried = carryFiles(copy, dirname(sourceFile))
    const problems = quickCheck(copy)
    if (problems.length > 0) throw new AppError('STORE_ERROR', `备份 ${targetFile} 完整性检查未通过：${problems.slice(0, 3).join('；')}`)
    const verdict = verifyAuditChain(copy)
    if (!verdict.ok) throw new AppError('STORE_ERROR', `备份 ${targetFile} 的审计链不完整：${verdict.reason}`)
    const keyCheck = hasTable(copy, 'store_meta') ? ((copy.prepare("SELECT value FROM store_meta WHERE key = 'id_key_check'").pluck().get() as string | undefined) ?? null) : null
    return {
      file: targetFile,
      bytes: statSync(targetFile).size,
      schemaVersion: Math.max(0, ...appliedVersions(copy)),
      auditRows: verdict.rows,
      auditHead: verdict.headHash,
      keyCheck,
      ...carried,
    }
  } finally {
    copy.close()
  }
}
