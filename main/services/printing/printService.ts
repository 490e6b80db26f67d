/**
 * Printing as the counter uses it: queue a document in the transaction that
 * needs it, show any document on screen exactly as it prints, list and
 * reprint a case's paper, make A4 PDFs, and keep the printer lights true.
 */
import type { PrintJobView } from '../../contract/printing'
import { AppError } from '../../domain/errors'
import { PrinterError, printerFailureWords } from '../../devices/printer/printerError'
import { statusProblem, workingWords } from '../../devices/printer/printerStatus'
import { bwipSymbols } from '../../devices/printer/barcodeSvg'
import { labelFragment, labelSizePx, receiptFragment, receiptWidthPx } from '../../domain/print/documentHtml'
import { printedId } from '../../domain/print/receiptData'
import { buildPrintDocument, isA4Kind, parsePrintData, printKinds, type A4Kind, type PrintKind } from '../../domain/print/printKinds'
import type { AuditEntry } from '../../store/auditChain'
import { viewActions, type ViewEntry } from '../audit/personalDataViews'
import type { PrintJobRecord, PrintJobsRepository, PrinterRole } from '../../store/printJobsRepository'
import type { EventBus } from '../eventBus'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'
import type { CaseDocumentSource } from './caseDocuments'
import type { PdfRenderer } from './pdfRenderer'
import { lightOf, previewLight, readyLight } from './printerLights'
import { PrintQueue, type Backoff, type EnqueueRequest } from './printQueue'
import type { PrintOutput } from './printOutputs'

export interface PrintServiceDeps {
  repo: PrintJobsRepository
  outputs: Record<PrinterRole, PrintOutput>
  events: EventBus
  devices: DeviceStatusBoard
  pdf: PdfRenderer
  stationId: string
  /** The store's transaction and audit append, so a reprint and its audit row commit together. */
  transaction: <T>(fn: () => T) => T
  audit: (entry: AuditEntry) => void
  /** A view of personal data (an A4 sheet shown or fetched): one audit row of its own (services/audit/personalDataViews.ts). */
  recordView: (entry: ViewEntry) => void
  now: () => string
  /** The signed-in operator; throws when nobody is (every print records who asked for it). */
  currentOperator: () => string
  /** A4 sheets by case number, from the case as it stands (receipts and labels by case number come from the case's last job). */
  caseDocuments: CaseDocumentSource
  backoff?: Backoff
  /** How often to ask a configured printer for its status (the light, and noticing it came back). */
  statusPollMs?: number
}

export type PreviewRequest = { kind?: PrintKind; data?: unknown; caseNo?: string; jobId?: number }

/** 210 mm at 96 CSS px per inch: the A4 sheet's natural width on screen. */
export const A4_WIDTH_PX = 794

export function toJobView(r: PrintJobRecord): PrintJobView {
  const { data: _data, stationId: _station, nextAttemptAt: _next, ...view } = r
  return { ...view, kind: r.kind as PrintKind }
}

export class PrintService {
  readonly queue: PrintQueue
  private poller: NodeJS.Timeout | null = null
  private polling: Promise<void> = Promise.resolve()

  constructor(private readonly deps: PrintServiceDeps) {
    this.queue = new PrintQueue(
      {
        repo: deps.repo,
        outputs: deps.outputs,
        now: deps.now,
        backoff: deps.backoff,
        onJobChanged: (job) => deps.events.emit('print.job', toJobView(job)),
        onPrinterResult: (printer, result) => (result.ok ? this.reportReady(printer) : this.reportError(printer, result.error)),
      },
      // Masks every ID number; the "no credit code yet" of an enterprise being set up is no number and stays readable.
      printedId,
    )
  }

