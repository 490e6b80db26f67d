/**
 * The report service's side of the worker: one thread, started on the first
 * request and stopped with the app; requests numbered, queued in the
 * worker's inbox and answered in order; a failure comes back as AppError
 * with what went wrong in Chinese. A thread that dies fails what it held
 * and is started afresh by the next request.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError, type ErrorCode } from '../../domain/errors'
import type { ReportWorkerAnswer, ReportWorkerData, ReportWorkerRequest } from './reportWorker'

/**
 * Plain CommonJS handed to `eval`, as the integrity check's worker is: it
 * loads the real entry — the bundle's reportWorker.js in the built app, or
 * reportWorker.ts through tsx's require hook under tsx and Vitest.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads')
if (workerData.tsx) require(workerData.tsx).register()
require(workerData.entry)
`

/** Where the worker's code is: beside the bundle (built), or beside this file (sources). */
export function reportWorkerEntry(): { entry: string; tsx: string | null } {
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const built = join(dir, 'reportWorker.js')
    if (existsSync(built)) return { entry: built, tsx: null }
  }
  const source = join(__dirname, 'reportWorker.ts')
  if (!existsSync(source)) throw new AppError('INTERNAL', `找不到统计线程的程序文件（${join(__dirname, 'reportWorker.js')}）：安装不完整，请重新安装`)
  return { entry: source, tsx: createRequire(__filename).resolve('tsx/cjs/api') }
}

/** A request as the service writes it; the client numbers it. */
type Request = WithoutId<ReportWorkerRequest>
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

interface Pending {
  resolve: (value: unknown) => void
  reject: (err: AppError) => void
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>(['BAD_INPUT', 'NOT_FOUND', 'CALENDAR_MISSING', 'STORE_ERROR', 'INTERNAL'])

export class ReportWorkerClient {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private stopped = false

  constructor(private readonly data: ReportWorkerData) {}

  request<T>(message: Request): Promise<T> {
    if (this.stopped) return Promise.reject(new AppError('STORE_ERROR', '统计已停止（程序正在关闭）'))
    let worker: Worker
    try {
      worker = this.started()
    } catch (err) {
      return Promise.reject(err instanceof AppError ? err : new AppError('STORE_ERROR', `无法启动统计线程：${err instanceof Error ? err.message : String(err)}`))
    }
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      // Held open only while it owes an answer: an idle worker must not keep a closing process alive.
      worker.ref()
      worker.postMessage({ ...message, id })
    })
  }

  /** Ends the thread (and its connection); requests still waiting fail. Safe to call twice. */
  async stop(): Promise<void> {
    this.stopped = true
    const worker = this.worker
    this.worker = null
    this.failAll('统计已停止（程序正在关闭）')
    if (worker) await worker.terminate()
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const { entry, tsx } = reportWorkerEntry()
    let worker: Worker
    try {
      worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...this.data, entry, tsx } })
    } catch (err) {
      throw new AppError('STORE_ERROR', `无法启动统计线程：${err instanceof Error ? err.message : String(err)}`)
    }
    worker.unref()
    worker.on('message', (answer: ReportWorkerAnswer) => this.answered(answer))
    worker.on('error', (err) => this.died(worker, `统计线程出错：${err.message}`))
    worker.on('exit', (code) => this.died(worker, `统计线程意外退出（代码 ${code}）`))
    this.worker = worker
    return worker
  }

  private answered(answer: ReportWorkerAnswer): void {
    const waiting = this.pending.get(answer.id)
    if (!waiting) return
    this.pending.delete(answer.id)
    if (this.pending.size === 0) this.worker?.unref()
    if (answer.ok) {
      waiting.resolve(answer.value)
      return
    }
    const { code, message, field } = answer.error
    waiting.reject(new AppError(ERROR_CODES.has(code) ? (code as ErrorCode) : 'STORE_ERROR', message, field))
  }

  private died(worker: Worker, why: string): void {
    // A thread replaced or stopped already has nothing left to fail.
    if (this.worker !== worker) return
    this.worker = null
    this.failAll(why)
  }

  private failAll(why: string): void {
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const p of waiting) p.reject(new AppError('STORE_ERROR', why))
  }
}
