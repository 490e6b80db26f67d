/**
 * The outbox consumer that cancels carrier orders (lane `carrier`, kind
 * `shipment.cancel`, specs/dispatch.md §B3), exactly once per shipment and
 * generation:
 *
 * 1. an attempt after one that may have reached the carrier asks for the
 *    order first: gone (never made) or already cancelled → confirmed, with
 *    no second cancel sent;
 * 2. otherwise it cancels; the carrier's "already cancelled" is a success,
 *    and so is "no such order" (the create never reached it);
 * 3. transient failures and unknown outcomes are retried (a 429's
 *    Retry-After as the floor); a refusal (picked up already) is parked
 *    with the carrier's words for a person.
 *
 * Confirmed: the shipment turns `cancelled` with an audit row; the next ship
 * of the case takes the next generation of its order number.
 */
import type { CallCtx, CarrierAdapter } from '../../dispatch/carrierAdapter'
import { isCarrierError, type CarrierError } from '../../domain/dispatch/carrierErrors'
import { STATUS_RANK } from '../../domain/dispatch/shipmentStatus'
import { shipmentStatusLabels } from '../../domain/dispatch/shipmentStatusLabels'
import { utcTimestamp } from '../../domain/timestamps'
import type { OutboxConsumer, OutboxContext, OutboxOutcome, OutboxRow } from '../../outbox/outboxWorker'
import { carrierFailure, parkedOutcome } from './carrierOutcomes'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import { AttemptWaiters } from './attemptWaiters'
import type { CancelPayload } from './shipmentRequests'

export interface CancellationDeps {
  store: Store
  adapter: CarrierAdapter
  stationId: string
  /** One HTTP attempt's longest wait. */
  timeoutMs: number
  /** After a shipment changed (committed). */
  changed(shipment: ShipmentRecord): void
}

type Confirmation = 'cancelled' | 'already_cancelled' | 'not_at_carrier'

function isCancelPayload(value: unknown): value is CancelPayload {
  const p = value as Partial<CancelPayload> | null
  return !!p && typeof p.shipmentId === 'number' && typeof p.clientOrderId === 'string'
}

export class ShipmentCancellation implements OutboxConsumer {
  private readonly waiters = new AttemptWaiters()

  constructor(private readonly deps: CancellationDeps) {}

  /** Resolves after the next cancel attempt for this shipment ends, or after `ms`. */
  nextAttempt(shipmentId: number, ms: number): Promise<void> {
    return this.waiters.next(shipmentId, ms)
  }

  async handle(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome> {
    if (!isCancelPayload(row.payload)) return { kind: 'park', reason: `外发作业 #${row.id} 的内容不是取消寄递请求`, errorClass: 'bad_payload' }
    const payload = row.payload
    return this.waiters.settleAttempt(payload.shipmentId, () => this.attempt(row, payload, ctx))
  }

  private async attempt(row: OutboxRow, payload: CancelPayload, ctx: OutboxContext): Promise<OutboxOutcome> {
    const { store, adapter } = this.deps
    const s = store.shipments.findById(payload.shipmentId)
    if (!s || s.clientOrderId !== payload.clientOrderId) {
      return { kind: 'park', reason: `寄递记录 ${payload.shipmentId} 不存在或订单号不符（订单 ${payload.clientOrderId}）`, errorClass: 'bad_payload' }
    }
    if (s.status === 'cancelled') return { kind: 'done', result: { cancelled: 'already' } }
    if (STATUS_RANK[s.status] >= STATUS_RANK.handed_over) {
      return this.park(s, 'conflict', `办件 ${s.caseNo} 的快件已${shipmentStatusLabels[s.status]}，不能再取消订单 ${s.clientOrderId}：请联系承运商拦截`, ctx)
    }
    const call = (): CallCtx => ({ requestId: row.idempotencyKey, deadlineMs: Date.now() + this.deps.timeoutMs, signal: ctx.signal, now: ctx.now })
    try {
      if (row.uncertain || row.attempts > 1 || row.lastErrorClass === 'unknown_outcome') {
        const found = await adapter.findByClientOrderId(s.clientOrderId, call())
        if (!found) return this.confirm(s, payload, 'not_at_carrier', ctx)
        if (found.isCancelled) return this.confirm(s, payload, 'already_cancelled', ctx)
      }
      // The waybill as it stands now: a create in flight when the clerk cancelled may have bound one since.
      const answer = await adapter.cancelShipment({ clientOrderId: s.clientOrderId, ...(s.waybillNo ? { waybillNo: s.waybillNo } : {}) }, call())
      return this.confirm(s, payload, answer, ctx)
    } catch (err) {
      if (!isCarrierError(err)) throw err
      if (err.cls === 'not_found') return this.confirm(s, payload, 'not_at_carrier', ctx)
      return this.failed(s, err, ctx)
    }
  }

  /** The carrier has no live order any more: the shipment turns `cancelled`, in the worker's transaction that marks the row done. */
  private confirm(s: ShipmentRecord, payload: CancelPayload, how: Confirmation, ctx: OutboxContext): OutboxOutcome {
    const { store } = this.deps
    const now = ctx.now()
    let after: ShipmentRecord | null = null
    const record = (): OutboxOutcome | void => {
      const change = store.shipments.setStatus(s.id, 'cancelled', now)
      if (!change.changed) {
        const current = store.shipments.findById(s.id)!
        if (current.status === 'cancelled') return
        // Delivered or returned meanwhile by the carrier's own tracking: kept as it is, for a person to look at.
        const message = `承运商已确认取消订单 ${s.clientOrderId}，但本地寄递已${shipmentStatusLabels[current.status]}：请核对`
        store.shipments.recordError(s.id, { cls: 'conflict', message }, now)
        return { kind: 'park', reason: message, errorClass: 'conflict' }
      }
      store.shipments.recordError(s.id, null, now)
      store.audit({
        at: utcTimestamp(now),
        operator: payload.operator,
        stationId: this.deps.stationId,
        action: 'dispatch.cancelled',
        caseNo: s.caseNo,
        details: { shipmentId: s.id, clientOrderId: s.clientOrderId, waybillNo: s.waybillNo, via: how, reason: payload.reason },
      })
      after = store.shipments.findById(s.id)!
    }
    return {
      kind: 'done',
      result: { cancelled: how },
      record,
      settled: () => {
        if (after) this.deps.changed(after)
      },
    }
  }

  private failed(s: ShipmentRecord, err: CarrierError, ctx: OutboxContext): OutboxOutcome {
    return carrierFailure(this.deps, s, err, ctx)
  }

  private park(s: ShipmentRecord, cls: string, message: string, ctx: OutboxContext): OutboxOutcome {
    return parkedOutcome(this.deps, s, cls, message, ctx)
  }
}
