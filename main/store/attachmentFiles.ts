/**
 * Material photo files, named by their SHA-256 (content-addressed): the same
 * photo stored twice is one file, a file's name proves its content, and a
 * swapped or damaged file is caught on read. Kept beside the database in the
 * data directory so a backup of the folder carries both.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../domain/errors'
import type { AttachmentMime } from './attachmentsRepository'
import { syncFolder, writeSyncedTemp } from './durableFiles'

export const ATTACHMENTS_DIR_NAME = 'attachments'

const extensions: Record<AttachmentMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' }

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export class AttachmentFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, ATTACHMENTS_DIR_NAME)
  }

  /** `attachments/ab/abcdef….jpg`: 256 sub-folders keep any one folder small on a busy counter. */
  pathOf(sha256: string, mime: AttachmentMime): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.${extensions[mime]}`)
  }

  /**
   * Stores the bytes durably before the row that points at them is written:
   * temp file, fsync, rename, fsync the folder — a power cut leaves either no
   * file or the whole file, never a row pointing at half a photo.
   */
  write(bytes: Buffer, sha256: string, mime: AttachmentMime): string {
    const file = this.pathOf(sha256, mime)
    if (existsSync(file)) return file
    const folder = dirname(file)
    mkdirSync(folder, { recursive: true })
    let tmp: string | undefined
    try {
      tmp = writeSyncedTemp(file, bytes)
      renameSync(tmp, file)
      syncFolder(folder)
    } catch (err) {
      if (tmp) rmSync(tmp, { force: true })
      throw new AppError('STORE_ERROR', `材料照片无法写入 ${folder}：${(err as Error).message}（磁盘已满或没有写权限？）`)
    }
    return file
  }

  /** Reads a photo and checks it is still the one that was stored. */
  read(sha256: string, mime: AttachmentMime): Buffer {
    const file = this.pathOf(sha256, mime)
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch {
      throw new AppError('NOT_FOUND', `材料照片文件 ${file} 不存在（被移走或删除？请从备份恢复）`)
    }
    const actual = sha256Hex(bytes)
    if (actual !== sha256) {
      throw new AppError('STORE_ERROR', `材料照片文件 ${file} 已被改动（SHA-256 应为 ${sha256.slice(0, 12)}…，实为 ${actual.slice(0, 12)}…），请从备份恢复`)
    }
    return bytes
  }

  /** Deletes a file no row points at any more; a file already gone is fine. */
  remove(sha256: string, mime: AttachmentMime): void {
    try {
      unlinkSync(this.pathOf(sha256, mime))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}
