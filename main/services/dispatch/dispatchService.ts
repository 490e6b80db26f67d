/**
 * The courier desk (寄递): ship a ready express case, its label, the open
 * batch handed to the courier, tracking to 签收 — and, for the CLI and the
 * bench, ship every ready case and drain the carrier's outbox lane.
 *
 * The carrier is reached only through the outbox: `ship` writes the create
 * as a row and then waits a little (at most `deskWaitMs`) for the worker's
 * first attempt, so a healthy carrier answers at the counter while an
 * outage answers "queued, with the reason" instead of an error.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { HandoverBatchView, ShipmentStatus, ShipmentView } from '../../contract/dispatch'
import { isDeliveryException } from '../../domain/dispatch/deliveryExceptions'
import { AppError } from '../../domain/errors'
import { plainDateOf } from '../../domain/plainDate'
import type { OutboxWorker } from '../../outbox/outboxWorker'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import { requireOperator } from '../cases/operator'
import type { EventBus } from '../eventBus'
import type { SessionService } from '../system/session'
import type { DeskSettings } from './deskSettings'
import type { HandoverListData } from '../../domain/print/a4Documents'
import type { HandoverDesk, CloseRequest } from './handoverDesk'
import type { LabelDesk } from './labelPrinting'
import type { ShipmentCreation } from './shipmentCreation'
import { requestCancel } from './cancelRequest'
import type { ShipmentCancellation } from './shipmentCancellation'
import { cancelKey, CARRIER_LANE, createKey } from './shipmentRequests'
import { toBatchView, toShipmentView } from './shipmentViews'
import { checkShippable, type ShipRefusal } from './shipReadiness'
import { shipCase, type ShippingDeps } from './shipping'
import type { PollResult, Tracker } from './tracking'

export interface DispatchParts {
  store: Store
  events: EventBus
  session: SessionService
  changes: CaseChangeRecorder
  worker: Pick<OutboxWorker, 'wake' | 'drain'>
  settings: DeskSettings
  labels: LabelDesk
  creation: ShipmentCreation
  cancellation: ShipmentCancellation
  handover: HandoverDesk
  tracker: Tracker
  shipping: ShippingDeps
  /** How long `ship` waits for the carrier's first answer. Default 10.5 s. */
  deskWaitMs?: number
  /** Hall mode: a desk step on a case the hall knows claims the hall's version first (services/hall/hallGate.ts). */
  gate?: CaseGate
}

/** Runs a sync local step of a case, after whatever the hall must agree to first. */
export interface CaseGate {
  step<T>(caseNo: string, step: () => T): Promise<T>
}

export interface ShipAllResult {
  queued: number
  skipped: Array<{ caseNo: string; message: string }>
}

/** A little past the carrier call's own 10 s limit, so an attempt that times out still answers with its reason. */
const DESK_WAIT_MS = 10_500

/** Cases shipped per transaction by `shipAllReady` (a refused one rolls back only itself). */
const SHIP_ALL_CHUNK = 200

export class DispatchService {
  private stopListening: (() => void) | null = null

  constructor(private readonly parts: DispatchParts) {}

  /** Labels printed while down are caught up; print jobs are followed; tracking polls on the hall clock. */
  start(options: { trackEveryMs?: number } = {}): void {
    if (this.stopListening) return
    this.stopListening = this.parts.events.on('print.job', (job) => this.parts.labels.onJob(job))
    this.parts.labels.catchUp()
    this.parts.tracker.start(options.trackEveryMs)
  }

  async stop(): Promise<void> {
    this.stopListening?.()
    this.stopListening = null
    await this.parts.tracker.stop()
  }

