/**
 * The durable print queue. A job is a row written in the caller's
 * transaction; one lane per printer sends its oldest job and only then the
 * next, so paper comes out in order.
 *
 * Delivery rule — at least once, a possible second copy always labelled:
 * 1. the row is marked `printing` (committed) before a byte is sent;
 * 2. when the printer took every byte it is marked `done` (committed);
 * 3. a printer that is away (unreachable, paper out, cover open, offline)
 *    sends the job back to `queued` with a backoff; it prints when the
 *    printer returns, before anything queued after it. When the failure
 *    came after bytes went out (a timeout or reset mid-write), the retry is
 *    flagged as in 4;
 * 4. a job still `printing` at start was cut off between 1 and 2: the paper
 *    may or may not have come out. It is queued again, flagged
 *    `is_possible_duplicate`, and prints with “重发·可能重复” so the clerk
 *    can tell a second copy from a new case. Nothing is lost; a double is
 *    never silent.
 * The worker is shaped like an outbox consumer (claim, send, settle) and
 * takes its backoff from `main/outbox/backoff.ts`; it keeps its own table
 * because a printer lane has rules the outbox does not (one head per
 * printer, a status poll that skips the backoff, 重发 marks on the paper).
 */
import { AppError } from '../../domain/errors'
import { PrinterError } from '../../devices/printer/printerError'
import { buildPrintDocument, isPrinterKind, parsePrintData, printKinds, type PrintKind } from '../../domain/print/printKinds'
import { utcTimestamp } from '../../domain/timestamps'
import { backoffDelay, type BackoffPolicy } from '../../outbox/backoff'
import type { PrintJobRecord, PrintJobsRepository, PrinterRole } from '../../store/printJobsRepository'
import type { PrintOutput } from './printOutputs'

export type Backoff = BackoffPolicy

export interface PrintQueueDeps {
  repo: PrintJobsRepository
  outputs: Record<PrinterRole, PrintOutput>
  /** Called after every committed change of a job (for `print.job` events). */
  onJobChanged: (job: PrintJobRecord) => void
  /** Called after every attempt with what the printer said (for the device light). */
  onPrinterResult: (printer: PrinterRole, result: { ok: true } | { ok: false; error: PrinterError }) => void
  now: () => string
  backoff?: Backoff
  random?: () => number
}

export interface EnqueueRequest {
  kind: PrintKind
  data: unknown
  caseNo?: string | null
  operator: string
  stationId: string
  /** Same key, same job: a retried command cannot queue a second receipt. */
  idempotencyKey?: string
}

interface Lane {
  running: Promise<void> | null
  wake: (() => void) | null
  /** A job is being sent now: a status poll must not open a second connection to the printer. */
  isSending: boolean
}

/** Replaces every `idNumber` value with its masked form: the queue never holds a full ID number. */
export function maskIdNumbersDeep(value: unknown, mask: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => maskIdNumbersDeep(v, mask))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, k === 'idNumber' && typeof v === 'string' ? mask(v) : maskIdNumbersDeep(v, mask)]),
    )
  }
  return value
}

export class PrintQueue {
  private readonly lanes: Record<PrinterRole, Lane> = {
    receipt: { running: null, wake: null, isSending: false },
    label: { running: null, wake: null, isSending: false },
  }
  private stopped = true
  private readonly backoff: Backoff

  constructor(
    private readonly deps: PrintQueueDeps,
    private readonly maskId: (id: string) => string,
  ) {
    this.backoff = deps.backoff ?? { baseMs: 1000, capMs: 15_000 }
  }

