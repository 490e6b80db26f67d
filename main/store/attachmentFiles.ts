/**
 * Material photo files, named by the SHA-256 of the photo (content-addressed):
 * the same photo stored twice is one file, a file's name proves its content,
 * and a swapped or damaged file is caught on read. The bytes on disk are
 * sealed (attachmentCipher.ts): photos of ID documents and authorisation
 * letters are personal data, protected at rest like ID numbers. Files from
 * before encryption (a plain JPEG/PNG) are still read, checked, and sealed
 * in place — on read, and once for all at start (attachmentSealing.ts).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../domain/errors'
import { AttachmentCipher } from './attachmentCipher'
import type { AttachmentMime } from './attachmentsRepository'
import { syncFolder, writeSyncedTemp } from './durableFiles'

export const ATTACHMENTS_DIR_NAME = 'attachments'

const extensions: Record<AttachmentMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' }
const FILE_NAME = /^([0-9a-f]{64})\.(jpg|png)$/

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** One photo file found on disk. */
export interface StoredAttachmentFile {
  path: string
  /** Relative to the data directory, with `/` (how backups name it on every OS). */
  relativePath: string
  sha256: string
  mime: AttachmentMime
}

export interface LegacySealReport {
  /** Plain files from before encryption, now sealed. */
  sealed: number
  /** Plain files whose content no longer matches their name: left as they are (a read reports them). */
  damaged: string[]
}

/** Every photo file under `dataDir` (temp files and strangers left out), in a stable order; needs no key. */
export function listAttachmentFiles(dataDir: string): StoredAttachmentFile[] {
  const dir = join(dataDir, ATTACHMENTS_DIR_NAME)
  if (!existsSync(dir)) return []
  const found: StoredAttachmentFile[] = []
  for (const bucket of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name))) {
    for (const name of readdirSync(join(dir, bucket.name))) {
      const match = FILE_NAME.exec(name)
      if (!match || !match[1]!.startsWith(bucket.name)) continue
      found.push({
        path: join(dir, bucket.name, name),
        relativePath: `${ATTACHMENTS_DIR_NAME}/${bucket.name}/${name}`,
        sha256: match[1]!,
        mime: match[2] === 'png' ? 'image/png' : 'image/jpeg',
      })
    }
  }
  return found.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0))
}

export class AttachmentFiles {
  readonly dir: string

  constructor(
    private readonly dataDir: string,
    private readonly cipher: AttachmentCipher,
  ) {
    this.dir = join(dataDir, ATTACHMENTS_DIR_NAME)
  }

  /** `attachments/ab/abcdef….jpg`: 256 sub-folders keep any one folder small on a busy counter. */
  pathOf(sha256: string, mime: AttachmentMime): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.${extensions[mime]}`)
  }

  /**
   * Stores the bytes, sealed, durably before the row that points at them is
   * written: temp file, fsync, rename, fsync the folder — a power cut leaves
   * either no file or the whole file, never a row pointing at half a photo.
   */
  write(bytes: Buffer, sha256: string, mime: AttachmentMime): string {
    const file = this.pathOf(sha256, mime)
    if (existsSync(file)) return file
    this.writeSealed(file, this.cipher.seal(bytes, sha256, 'file'))
    return file
  }

  /** Reads a photo, opens it and checks it is still the one that was stored. */
  read(sha256: string, mime: AttachmentMime): Buffer {
    const file = this.pathOf(sha256, mime)
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch {
      throw new AppError('NOT_FOUND', `材料照片文件 ${file} 不存在（被移走或删除？请从备份恢复）`)
    }
    const sealed = AttachmentCipher.isSealed(bytes)
    const plain = sealed ? this.cipher.open(bytes, sha256, 'file', `材料照片文件 ${file}`) : bytes
    const actual = sha256Hex(plain)
    if (actual !== sha256) {
      throw new AppError('STORE_ERROR', `材料照片文件 ${file} 已被改动（SHA-256 应为 ${sha256.slice(0, 12)}…，实为 ${actual.slice(0, 12)}…），请从备份恢复`)
    }
    // A photo from before encryption, intact: sealed now, so it is in plain on disk no longer than needed.
    if (!sealed) this.writeSealed(file, this.cipher.seal(plain, sha256, 'file'))
    return plain
  }

  /** Deletes a file no row points at any more; a file already gone is fine. */
  remove(sha256: string, mime: AttachmentMime): void {
    try {
      unlinkSync(this.pathOf(sha256, mime))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }

  /** Every photo file on disk (temp files and strangers left out), in a stable order. */
  list(): StoredAttachmentFile[] {
    return listAttachmentFiles(this.dataDir)
  }

  /** Seals, in place, every intact file still in plain from before encryption. */
  sealLegacyFiles(): LegacySealReport {
    const report: LegacySealReport = { sealed: 0, damaged: [] }
    for (const file of this.list()) {
      const bytes = readFileSync(file.path)
      if (AttachmentCipher.isSealed(bytes)) continue
      if (sha256Hex(bytes) !== file.sha256) {
        report.damaged.push(file.path)
        continue
      }
      this.writeSealed(file.path, this.cipher.seal(bytes, file.sha256, 'file'))
      report.sealed++
    }
    return report
  }

  // Replaces or creates the file whole: temp file, fsync, rename, folder fsync.
  private writeSealed(file: string, sealed: Buffer): void {
    const folder = dirname(file)
    let tmp: string | undefined
    try {
      // 0700 like the data directory: umask aside, nobody else lists which photos exist.
      mkdirSync(folder, { recursive: true, mode: 0o700 })
      tmp = writeSyncedTemp(file, sealed)
      renameSync(tmp, file)
      syncFolder(folder)
    } catch (err) {
      if (tmp) rmSync(tmp, { force: true })
      throw new AppError('STORE_ERROR', `材料照片无法写入 ${folder}：${(err as Error).message}（磁盘已满或没有写权限？）`)
    }
  }
}