  desk(): { carrier: { kind: 'manual' | 'http'; name: string; isEmulated: boolean }; openBatch: HandoverBatchView | null; pending: ShipmentView[]; exceptions: ShipmentView[] } {
    const { store, settings, handover } = this.parts
    const open = handover.findOpenBatch()
    const pending = [
      ...store.shipments.list({ status: 'queued', limit: 200 }),
      ...store.shipments.list({ status: 'created', limit: 200 }),
      // Out of the batch with its label printed: a cancel waiting for the carrier's word.
      ...store.shipments.list({ status: 'label_printed', limit: 200 }).filter((s) => s.batchId === null),
    ]
    return {
      carrier: { kind: settings.kind, name: settings.carrierName, isEmulated: settings.isEmulated },
      openBatch: open ? toBatchView(open, handover.membersOf(open.id)) : null,
      pending: pending.map((s) => this.view(s)),
      exceptions: store.shipments
        .exceptions(100)
        .filter((s) => isDeliveryException(s.status))
        .map((s) => this.view(s)),
    }
  }

  check(input: { caseNo: string }): { ok: boolean; reason: ShipRefusal | null; message: string | null } {
    const result = checkShippable(this.parts.store, input.caseNo)
    return result.ok ? { ok: true, reason: null, message: null } : { ok: false, reason: result.reason, message: result.message }
  }

  async ship(input: { caseNo: string; waybillNo?: string | undefined }): Promise<ShipmentView> {
    const operator = requireOperator(this.parts.session)
    const ship = (): ShipmentRecord => shipCase(this.parts.shipping, input, operator)
    const shipment = this.parts.gate ? await this.parts.gate.step(input.caseNo, ship) : ship()
    this.changed(shipment)
    if (shipment.status === 'queued') {
      // Registered before the worker can hear of the row (it is told on the next turn), so its first attempt is not missed.
      const attempt = this.parts.creation.nextAttempt(shipment.id, this.parts.deskWaitMs ?? DESK_WAIT_MS)
      this.parts.worker.wake(CARRIER_LANE)
      await attempt
      // The worker stores the attempt's outcome right after the consumer returns: read the row once it has.
      await nextTurn()
    }
    return this.view(this.mustFind(shipment.id))
  }

  /**
   * 取消寄递: the case back to ready at once; the carrier's order cancelled
   * through the outbox (waiting a little for its answer, like `ship`), or at
   * once when it never reached the carrier.
   */
  async cancel(input: { shipmentId: number; reason: string }): Promise<ShipmentView> {
    const operator = requireOperator(this.parts.session)
    const cancel = (): ReturnType<typeof requestCancel> => requestCancel(this.parts.shipping, input, operator)
    // The unship is the case's step: gated by its case number (the shipment row is this station's own).
    const caseNo = this.parts.gate ? this.parts.store.shipments.findById(input.shipmentId)?.caseNo : undefined
    const { shipment, via } = this.parts.gate && caseNo ? await this.parts.gate.step(caseNo, cancel) : cancel()
    this.changed(shipment)
    if (via === 'carrier') {
      const attempt = this.parts.cancellation.nextAttempt(shipment.id, this.parts.deskWaitMs ?? DESK_WAIT_MS)
      this.parts.worker.wake(CARRIER_LANE)
      await attempt
      await nextTurn()
    }
    return this.view(this.mustFind(shipment.id))
  }

  /**
   * The carrier's route push, as the station host received it: the events
   * are stored (and followed) before the answer is made, so the carrier's
   * success reply means they are kept; anything else makes it resend.
   */
  receivePush(body: Uint8Array, headers: Record<string, string>): { status: number; body: string } {
    const { adapter } = this.parts.shipping
    if (!adapter.parsePush) return { status: 404, body: JSON.stringify({ return_code: '1000', return_msg: '本站承运商不支持轨迹推送' }) }
    const parsed = adapter.parsePush(body, headers)
    if (parsed.ack.status === 200) this.parts.tracker.receive(parsed.events)
    return parsed.ack
  }

  reprintLabel(input: { shipmentId: number }): ShipmentView {
    const operator = requireOperator(this.parts.session)
    const shipment = this.parts.labels.reprint(input.shipmentId, operator)
    this.changed(shipment)
    return this.view(shipment)
  }

  closeBatch(input: CloseRequest): { batch: HandoverBatchView; printJobId: number | null; handoverList: HandoverListData; leftForNextBatch: number } {
    const operator = requireOperator(this.parts.session)
    const { batch, leftForNextBatch } = this.parts.handover.close(input, operator)
    // The handover list is an A4 sheet: it goes to PDF through the outbox (lane `documents`), not to a printer's queue.
    // The desk shows the same sheet the PDF is made from.
    return { batch: toBatchView(batch, []), printJobId: null, handoverList: this.parts.handover.listData(batch), leftForNextBatch }
  }

