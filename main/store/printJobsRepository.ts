/**
 * The print queue's SQL. Every method is synchronous on the one writer
 * connection, so a caller inside `store.transaction` gets its job row in the
 * same commit as the change that caused it.
 */
import type { Db, Statement } from './sqlite'

export type PrintJobState = 'queued' | 'printing' | 'done' | 'failed'
export type PrinterRole = 'receipt' | 'label'

export interface PrintJobRecord {
  id: number
  printer: PrinterRole
  kind: string
  title: string
  caseNo: string | null
  /** The builder's input as JSON text. */
  data: string
  state: PrintJobState
  reprintOf: number | null
  reprintNo: number | null
  isPossibleDuplicate: boolean
  attempts: number
  nextAttemptAt: string | null
  lastErrorReason: string | null
  lastError: string | null
  output: 'printer' | 'preview' | null
  operator: string
  stationId: string
  createdAt: string
  updatedAt: string
  printedAt: string | null
}

export interface PrintJobEvent {
  at: string
  state: string
  note: string | null
}

export interface NewPrintJob {
  printer: PrinterRole
  kind: string
  title: string
  caseNo: string | null
  data: string
  reprintOf?: number
  reprintNo?: number
  idempotencyKey?: string
  operator: string
  stationId: string
  at: string
}

interface Row {
  id: number
  printer: PrinterRole
  kind: string
  title: string
  case_no: string | null
  data: string
  state: PrintJobState
  reprint_of: number | null
  reprint_no: number | null
  is_possible_duplicate: number
  attempts: number
  next_attempt_at: string | null
  last_error_reason: string | null
  last_error: string | null
  output: 'printer' | 'preview' | null
  operator: string
  station_id: string
  created_at: string
  updated_at: string
  printed_at: string | null
}

const toRecord = (r: Row): PrintJobRecord => ({
  id: r.id,
  printer: r.printer,
  kind: r.kind,
  title: r.title,
  caseNo: r.case_no,
  data: r.data,
  state: r.state,
  reprintOf: r.reprint_of,
  reprintNo: r.reprint_no,
  isPossibleDuplicate: r.is_possible_duplicate === 1,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastErrorReason: r.last_error_reason,
  lastError: r.last_error,
  output: r.output,
  operator: r.operator,
  stationId: r.station_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  printedAt: r.printed_at,
})

export class PrintJobsRepository {
  private readonly byKeyStmt: Statement
  private readonly insertStmt: Statement
  private readonly byIdStmt: Statement
  private readonly headStmt: Statement
  private readonly printingStmt: Statement
  private readonly doneStmt: Statement
  private readonly waitingStmt: Statement
  private readonly failedStmt: Statement
  private readonly printingIdsStmt: Statement
  private readonly requeueStmt: Statement
  private readonly maxReprintStmt: Statement
  private readonly listByCaseStmt: Statement
  private readonly listStmt: Statement
  private readonly eventsStmt: Statement
  private readonly addEventStmt: Statement