  async start(): Promise<void> {
    for (const printer of ['receipt', 'label'] as const) {
      const output = this.deps.outputs[printer]
      if (output.mode === 'preview') this.deps.devices.report(lightOf[printer], previewLight(printer))
    }
    this.queue.start()
    // Not awaited: an unreachable printer must not hold up the station's start for its connect timeout.
    this.polling = this.pollStatus()
    const every = this.deps.statusPollMs ?? 20_000
    if (every > 0) {
      this.poller = setInterval(() => {
        this.polling = this.polling.then(() => this.pollStatus())
      }, every)
    }
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller)
    this.poller = null
    await this.polling
    await this.queue.stop()
  }

  /** For other services, inside their store transaction (see PrintQueue.enqueue). */
  enqueue(request: EnqueueRequest): PrintJobView {
    return toJobView(this.queue.enqueue(request))
  }

  submit(input: { kind: PrintKind; data: unknown; idempotencyKey?: string }): PrintJobView {
    return this.enqueue({ ...input, operator: this.deps.currentOperator(), stationId: this.deps.stationId })
  }

  reprint(jobId: number): PrintJobView {
    const operator = this.deps.currentOperator()
    const job = this.deps.transaction(() => {
      const record = this.queue.reprint(jobId, operator)
      this.deps.audit({
        operator,
        stationId: this.deps.stationId,
        action: 'print.reprint',
        caseNo: record.caseNo,
        details: { jobId: record.id, reprintOf: record.reprintOf, reprintNo: record.reprintNo, kind: record.kind },
      })
      return record
    })
    return toJobView(job)
  }

  jobs(filter: { caseNo?: string; limit: number }) {
    return this.deps.repo.list(filter).map((r) => ({ ...toJobView(r), history: this.deps.repo.events(r.id) }))
  }

  preview(request: PreviewRequest) {
    const { kind, data, marks } = this.resolve(request)
    const spec = printKinds[kind]
    const output = spec.target === 'a4' ? null : this.deps.outputs[spec.target]
    const doc = buildPrintDocument(kind, data, { ...(output?.buildOptions ?? {}), marks })
    switch (doc.format) {
      case 'receipt':
        return { kind, title: doc.title, target: spec.target, html: receiptFragment(doc, bwipSymbols), widthPx: receiptWidthPx(doc) }
      case 'label':
        return { kind, title: doc.title, target: spec.target, html: labelFragment(doc, bwipSymbols), widthPx: labelSizePx(doc).width }
      case 'a4':
        // A sheet on screen carries names and addresses as the PDF does: a view, audited.
        this.recordDocumentView('print.preview', kind, request.caseNo)
        return { kind, title: doc.title, target: spec.target, html: doc.fragment, widthPx: A4_WIDTH_PX }
    }
  }

  /** `print.pdf`: an A4 sheet fetched as a file by someone at a screen; audited once the file exists. */
  async pdf(request: { kind: A4Kind; data?: unknown; caseNo?: string; isInline: boolean }) {
    const operator = this.deps.currentOperator()
    const made = await this.a4Pdf(request)
    this.recordDocumentView('print.pdf', request.kind, request.caseNo, { operator, fileName: made.fileName, isInline: request.isInline })
    return made
  }

  /** The sheet as a PDF file (the outbox makes handover lists with it too, with nobody at a screen). */
  async a4Pdf(request: { kind: A4Kind; data?: unknown; caseNo?: string; isInline: boolean }) {
    const { data } = this.resolve(request)
    const doc = buildPrintDocument(request.kind, data)
    const pdf = await this.deps.pdf.renderToFile(doc)
    return { path: pdf.path, fileName: pdf.fileName, sizeBytes: pdf.bytes.length, base64: request.isInline ? pdf.bytes.toString('base64') : null }
  }

  private recordDocumentView(command: string, kind: PrintKind, caseNo: string | undefined, extra: { operator?: string; fileName?: string; isInline?: boolean } = {}): void {
    const { operator = this.deps.currentOperator(), ...rest } = extra
    this.deps.recordView({ at: this.deps.now(), operator, stationId: this.deps.stationId, action: viewActions.document, caseNo: caseNo ?? null, details: { command, kind, ...rest } })
  }

  /** Data for a document from the request itself, a queued job, or the case (an A4 sheet from the case itself, a receipt or label from its last job of that kind). */
  private resolve(request: PreviewRequest): { kind: PrintKind; data: unknown; marks?: { reprintNo?: number; isPossibleDuplicate?: boolean } } {
    if (request.jobId !== undefined) {
      const job = this.deps.repo.get(request.jobId)
      if (!job) throw new AppError('NOT_FOUND', `没有编号为 ${request.jobId} 的打印作业`, 'jobId')
      const kind = job.kind as PrintKind
      return { kind, data: this.checked(kind, JSON.parse(job.data) as unknown), marks: { reprintNo: job.reprintNo ?? undefined, isPossibleDuplicate: job.isPossibleDuplicate } }
    }
    const kind = request.kind
    if (!kind) throw new AppError('BAD_INPUT', '需要文档类型 kind', 'kind')
    if (request.data !== undefined) return { kind, data: this.checked(kind, request.data) }
    const caseNo = request.caseNo ?? ''
    if (isA4Kind(kind)) {
      const fromCase = this.deps.caseDocuments.dataFor(kind, caseNo)
      if (fromCase === null) throw new AppError('BAD_INPUT', `${printKinds[kind].title}不是按办件生成的，不能按受理编号取得，请给出 data`, 'caseNo')
      return { kind, data: this.checked(kind, fromCase) }
    }
    const last = this.deps.repo.list({ caseNo, limit: 50 }).find((j) => j.kind === kind)
    if (!last) throw new AppError('NOT_FOUND', `办件 ${caseNo} 还没有${printKinds[kind].title}可预览`, 'caseNo')
    return { kind, data: this.checked(kind, JSON.parse(last.data) as unknown) }
  }

  private checked(kind: PrintKind, data: unknown): unknown {
    const parsed = parsePrintData(kind, data)
    if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.message, parsed.field ? `data.${parsed.field}` : 'data')
    return parsed.data
  }

  /** Asks each configured printer how it is; a printer back from paper-out or off gets its waiting jobs sent now. */
  private async pollStatus(): Promise<void> {
    for (const printer of ['receipt', 'label'] as const) {
      const output = this.deps.outputs[printer]
      if (output.mode === 'preview' || this.queue.isSending(printer)) continue
      try {
        const status = await output.status()
        const problem = status ? statusProblem(status) : null
        if (problem) {
          this.deps.devices.report(lightOf[printer], { state: 'error', message: printerFailureWords[problem.reason], reason: problem.reason, isEmulated: false })
          continue
        }
        if (status?.isPaperNearEnd) this.deps.devices.report(lightOf[printer], { state: 'warning', message: workingWords.paperNearEnd, reason: 'paper_near_end', isEmulated: false })
        else this.reportReady(printer)
        if (this.queue.isWaiting(printer)) this.queue.kick(printer, { skipBackoff: true })
      } catch (err) {
        if (err instanceof PrinterError) this.reportError(printer, err)
        else console.error(`[print] ${printer} 状态查询失败：`, err instanceof Error ? err.message : err)
      }
    }
  }

  private reportReady(printer: PrinterRole): void {
    this.deps.devices.report(lightOf[printer], readyLight(printer, this.deps.outputs[printer].mode))
  }

  private reportError(printer: PrinterRole, error: PrinterError): void {
    this.deps.devices.report(lightOf[printer], { state: 'error', message: printerFailureWords[error.reason], reason: error.reason, isEmulated: false })
  }
}
