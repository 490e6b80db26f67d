/**
 * Online backup while the counter keeps working: SQLite's backup API copies
 * pages from a read-only connection; WAL lets the app's writer go on during
 * the copy, and the copy is a consistent snapshot of one moment.
 */
import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../domain/errors'
import { verifyAuditChain } from './auditChain'
import { openDatabaseReadOnly, quickCheck } from './database'
import { appliedVersions } from './migrator'

export interface BackupReport {
  file: string
  bytes: number
  schemaVersion: number
  auditRows: number
  auditHead: string
}

export async function backupDatabase(sourceFile: string, targetFile: string): Promise<BackupReport> {
  if (existsSync(targetFile)) throw new AppError('CONFLICT', `备份目标 ${targetFile} 已存在：请换一个文件名，不要覆盖以前的备份`)
  if (!existsSync(dirname(targetFile))) throw new AppError('NOT_FOUND', `备份目录 ${dirname(targetFile)} 不存在`)
  const source = openDatabaseReadOnly(sourceFile)
  try {
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
    const problems = quickCheck(copy)
    if (problems.length > 0) throw new AppError('STORE_ERROR', `备份 ${targetFile} 完整性检查未通过：${problems.slice(0, 3).join('；')}`)
    const verdict = verifyAuditChain(copy)
    if (!verdict.ok) throw new AppError('STORE_ERROR', `备份 ${targetFile} 的审计链不完整：${verdict.reason}`)
    return {
      file: targetFile,
      bytes: statSync(targetFile).size,
      schemaVersion: Math.max(0, ...appliedVersions(copy)),
      auditRows: verdict.rows,
      auditHead: verdict.headHash,
    }
  } finally {
    copy.close()
  }
}
