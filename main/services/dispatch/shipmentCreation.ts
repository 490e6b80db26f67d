/**
 * The outbox consumer that creates waybills (lane `carrier`, kind
 * `shipment.create`), exactly once per client order id (specs/dispatch.md §B3):
 *
 * 1. an attempt after one that may have reached the carrier (uncertain, or
 *    any earlier attempt) asks the carrier for the order first and adopts it;
 * 2. otherwise it creates; a "duplicate order" answer (SF 8016) is looked up
 *    and adopted when our request is the one on the shipment row, else parked
 *    as a conflict;
 * 3. transient failures, throttling and unknown outcomes are retried (a 429's
 *    Retry-After as the floor); anything else is parked with the carrier's
 *    own words for a person.
 *
 * Adopting writes the waybill, the route label, status `created`, the
 * label's print job and the audit row in the transaction that marks the
 * outbox row done (`record`): a drain's adoptions share their commits, and
 * a desk waiting for the attempt is woken once its outcome is stored.
 */
import type { CallCtx, CarrierAdapter, CreatedShipment } from '../../dispatch/carrierAdapter'
import { isCarrierError, type CarrierError } from '../../domain/dispatch/carrierErrors'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import type { OutboxConsumer, OutboxContext, OutboxOutcome, OutboxRow } from '../../outbox/outboxWorker'
import { carrierFailure, parkedOutcome } from './carrierOutcomes'
import type { ShipmentRecord, ShipmentRouteLabel } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import type { DeskSettings } from './deskSettings'
import type { LabelDesk } from './labelPrinting'
import { AttemptWaiters } from './attemptWaiters'
import { cancelKey, requestHash, type CreatePayload } from './shipmentRequests'

export interface CreationDeps {
  store: Store
  adapter: CarrierAdapter
  labels: LabelDesk
  settings: DeskSettings
  stationId: string
  /** One HTTP attempt's longest wait. */
  timeoutMs: number
  /** After a shipment changed (committed). */
  changed(shipment: ShipmentRecord): void
}

function isCreatePayload(value: unknown): value is CreatePayload {
  const p = value as Partial<CreatePayload> | null
  return !!p && typeof p.shipmentId === 'number' && !!p.request && typeof p.request.clientOrderId === 'string'
}

export class ShipmentCreation implements OutboxConsumer {
  private readonly waiters = new AttemptWaiters()

  constructor(private readonly deps: CreationDeps) {}

  /** Resolves after the next attempt for this shipment ends, or after `ms`. */
  nextAttempt(shipmentId: number, ms: number): Promise<void> {
    return this.waiters.next(shipmentId, ms)
  }

