/**
 * The database's full integrity check (`PRAGMA quick_check`), run on its own
 * read-only connection in a worker thread so that it never holds up the
 * counter.
 *
 * Why in the background and not bounded per start: quick_check reads every
 * page (about 6 s at 1,000,000 cases), and neither bound SQLite offers makes
 * it cheaper — `quick_check(N)` caps how many problems are *reported*, not
 * how much is read, and `quick_check(table)` still reads all of `cases`, the
 * table that is big. Spreading a check over several starts would leave damage
 * unseen for days. In WAL mode a reader blocks no writer, so the whole check
 * can run each start beside a working counter; a damaged header or schema is
 * still caught synchronously at open (SQLITE_NOTADB / SQLITE_CORRUPT while
 * the pragmas and migrations read them).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export interface IntegrityVerdict {
  ok: boolean
  /** quick_check's own lines (English, SQLite's words), or why the check could not read the file. */
  problems: string[]
}

export interface BackgroundIntegrityCheck {
  readonly verdict: Promise<IntegrityVerdict>
  /** Stops the check (the app is closing). A check inside SQLite ends when that call returns. */
  cancel(): Promise<void>
}

/**
 * Runs in the worker. Plain CommonJS handed to `eval`, so it works alike
 * under tsx, Vitest and the bundled Electron main (no second entry file to
 * build); it is given better-sqlite3's resolved path rather than resolving it
 * from wherever the worker happens to start.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlite)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = ' + workerData.busyTimeoutMs)
  const lines = db.pragma('quick_check').map((row) => row.quick_check)
  parentPort.postMessage({ problems: lines.filter((line) => line !== 'ok') })
} catch (err) {
  parentPort.postMessage({ failed: { code: err && err.code, message: err && err.message ? err.message : String(err) } })
} finally {
  if (db) db.close()
}
`

interface WorkerAnswer {
  problems?: string[]
  failed?: { code?: string; message: string }
}

/** SQLite's codes for a file that is damaged (as opposed to one the check merely could not get at). */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX'])

export class IntegrityCheckError extends Error {}

/**
 * Starts the check. `verdict` resolves with ok or the problems found (a read
 * that SQLite itself calls corrupt counts as a problem); it rejects with
 * IntegrityCheckError when the check could not run at all (no worker, file
 * locked past the busy timeout), which says nothing about the file.
 */
export function checkIntegrityInBackground(file: string, busyTimeoutMs: number): BackgroundIntegrityCheck {
  const sqlite = createRequire(__filename).resolve('better-sqlite3')
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlite, busyTimeoutMs } })
  } catch (err) {
    const verdict = Promise.reject(new IntegrityCheckError(`无法启动完整性检查线程：${err instanceof Error ? err.message : String(err)}`))
    verdict.catch(() => undefined)
    return { verdict, cancel: async () => undefined }
  }
  let cancelled = false
  const verdict = new Promise<IntegrityVerdict>((resolve, reject) => {
    worker.once('message', (answer: WorkerAnswer) => {
      if (answer.failed) {
        const { code, message } = answer.failed
        if (code && DAMAGE_CODES.has(code)) resolve({ ok: false, problems: [`${code}: ${message}`] })
        else reject(new IntegrityCheckError(`完整性检查未能读取数据库：${message}`))
        return
      }
      // One row may hold several lines under a "*** in database main ***" heading: one problem a line.
      const problems = (answer.problems ?? []).flatMap((row) => row.split('\n')).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('***'))
      resolve({ ok: problems.length === 0, problems })
    })
    worker.once('error', (err) => reject(new IntegrityCheckError(`完整性检查线程出错：${err.message}`)))
    worker.once('exit', () => reject(new IntegrityCheckError(cancelled ? '完整性检查已取消（程序正在关闭）' : '完整性检查线程意外退出')))
  })
  // Whoever asked may have stopped listening (the app closed): an unread rejection must not crash the process.
  verdict.catch(() => undefined)
  return {
    verdict,
    async cancel() {
      cancelled = true
      await worker.terminate()
    },
  }
}
