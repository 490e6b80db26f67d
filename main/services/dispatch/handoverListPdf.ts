/**
 * The handover list's A4 sheet, made into a PDF under the data directory
 * (prints/) by the outbox lane `documents` once its batch has closed: queued
 * in the close's transaction, so a crash between the courier signing and the
 * paper leaves the job waiting instead of lost. The sheet is rebuilt from the
 * closed batch, which no longer changes.
 */
import { AppError } from '../../domain/errors'
import type { OutboxConsumer, OutboxOutcome, OutboxRow } from '../../outbox/outboxWorker'
import type { Store } from '../../store/store'
import type { PrintService } from '../printing/printService'
import type { HandoverDesk } from './handoverDesk'

export class HandoverListPdf implements OutboxConsumer {
  constructor(
    private readonly deps: { store: Store; handover: HandoverDesk; printing: Pick<PrintService, 'a4Pdf'> },
  ) {}

  async handle(row: OutboxRow): Promise<OutboxOutcome> {
    const batchId = (row.payload as { batchId?: unknown } | null)?.batchId
    const batch = typeof batchId === 'number' ? this.deps.store.handover.findBatch(batchId) : null
    if (!batch || batch.closedAt === null) return { kind: 'park', reason: `交接批次 ${String(batchId)} 不存在或尚未交接，无法生成交接清单`, errorClass: 'bad_payload' }
    try {
      const pdf = await this.deps.printing.a4Pdf({ kind: 'handoverList', data: this.deps.handover.listData(batch), isInline: false })
      return { kind: 'done', result: { path: pdf.path, sizeBytes: pdf.sizeBytes } }
    } catch (err) {
      // No Chromium on this PC, or it failed: try again later, then a person sees it parked.
      if (err instanceof AppError) return { kind: 'retry', reason: err.message, errorClass: 'pdf' }
      throw err
    }
  }
}
