/**
 * Builds the courier desk on the station's store, printing and outbox, with
 * the carrier adapter the config names (the check word from the station's
 * key store, or the demo emulator's), and registers its two outbox lanes:
 * `carrier` (waybill creates) and `documents` (the handover list's PDF).
 * The composition root, the CLI and the tests build it the same way.
 */
import type { StationConfig } from '../../config/stationConfig'
import type { CarrierAdapter } from '../../dispatch/carrierAdapter'
import { createCarrierAdapter } from '../../dispatch/carrierFactory'
import type { ServiceCarrierConfig } from '../../domain/dispatch/carrierConfig'
import { ConsumersByKind } from '../../outbox/consumersByKind'
import type { OutboxWorker } from '../../outbox/outboxWorker'
import { AttachmentFiles } from '../../store/attachmentFiles'
import { StationSecrets } from '../../store/stationSecrets'
import type { Store } from '../../store/store'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import type { EventBus } from '../eventBus'
import type { PrintService } from '../printing/printService'
import type { SessionService } from '../system/session'
import { deskSettingsOf } from './deskSettings'
import { DispatchService, type CaseGate } from './dispatchService'
import { DOCUMENTS_LANE, HandoverDesk } from './handoverDesk'
import { HandoverListPdf } from './handoverListPdf'
import { LabelDesk } from './labelPrinting'
import { ShipmentCreation } from './shipmentCreation'
import { ShipmentCancellation } from './shipmentCancellation'
import { CANCEL_KIND, CARRIER_LANE, CREATE_KIND } from './shipmentRequests'
import { Tracker } from './tracking'

export interface DispatchSetupDeps {
  config: StationConfig
  /** The carrier the desk runs on: the config's, with an `emulator` one already replaced by the root. */
  carrier: ServiceCarrierConfig
  /** The check word when it does not come from the key store (the demo emulator's, a CLI override). */
  checkWord?: string
  /** The carrier's time for stamping requests, when it is not the hall's (the demo emulator's movable clock). */
  carrierClock?: { now(): Date }
  store: Store
  events: EventBus
  session: SessionService
  changes: CaseChangeRecorder
  clock: { now(): Date }
  printing: Pick<PrintService, 'enqueue' | 'jobs' | 'queue' | 'a4Pdf'>
  worker: Pick<OutboxWorker, 'register' | 'wake' | 'drain'>
  /** Hall mode: ship and unship of a case the hall knows claim its version first; the batch's handOver and tracking's deliver push through the outbox. */
  gate?: CaseGate
}

export interface DispatchOptions {
  /** How long `ship` waits for the carrier's first answer. Default 10.5 s (just past one call's limit). */
  deskWaitMs?: number
  /** Creates in flight at once (the bench raises it). Default 4. */
  concurrency?: number
  /** Attempts before a failing create is parked for a person. Default 50 (a create has no deadline: it is safe to retry). */
  maxAttempts?: number
  /** A carrier adapter instead of the config's (never in the app). */
  adapter?: CarrierAdapter
}

export function buildDispatchService(d: DispatchSetupDeps, options: DispatchOptions = {}): DispatchService {
  const adapter =
    options.adapter ??
    createCarrierAdapter(d.carrier, new StationSecrets(d.config.dataDir, d.store.cipher), { ...(d.checkWord ? { checkWord: d.checkWord } : {}), ...(d.carrierClock ? { clock: d.carrierClock } : {}) })
  const timeoutMs = d.carrier.kind === 'http' ? d.carrier.timeoutMs : 10_000
  const settings = deskSettingsOf(d.config, d.carrier)
  const stationId = d.config.stationId
  let service: DispatchService | null = null
  const changed = (s: Parameters<DispatchService['changed']>[0]): void => service?.changed(s)
  const labels = new LabelDesk({ store: d.store, printing: d.printing, settings, stationId, clock: d.clock, changed })
  const handover = new HandoverDesk({ store: d.store, changes: d.changes, files: new AttachmentFiles(d.config.dataDir, d.store.attachmentCipher), config: d.config, settings, clock: d.clock, changed })
  const creation = new ShipmentCreation({ store: d.store, adapter, labels, settings, stationId, timeoutMs, changed })
  const cancellation = new ShipmentCancellation({ store: d.store, adapter, stationId, timeoutMs, changed })
  const tracker = new Tracker({ store: d.store, changes: d.changes, adapter, clock: d.clock, stationId, timeoutMs, changed })
  // A create attempt makes at most three carrier calls (look up, create, look up after 8016), each within `timeoutMs`:
  // a lease a little longer lets a killed station's rows run again soon, never while a live attempt still holds them.
  const leaseMs = 4 * timeoutMs + 2_000
  // One lane for the carrier: a case's cancel runs after its create (they share the case's order key).
  d.worker.register(CARRIER_LANE, new ConsumersByKind({ [CREATE_KIND]: creation, [CANCEL_KIND]: cancellation }), { concurrency: options.concurrency ?? 4, maxAttempts: options.maxAttempts ?? 50, leaseMs })
  d.worker.register(DOCUMENTS_LANE, new HandoverListPdf({ store: d.store, handover, printing: d.printing }), { maxAttempts: 3 })
  service = new DispatchService({
    store: d.store,
    events: d.events,
    session: d.session,
    changes: d.changes,
    worker: d.worker,
    settings,
    labels,
    creation,
    cancellation,
    handover,
    tracker,
    shipping: { store: d.store, changes: d.changes, adapter, settings, labels, handover, stationId, clock: d.clock },
    ...(options.deskWaitMs !== undefined ? { deskWaitMs: options.deskWaitMs } : {}),
    ...(d.gate ? { gate: d.gate } : {}),
  })
  return service
}