  shipments(input: { status?: ShipmentStatus | undefined; limit: number }): ShipmentView[] {
    return this.parts.store.shipments.list({ ...(input.status ? { status: input.status } : {}), limit: input.limit }).map((s) => this.view(s))
  }

  track(): Promise<PollResult> {
    return this.parts.tracker.pollAll()
  }

  /** The shipments whose poll is due on the hall clock (what the station's timer runs). */
  trackDue(): Promise<PollResult> {
    return this.parts.tracker.pollDue()
  }

  /** The desk's "ship all ready": every ready express case without a shipment; refused ones are listed, not fatal. */
  shipAllReady(options: { operator?: string } = {}): ShipAllResult {
    const { store, changes } = this.parts
    const operator = options.operator ?? requireOperator(this.parts.session)
    const caseNos: string[] = []
    for (let cursor: { key: string; id: number } | undefined; ; ) {
      const page = store.queue.page({ states: ['ready'], today: plainDateOf(this.parts.shipping.clock.now()) }, 'oldest', cursor, 500)
      for (const c of page) if (c.delivery === 'express') caseNos.push(c.caseNo)
      const last = page[page.length - 1]
      if (!last || page.length < 500) break
      cursor = { key: last.acceptedAt, id: last.id }
    }
    const result: ShipAllResult = { queued: 0, skipped: [] }
    for (let i = 0; i < caseNos.length; i += SHIP_ALL_CHUNK) {
      const shipped: ShipmentRecord[] = []
      changes.transaction(() => {
        for (const caseNo of caseNos.slice(i, i + SHIP_ALL_CHUNK)) {
          try {
            shipped.push(shipCase(this.parts.shipping, { caseNo }, operator))
          } catch (err) {
            if (!(err instanceof AppError)) throw err
            result.skipped.push({ caseNo, message: err.message })
          }
        }
      })
      result.queued += shipped.length
      for (const s of shipped) this.changed(s)
    }
    this.parts.worker.wake(CARRIER_LANE)
    return result
  }

  /** Runs the outbox until nothing is due on the carrier lane (or the timeout); counts over every shipment. */
  async drain(options: { timeoutMs: number }): Promise<{ created: number; waiting: number; parked: number }> {
    await this.parts.worker.drain({ timeoutMs: options.timeoutMs })
    const lane = this.parts.store.outbox.counts().byLane[CARRIER_LANE]
    const created = this.list().filter((s) => s.waybillNo !== null && s.status !== 'cancelled').length
    return { created, waiting: (lane?.waiting ?? 0) + (lane?.leased ?? 0), parked: lane?.parked ?? 0 }
  }

  /** Every shipment, newest first, as the CLI lists them. */
  list(): Array<{ caseNo: string; clientOrderId: string; waybillNo: string | null; status: ShipmentStatus }> {
    return this.parts.store.shipments.list({ limit: Number.MAX_SAFE_INTEGER }).map((s) => ({ caseNo: s.caseNo, clientOrderId: s.clientOrderId, waybillNo: s.waybillNo, status: s.status }))
  }

  view(s: ShipmentRecord): ShipmentView {
    const { outbox } = this.parts.store
    const isCancellable = s.status === 'queued' || s.status === 'created' || s.status === 'label_printed'
    return toShipmentView(s, s.status === 'queued' ? outbox.byKey(createKey(s.clientOrderId)) : undefined, isCancellable ? outbox.byKey(cancelKey(s.clientOrderId)) : undefined)
  }

  /** Tells screens a shipment moved (after its transaction committed). */
  changed(s: ShipmentRecord): void {
    this.parts.events.emit('dispatch.changed', { shipmentId: s.id, caseNo: s.caseNo, status: s.status })
  }

  private mustFind(id: number): ShipmentRecord {
    const s = this.parts.store.shipments.findById(id)
    if (!s) throw new AppError('NOT_FOUND', `寄递记录 ${id} 不存在`, 'shipmentId')
    return s
  }
}
