/**
 * Bringing a station back from a backup (backup.ts) and its keys file
 * (keysFile.ts) into a new data directory. Everything is checked before the
 * directory is handed over: the key is the one the database was bound to,
 * the audit chain verifies under that key (and gets a fresh signed anchor),
 * every ID number and draft decrypts, every photo decrypts to the SHA-256 it
 * is named by. The work happens in a private folder beside the target and is
 * renamed into place only when all of that held, so a failed restore leaves
 * no half station behind to be started by mistake.
 */
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../domain/errors'
import { AttachmentFiles } from './attachmentFiles'
import { sealLegacyAttachments } from './attachmentSealing'
import { AttachmentsRepository } from './attachmentsRepository'
import { BACKUP_FILES_TABLE } from './backup'
import { createPrivately, databaseFile, openDatabaseReadOnly } from './database'
import { syncFolder, writeSyncedTemp } from './durableFiles'
import { FileKeyProvider, KEY_FILE_NAME } from './keyProviders'
import { readKeysFile } from './keysFile'
import type { Db } from './sqlite'
import { openStore, type Store } from './store'

export interface RestoreOptions {
  /** The backup file `backup --to` wrote. */
  from: string
  /** The keys file `backup --keys` wrote, and its passphrase. */
  keysFile: string
  passphrase: string
  /** A directory that does not exist yet, or an empty one. */
  dataDir: string
  /** Who the audit row of the restore names; called with the restored folder (its station.json is there by then). */
  recordedAs: (restoredDir: string) => { operator: string; stationId: string; at: string }
}

export interface RestoreReport {
  dataDir: string
  schemaVersion: number
  cases: number
  /** Applicants', handlers' and agents' ID numbers, each decrypted. */
  idNumbers: number
  drafts: number
  /** Photo files, each decrypted and checked against its SHA-256; thumbnails, each decrypted. */
  photos: number
  thumbnails: number
  /** Files taken out of the backup (photos, config, secrets). */
  files: number
  /** Photos that were still in plain in the backup, sealed now. */
  sealedPlainPhotos: number
  anchor: { seq: number; hash: string }
}

// Only these names may come out of a backup: nothing can be written outside the new data directory.
const RESTORABLE = /^(station\.json|secrets\.json|attachments\/[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png))$/

