/**
 * Builds the print service on the station's store and config. The
 * composition root, the CLI and the integration tests build it the same way,
 * so a test's queue is the counter's queue.
 */
import { join } from 'node:path'
import type { StationConfig } from '../../config/stationConfig'
import type { PrinterDriverOptions } from '../../devices/printer/printerDriver'
import { PrintJobsRepository, type PrinterRole } from '../../store/printJobsRepository'
import type { Store } from '../../store/store'
import type { EventBus } from '../eventBus'
import type { CaseService } from '../cases/caseService'
import type { HallClock } from '../cases/hallClock'
import { utcTimestamp } from '../../domain/timestamps'
import { requireOperator } from '../cases/operator'
import { recordView } from '../audit/personalDataViews'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'
import type { SessionService } from '../system/session'
import { caseDocumentSource } from './caseDocuments'
import { PdfRenderer } from './pdfRenderer'
import { outputsFromConfig, type PrintOutput } from './printOutputs'
import type { Backoff } from './printQueue'
import { PrintService } from './printService'

export interface PrintingOptions {
  backoff?: Backoff
  statusPollMs?: number
  driver?: PrinterDriverOptions
  /** Replaces the configured outputs (tests). */
  outputs?: Record<PrinterRole, PrintOutput>
}

export interface PrintingDeps {
  config: StationConfig
  store: Store
  events: EventBus
  devices: DeviceStatusBoard
  session: SessionService
  clock: HallClock
  /** Where a case's A4 materials checklist comes from (print.preview / print.pdf by case number). */
  cases: Pick<CaseService, 'get'>
}

export function buildPrintService(d: PrintingDeps, options: PrintingOptions = {}): PrintService {
  return new PrintService({
    repo: new PrintJobsRepository(d.store.db),
    outputs: options.outputs ?? outputsFromConfig(d.config, options.driver),
    events: d.events,
    devices: d.devices,
    pdf: new PdfRenderer(join(d.config.dataDir, 'prints')),
    stationId: d.config.stationId,
    transaction: (fn) => d.store.transaction(fn),
    audit: (entry) => {
      d.store.audit(entry)
    },
    recordView: (entry) => recordView(d.store, entry),
    now: () => utcTimestamp(d.clock.now()),
    currentOperator: () => requireOperator(d.session),
    caseDocuments: caseDocumentSource(d.cases, d.config),
    backoff: options.backoff,
    statusPollMs: options.statusPollMs,
  })
}