  constructor(private readonly db: Db) {
    this.byKeyStmt = db.prepare('SELECT * FROM print_jobs WHERE idempotency_key = ?')
    this.insertStmt = db.prepare(
      `INSERT INTO print_jobs (printer, kind, title, case_no, data, state, reprint_of, reprint_no, idempotency_key, operator, station_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.byIdStmt = db.prepare('SELECT * FROM print_jobs WHERE id = ?')
    this.headStmt = db.prepare("SELECT * FROM print_jobs WHERE printer = ? AND state IN ('queued', 'printing') ORDER BY id LIMIT 1")
    this.printingStmt = db.prepare("UPDATE print_jobs SET state = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'queued'")
    // A printed job carries no error: last_error is for jobs waiting or failed (the history keeps what happened).
    this.doneStmt = db.prepare(
      "UPDATE print_jobs SET state = 'done', output = ?, printed_at = ?, updated_at = ?, next_attempt_at = NULL, last_error_reason = NULL, last_error = NULL WHERE id = ?",
    )
    // MAX: once a copy may be on paper, every later attempt says so.
    this.waitingStmt = db.prepare(
      "UPDATE print_jobs SET state = 'queued', next_attempt_at = ?, last_error_reason = ?, last_error = ?, is_possible_duplicate = MAX(is_possible_duplicate, ?), updated_at = ? WHERE id = ?",
    )
    this.failedStmt = db.prepare("UPDATE print_jobs SET state = 'failed', last_error_reason = ?, last_error = ?, updated_at = ? WHERE id = ?")
    this.printingIdsStmt = db.prepare("SELECT id FROM print_jobs WHERE state = 'printing' ORDER BY id").pluck()
    this.requeueStmt = db.prepare("UPDATE print_jobs SET state = 'queued', is_possible_duplicate = 1, next_attempt_at = NULL, updated_at = ? WHERE id = ?")
    this.maxReprintStmt = db.prepare('SELECT MAX(reprint_no) FROM print_jobs WHERE reprint_of = ?').pluck()
    this.listByCaseStmt = db.prepare('SELECT * FROM print_jobs WHERE case_no = ? ORDER BY id DESC LIMIT ?')
    this.listStmt = db.prepare('SELECT * FROM print_jobs ORDER BY id DESC LIMIT ?')
    this.eventsStmt = db.prepare('SELECT at, state, note FROM print_job_events WHERE job_id = ? ORDER BY seq')
    this.addEventStmt = db.prepare(
      'INSERT INTO print_job_events (job_id, seq, at, state, note) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM print_job_events WHERE job_id = ?',
    )
  }

  /** Row and history change together; inside a caller's transaction this is a savepoint of it. */
  private atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** Inserts a queued job with its first history entry; with an idempotency key already used, returns that job instead. */
  insert(job: NewPrintJob): { record: PrintJobRecord; isNew: boolean } {
    return this.atomically(() => this.insertNow(job))
  }

  private insertNow(job: NewPrintJob): { record: PrintJobRecord; isNew: boolean } {
    if (job.idempotencyKey) {
      const existing = this.byKeyStmt.get(job.idempotencyKey) as Row | undefined
      if (existing) return { record: toRecord(existing), isNew: false }
    }
    const result = this.insertStmt.run(
      job.printer,
      job.kind,
      job.title,
      job.caseNo,
      job.data,
      job.reprintOf ?? null,
      job.reprintNo ?? null,
      job.idempotencyKey ?? null,
      job.operator,
      job.stationId,
      job.at,
      job.at,
    )
    const id = Number(result.lastInsertRowid)
    this.addEvent(id, job.at, 'queued', job.reprintNo ? `补打 #${job.reprintNo}（原作业 #${job.reprintOf ?? ''}）` : null)
    return { record: this.get(id)!, isNew: true }
  }

  get(id: number): PrintJobRecord | undefined {
    const row = this.byIdStmt.get(id) as Row | undefined
    return row ? toRecord(row) : undefined
  }

  /** The head of a printer's line: its oldest job not yet done or failed. Later jobs wait behind it, so paper comes out in order. */
  head(printer: PrinterRole): PrintJobRecord | undefined {
    const row = this.headStmt.get(printer) as Row | undefined
    return row ? toRecord(row) : undefined
  }

  markPrinting(id: number, at: string): void {
    this.atomically(() => {
      this.printingStmt.run(at, id)
      this.addEvent(id, at, 'printing', null)
    })
  }

  markDone(id: number, at: string, output: 'printer' | 'preview', note: string | null): void {
    this.atomically(() => {
      this.doneStmt.run(output, at, at, id)
      this.addEvent(id, at, 'done', note)
    })
  }

  /**
   * Back to the line: the printer could not take it; tried again from
   * `nextAttemptAt`. With `mayHavePrinted` (bytes had gone out) the job is
   * flagged a possible duplicate, as a job cut off by a stop is.
   */
  markWaiting(id: number, at: string, nextAttemptAt: string, reason: string, message: string, mayHavePrinted = false): void {
    this.atomically(() => {
      this.waitingStmt.run(nextAttemptAt, reason, message, mayHavePrinted ? 1 : 0, at, id)
      this.addEvent(id, at, 'waiting', mayHavePrinted ? `${message}；可能已打印过一部分：重发时纸上标注“重发·可能重复”` : message)
    })
  }

  markFailed(id: number, at: string, reason: string, message: string): void {
    this.atomically(() => {
      this.failedStmt.run(reason, message, at, id)
      this.addEvent(id, at, 'failed', message)
    })
  }

  /**
   * Jobs left `printing` by a stop in the middle of sending: the printer may
   * or may not have printed them. They go back to the line marked as a
   * possible duplicate. Returns their ids.
   */
  requeueInterrupted(at: string): number[] {
    return this.atomically(() => this.requeueInterruptedNow(at))
  }

  private requeueInterruptedNow(at: string): number[] {
    const ids = this.printingIdsStmt.all() as number[]
    for (const id of ids) {
      this.requeueStmt.run(at, id)
      this.addEvent(id, at, 'requeued', '程序在发送中途停止，可能已打印过一次：重新排队，纸上标注“重发·可能重复”')
    }
    return ids
  }

  /** Next 补打 number for the document whose first print is `rootId`. */
  nextReprintNo(rootId: number): number {
    const max = this.maxReprintStmt.get(rootId) as number | null
    return (max ?? 0) + 1
  }

  list(filter: { caseNo?: string; limit: number }): PrintJobRecord[] {
    const rows = filter.caseNo ? (this.listByCaseStmt.all(filter.caseNo, filter.limit) as Row[]) : (this.listStmt.all(filter.limit) as Row[])
    return rows.map(toRecord)
  }

  events(id: number): PrintJobEvent[] {
    return this.eventsStmt.all(id) as PrintJobEvent[]
  }

  private addEvent(id: number, at: string, state: string, note: string | null): void {
    this.addEventStmt.run(id, at, state, note, id)
  }
}