function refuseNonEmpty(dir: string): void {
  if (!existsSync(dir)) return
  if (!statSync(dir).isDirectory()) throw new AppError('CONFLICT', `恢复目标 ${dir} 是一个文件，不是目录`)
  const entries = readdirSync(dir)
  if (entries.length > 0) {
    throw new AppError('CONFLICT', `恢复目标 ${dir} 不是空目录（有 ${entries.slice(0, 3).join('、')}${entries.length > 3 ? ' 等' : ''}）：请指定一个新的目录，恢复不会覆盖任何已有数据`)
  }
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/** The backup is whole and was encrypted with this key: checked before anything is written. */
function checkBackupMatchesKey(from: string, keyCheck: string): void {
  const backup = openDatabaseReadOnly(from)
  try {
    const stored = hasTable(backup, 'store_meta') ? (backup.prepare("SELECT value FROM store_meta WHERE key = 'id_key_check'").pluck().get() as string | undefined) : undefined
    if (stored !== undefined && stored !== keyCheck) {
      throw new AppError('CONFLICT', `密钥文件与备份 ${from} 不配套：备份中的身份证号是用另一把密钥加密的，请找到与这份备份同时导出的密钥文件`)
    }
  } finally {
    backup.close()
  }
}

function writePrivateFile(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const tmp = writeSyncedTemp(file, bytes)
  renameSync(tmp, file)
  syncFolder(dirname(file))
}

/** Takes the carried files out of the copied database and drops their table (VACUUM gives the space back). */
function extractFiles(dataDir: string): number {
  const db = new Database(databaseFile(dataDir), { fileMustExist: true })
  try {
    if (!hasTable(db, BACKUP_FILES_TABLE)) return 0
    let files = 0
    for (const row of db.prepare(`SELECT path, bytes FROM ${BACKUP_FILES_TABLE} ORDER BY path`).iterate() as IterableIterator<{ path: string; bytes: Buffer }>) {
      if (!RESTORABLE.test(row.path)) throw new AppError('STORE_ERROR', `备份中有一个不该有的文件 "${row.path}"：备份被改动过，恢复中止`)
      writePrivateFile(join(dataDir, ...row.path.split('/')), row.bytes)
      files++
    }
    db.exec(`DROP TABLE ${BACKUP_FILES_TABLE}`)
    db.exec('VACUUM')
    return files
  } finally {
    db.close()
  }
}

/** Decrypts every sealed value the database holds; the first that fails stops the restore. */
function openEverySealedValue(store: Store): { idNumbers: number; drafts: number } {
  let idNumbers = 0
  const ids = store.db
    .prepare(
      `SELECT id_cipher FROM cases WHERE id_cipher IS NOT NULL
       UNION ALL SELECT handler_id_cipher FROM cases WHERE handler_id_cipher IS NOT NULL
       ${hasTable(store.db, 'case_agents') ? 'UNION ALL SELECT id_cipher FROM case_agents' : ''}`,
    )
    .pluck()
  for (const blob of ids.iterate() as IterableIterator<Buffer>) {
    store.cipher.decryptId(blob)
    idNumbers++
  }
  let drafts = 0
  for (const blob of store.db.prepare('SELECT data FROM drafts').pluck().iterate() as IterableIterator<Buffer>) {
    store.cipher.open('draft', blob)
    drafts++
  }
  return { idNumbers, drafts }
}

function checkRestoredStore(dir: string, files: number, recordedAs: RestoreOptions['recordedAs'], from: string): RestoreReport {
  const store = openStore({ dataDir: dir, keyProvider: new FileKeyProvider(dir) })
  try {
    const photoFiles = new AttachmentFiles(dir, store.attachmentCipher)
    const repo = new AttachmentsRepository(store.db, store.attachmentCipher)
    const sealing = sealLegacyAttachments(store, photoFiles, repo, { evenIfMarked: true })
    if (sealing.damaged.length > 0) throw new AppError('STORE_ERROR', `备份中的照片 ${sealing.damaged[0]!} 内容与文件名不符（共 ${sealing.damaged.length} 张），恢复中止`)
    let photos = 0
    for (const file of photoFiles.list()) {
      photoFiles.read(file.sha256, file.mime)
      photos++
    }
    let thumbnails = 0
    for (const id of store.db.prepare('SELECT id FROM attachments WHERE thumbnail IS NOT NULL').pluck().iterate() as IterableIterator<string>) {
      repo.get(id)
      thumbnails++
    }
    const sealed = openEverySealedValue(store)
    const cases = store.db.prepare('SELECT count(*) FROM cases').pluck().get() as number
    // The restore itself joins the trail, then the chain is verified under the key and anchored afresh.
    const who = recordedAs(dir)
    store.transaction(() => store.audit({ ...who, action: 'station.restore', details: { backup: basename(from), files, photos, cases } }))
    const anchor = store.advanceAuditAnchor('create')
    if (anchor.kind === 'refused' || anchor.kind === 'missing') {
      throw new AppError('STORE_ERROR', `备份的审计链未通过校验，恢复中止：${anchor.kind === 'refused' ? anchor.reason : '无法建立锚点'}`)
    }
    return { dataDir: dir, schemaVersion: store.schemaVersion, cases, ...sealed, photos, thumbnails, files, sealedPlainPhotos: sealing.files, anchor: { seq: anchor.anchor.seq, hash: anchor.anchor.hash } }
  } finally {
    store.close()
  }
}

export function restoreStation(options: RestoreOptions): RestoreReport {
  const target = options.dataDir
  refuseNonEmpty(target)
  const keys = readKeysFile(options.keysFile, options.passphrase)
  checkBackupMatchesKey(options.from, keys.keyCheck)

  mkdirSync(dirname(target), { recursive: true, mode: 0o700 })
  const staging = join(dirname(target), `.${basename(target)}.restoring-${process.pid}-${randomBytes(4).toString('hex')}`)
  mkdirSync(staging, { mode: 0o700 })
  try {
    const db = databaseFile(staging)
    createPrivately(db)
    copyFileSync(options.from, db)
    writePrivateFile(join(staging, KEY_FILE_NAME), Buffer.from(`${keys.masterKey.toString('base64')}\n`))
    const files = extractFiles(staging)
    const report = checkRestoredStore(staging, files, options.recordedAs, options.from)
    refuseNonEmpty(target)
    if (existsSync(target)) rmdirSync(target)
    renameSync(staging, target)
    syncFolder(dirname(target))
    return { ...report, dataDir: target }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true })
    throw err
  }
}