  /**
   * Queues a document. Synchronous on purpose: call it inside the store
   * transaction of the change that needs the paper, and both commit together.
   */
  enqueue(req: EnqueueRequest): PrintJobRecord {
    if (!isPrinterKind(req.kind)) {
      throw new AppError('BAD_INPUT', `${printKinds[req.kind].title}是 A4 文档，请用 A4 打印（print.pdf 或窗口打印），不进小票/面单队列`, 'kind')
    }
    const spec = printKinds[req.kind]
    const parsed = parsePrintData(req.kind, req.data)
    if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.message, parsed.field ? `data.${parsed.field}` : 'data')
    const caseNo = req.caseNo ?? (typeof (parsed.data as { caseNo?: unknown }).caseNo === 'string' ? (parsed.data as { caseNo: string }).caseNo : null)
    const { record, isNew } = this.deps.repo.insert({
      printer: spec.target,
      kind: req.kind,
      title: caseNo ? `${spec.title} ${caseNo}` : spec.title,
      caseNo,
      data: JSON.stringify(maskIdNumbersDeep(parsed.data, this.maskId)),
      idempotencyKey: req.idempotencyKey,
      operator: req.operator,
      stationId: req.stationId,
      at: this.deps.now(),
    })
    if (isNew) this.afterCommit(record.id, spec.target)
    return record
  }

  /** A new job for the same document, printed with 补打 #n. */
  reprint(jobId: number, operator: string): PrintJobRecord {
    const original = this.deps.repo.get(jobId)
    if (!original) throw new AppError('NOT_FOUND', `没有编号为 ${jobId} 的打印作业`, 'jobId')
    const rootId = original.reprintOf ?? original.id
    const reprintNo = this.deps.repo.nextReprintNo(rootId)
    const { record } = this.deps.repo.insert({
      printer: original.printer,
      kind: original.kind,
      title: `${original.title.replace(/（补打 #\d+）$/, '')}（补打 #${reprintNo}）`,
      caseNo: original.caseNo,
      data: original.data,
      reprintOf: rootId,
      reprintNo,
      operator,
      stationId: original.stationId,
      at: this.deps.now(),
    })
    this.afterCommit(record.id, record.printer)
    return record
  }

  /** Re-queues jobs cut off mid-send by the last stop, then starts both lanes. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    for (const id of this.deps.repo.requeueInterrupted(this.deps.now())) {
      const job = this.deps.repo.get(id)
      if (job) this.deps.onJobChanged(job)
    }
    for (const printer of ['receipt', 'label'] as const) this.lanes[printer].running = this.run(printer)
  }

  /** Wakes a lane now (a new job, a printer back) instead of at the end of its backoff. */
  kick(printer: PrinterRole, options: { skipBackoff?: boolean } = {}): void {
    if (options.skipBackoff) this.skipBackoff.add(printer)
    this.lanes[printer].wake?.()
  }

  isSending(printer: PrinterRole): boolean {
    return this.lanes[printer].isSending
  }

  /** True when the printer's oldest job is waiting for the printer to come back. */
  isWaiting(printer: PrinterRole): boolean {
    return this.deps.repo.head(printer)?.nextAttemptAt != null
  }

  /**
   * Stops after the job in flight. A TCP or serial attempt is bounded by the
   * driver's timeouts; a write to a device file (USB printer out of paper) is
   * not: the OS holds it until the printer takes it, and stop waits with it.
   */
  async stop(): Promise<void> {
    this.stopped = true
    for (const lane of Object.values(this.lanes)) lane.wake?.()
    await Promise.all(Object.values(this.lanes).map((lane) => lane.running))
  }

  private readonly skipBackoff = new Set<PrinterRole>()

  /** Events and the wake-up wait until the caller's transaction is over; a rolled-back job is then simply not found. */
  private afterCommit(jobId: number, printer: PrinterRole): void {
    setImmediate(() => {
      // Stopped: the store may be closed already; the job is on disk and the next start sends it.
      if (this.stopped) return
      const job = this.deps.repo.get(jobId)
      if (!job) return
      this.deps.onJobChanged(job)
      this.kick(printer)
    })
  }

  private async run(printer: PrinterRole): Promise<void> {
    while (!this.stopped) {
      const job = this.deps.repo.head(printer)
      if (!job) {
        await this.sleep(printer, null)
        continue
      }
      const dueIn = job.nextAttemptAt && !this.skipBackoff.has(printer) ? Date.parse(job.nextAttemptAt) - Date.now() : 0
      if (dueIn > 0) {
        await this.sleep(printer, dueIn)
        continue
      }
      this.skipBackoff.delete(printer)
      this.lanes[printer].isSending = true
      try {
        await this.attempt(job)
      } catch (err) {
        // A store failure (disk full, locked): keep the lane alive and try again later rather than die silently.
        console.error(`[print] ${printer} 队列出错，稍后重试：`, err instanceof Error ? err.message : err)
        await this.sleep(printer, this.backoff.capMs)
      } finally {
        this.lanes[printer].isSending = false
      }
    }
  }

  private sleep(printer: PrinterRole, ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const lane = this.lanes[printer]
      const timer = ms === null ? null : setTimeout(done, ms)
      function done(): void {
        if (timer) clearTimeout(timer)
        lane.wake = null
        resolve()
      }
      lane.wake = done
    })
  }

  private async attempt(job: PrintJobRecord): Promise<void> {
    const { repo, outputs, now } = this.deps
    const output = outputs[job.printer]
    // Only enqueue writes kinds, and it refuses A4 ones: anything else is a row from another version.
    const kind = job.kind
    if (!isPrinterKind(kind)) return this.fail(job, 'unknown_kind', `未知的文档类型 ${job.kind}`)
    let stored: unknown
    try {
      stored = JSON.parse(job.data)
    } catch {
      return this.fail(job, 'bad_data', `作业 #${job.id} 的数据不是合法 JSON`)
    }
    const parsed = parsePrintData(kind, stored)
    if (!parsed.ok) return this.fail(job, 'bad_data', parsed.message)
    let doc
    try {
      doc = buildPrintDocument(kind, parsed.data, {
        ...output.buildOptions,
        marks: { reprintNo: job.reprintNo ?? undefined, isPossibleDuplicate: job.isPossibleDuplicate },
      })
    } catch (err) {
      return this.fail(job, 'layout', err instanceof Error ? err.message : String(err))
    }

    repo.markPrinting(job.id, now())
    this.changed(job.id)
    try {
      await output.print(doc)
    } catch (err) {
      if (err instanceof PrinterError) {
        const delay = this.delayFor(job.attempts + 1)
        repo.markWaiting(job.id, now(), utcTimestamp(new Date(Date.now() + delay)), err.reason, err.message, err.mayHavePrinted)
        this.changed(job.id)
        this.deps.onPrinterResult(job.printer, { ok: false, error: err })
        return
      }
      // Not the printer: the document could not be encoded (too long a barcode…). Retrying cannot help.
      return this.fail(job, 'encode', err instanceof Error ? err.message : String(err))
    }
    const note = output.mode === 'preview' ? '屏幕预览：未连接打印机，未出纸' : `已送 ${output.description}`
    repo.markDone(job.id, now(), output.mode, note)
    this.changed(job.id)
    this.deps.onPrinterResult(job.printer, { ok: true })
  }

  private fail(job: PrintJobRecord, reason: string, message: string): void {
    this.deps.repo.markFailed(job.id, this.deps.now(), reason, message)
    this.changed(job.id)
  }

  private changed(jobId: number): void {
    const job = this.deps.repo.get(jobId)
    if (job) this.deps.onJobChanged(job)
  }

  /** The outbox's backoff, with equal jitter (half fixed, half random): a printer back too soon is only still out of paper, and several stations sharing one do not come back in step. */
  private delayFor(attempts: number): number {
    return backoffDelay(attempts, this.backoff, this.deps.random ?? Math.random, 'equal')
  }
}
