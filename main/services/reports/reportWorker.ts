/**
 * The report worker (a worker_threads thread): owns one read-only
 * connection and answers the report service's requests one at a time, in
 * the order they came (worker messages queue). Started by
 * ./reportWorkerClient.ts — from this file under tsx and Vitest, from the
 * bundle's reportWorker.js in the built app (electron.vite.config.ts).
 */
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads'
import { AppError } from '../../domain/errors'
import { openReportConnection, ReportQueries } from '../../store/reportQueries'
import type { Db } from '../../store/sqlite'
import { computeReport, reportCalendar, type DailySheetFacts, type ReportRequest } from './reportCompute'

export interface ReportWorkerData {
  file: string
  dataDir: string
  shippedCalendarDir: string
}

export type ReportWorkerRequest =
  | { id: number; type: 'report'; request: ReportRequest }
  | { id: number; type: 'dailySheet'; request: ReportRequest }
  /** Where it runs and whether its connection refuses a write (the service's self-check, and the tests'). */
  | { id: number; type: 'probe' }

export interface ProbeAnswer {
  threadId: number
  isMainThread: boolean
  write: { refused: true; code: string; message: string } | { refused: false }
}

export type ReportWorkerAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string; field?: string } }

const data = workerData as ReportWorkerData
let opened: { db: Db; queries: ReportQueries } | undefined

/** Opened on the first request, and again after a failure (the file may have appeared since). */
function connection(): { db: Db; queries: ReportQueries } {
  if (!opened) {
    const db = openReportConnection(data.file)
    opened = { db, queries: new ReportQueries(db) }
  }
  return opened
}

function answer(message: ReportWorkerRequest): unknown {
  const { queries } = connection()
  switch (message.type) {
    case 'probe':
      return { threadId, isMainThread, write: queries.tryWrite() } satisfies ProbeAnswer
    case 'report':
      return queries.snapshot(() => computeReport(queries, reportCalendar(queries, data), message.request))
    case 'dailySheet':
      return queries.snapshot((): DailySheetFacts => ({ report: computeReport(queries, reportCalendar(queries, data), message.request), head: queries.auditHead() }))
  }
}

function failure(err: unknown): { code: string; message: string; field?: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) }
  const code = (err as { code?: unknown }).code
  const why = err instanceof Error ? err.message : String(err)
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return { code: 'STORE_ERROR', message: `统计读取数据库超时（数据库被长时间锁定）：${why}` }
  return { code: 'STORE_ERROR', message: `统计计算失败：${why}` }
}

parentPort?.on('message', (message: ReportWorkerRequest) => {
  let reply: ReportWorkerAnswer
  try {
    reply = { id: message.id, ok: true, value: answer(message) }
  } catch (err) {
    reply = { id: message.id, ok: false, error: failure(err) }
  }
  parentPort?.postMessage(reply)
})