  async handle(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome> {
    if (!isCreatePayload(row.payload)) return { kind: 'park', reason: `外发作业 #${row.id} 的内容不是寄递下单请求`, errorClass: 'bad_payload' }
    const payload = row.payload
    return this.waiters.settleAttempt(payload.shipmentId, () => this.attempt(row, payload, ctx))
  }

  /** The clerk cancelled the shipment: no order is made any more (the cancel row, next in the case's order, settles the carrier). */
  private isCancelRequested(s: ShipmentRecord): boolean {
    const row = this.deps.store.outbox.byKey(cancelKey(s.clientOrderId))
    return row !== undefined && row.state !== 'cancelled'
  }

  private async attempt(row: OutboxRow, payload: CreatePayload, ctx: OutboxContext): Promise<OutboxOutcome> {
    const { store, adapter } = this.deps
    const s = store.shipments.findById(payload.shipmentId)
    if (!s) return { kind: 'park', reason: `寄递记录 ${payload.shipmentId} 不存在（订单 ${payload.request.clientOrderId}）`, errorClass: 'bad_payload' }
    if (s.status === 'cancelled' || this.isCancelRequested(s)) return { kind: 'done', result: { skipped: 'cancelled' } }
    // Adopted already: the worker stopped between our commit and its own.
    if (s.status !== 'queued') return { kind: 'done', result: { waybillNo: s.waybillNo } }
    const call = (): CallCtx => ({ requestId: row.idempotencyKey, deadlineMs: Date.now() + this.deps.timeoutMs, signal: ctx.signal, now: ctx.now })
    try {
      if (row.uncertain || row.attempts > 1 || row.lastErrorClass === 'unknown_outcome') {
        const found = await adapter.findByClientOrderId(s.clientOrderId, call())
        if (found) return this.adopt(s, found, payload, 'reconciled', ctx)
      }
      return this.adopt(s, await adapter.createShipment(payload.request, call()), payload, 'created', ctx)
    } catch (err) {
      if (!isCarrierError(err)) throw err
      if (!err.isDuplicateOrder) return this.failed(s, err, ctx)
      try {
        const found = await adapter.findByClientOrderId(s.clientOrderId, call())
        if (!found) {
          return { kind: 'retry', reason: `承运商报订单号 ${s.clientOrderId} 已用，但暂查不到该订单，稍后再查`, errorClass: 'unknown_outcome', uncertain: true }
        }
        return this.adopt(s, found, payload, 'duplicate', ctx)
      } catch (lookup) {
        if (!isCarrierError(lookup)) throw lookup
        return this.failed(s, lookup, ctx)
      }
    }
  }

  private adopt(s: ShipmentRecord, order: CreatedShipment, payload: CreatePayload, how: 'created' | 'reconciled' | 'duplicate', ctx: OutboxContext): OutboxOutcome {
    const { store } = this.deps
    if (order.isCancelled) {
      return this.park(s, 'conflict', `承运商处订单 ${s.clientOrderId} 已取消，不能沿用：请取消本次寄递后重新寄递（将使用新的订单号）`, ctx)
    }
    // Found under our order id: it is ours only if it was made from the request on this shipment.
    if (how !== 'created' && s.payloadHash !== null && requestHash(payload.request) !== s.payloadHash) {
      return this.park(s, 'conflict', `承运商已有订单 ${s.clientOrderId}，但与本次寄递的收寄信息不一致，未沿用：请核对后取消并重新寄递`, ctx)
    }
    const now = ctx.now()
    let bound: ShipmentRecord | undefined
    // Runs in the worker's transaction that marks the row done: both commit, or neither.
    const record = (): OutboxOutcome | void => {
      const current = store.shipments.findById(s.id)!
      if (current.status !== 'queued') return { kind: 'done', result: { waybillNo: current.waybillNo, via: how } }
      try {
        bound = store.transaction(() => {
          const shipment = store.shipments.bindWaybill(s.id, { waybillNo: order.waybillNo, routeLabel: this.routeLabelOf(order), at: now })
          // Cancelled while this attempt was in flight: the waybill is kept for the cancel, no label goes on a parcel.
          const job = this.isCancelRequested(shipment) ? null : this.deps.labels.queue(shipment, shipment.operator, now)
          store.audit({
            at: utcTimestamp(now),
            operator: shipment.operator,
            stationId: this.deps.stationId,
            action: 'dispatch.waybill',
            caseNo: shipment.caseNo,
            details: { shipmentId: shipment.id, clientOrderId: shipment.clientOrderId, waybillNo: order.waybillNo, via: how, serviceable: order.serviceable, labelJobId: job?.id ?? null },
          })
          return store.shipments.findById(s.id)!
        })
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        const parked = this.park(s, 'conflict', err.message, ctx)
        parked.record?.()
        return parked
      }
    }
    return {
      kind: 'done',
      result: { waybillNo: order.waybillNo, via: how },
      record,
      settled: () => {
        if (bound) this.deps.changed(bound)
      },
    }
  }

  private routeLabelOf(order: CreatedShipment): ShipmentRouteLabel {
    const r = order.routeLabel
    const label: ShipmentRouteLabel = { productName: this.deps.settings.productOf(r?.proCode) }
    if (r?.destRouteLabel) label.destRouteLabel = r.destRouteLabel
    if (r?.codingMapping) label.codingMapping = r.codingMapping
    if (r?.originCode) label.originCode = r.originCode
    if (r?.destCode) label.destCode = r.destCode
    if (r?.qrPayload) label.qrPayload = r.qrPayload
    return label
  }

  private failed(s: ShipmentRecord, err: CarrierError, ctx: OutboxContext): OutboxOutcome {
    return carrierFailure(this.deps, s, err, ctx)
  }

  private park(s: ShipmentRecord, cls: string, message: string, ctx: OutboxContext): OutboxOutcome {
    return parkedOutcome(this.deps, s, cls, message, ctx)
  }
}
