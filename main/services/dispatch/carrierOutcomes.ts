/**
 * How a carrier call that failed settles its outbox row — the same for a
 * create and a cancel: a retryable class waits (a 429's Retry-After as its
 * floor; a lost reply marked uncertain, so the next attempt asks the carrier
 * first), anything else is parked for a person. Either way the carrier's own
 * words go on the shipment row for the desk, in the outcome's transaction.
 */
import type { CarrierError } from '../../domain/dispatch/carrierErrors'
import type { OutboxContext, OutboxOutcome } from '../../outbox/outboxWorker'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'

export interface OutcomeDeps {
  store: Store
  /** After commit: the desk hears of the shipment's new state. */
  changed: (shipment: ShipmentRecord) => void
}

export function carrierFailure(deps: OutcomeDeps, s: ShipmentRecord, err: CarrierError, ctx: OutboxContext): OutboxOutcome {
  if (!err.retryable) return parkedOutcome(deps, s, err.cls, err.message, ctx)
  return {
    kind: 'retry',
    reason: err.message,
    errorClass: err.cls,
    ...(err.detail.retryAfterMs !== undefined ? { retryAfterMs: err.detail.retryAfterMs } : {}),
    ...(err.cls === 'unknown_outcome' ? { uncertain: true } : {}),
    ...noted(deps, s, err.cls, err.message, ctx),
  }
}

export function parkedOutcome(deps: OutcomeDeps, s: ShipmentRecord, cls: string, message: string, ctx: OutboxContext): OutboxOutcome {
  return { kind: 'park', reason: message, errorClass: cls, ...noted(deps, s, cls, message, ctx) }
}

/** The carrier's last word on the shipment row (the outbox row keeps its own), stored with the outcome. */
function noted(deps: OutcomeDeps, s: ShipmentRecord, cls: string, message: string, ctx: OutboxContext): Pick<OutboxOutcome, 'record' | 'settled'> {
  const { store } = deps
  let isNoted = false
  return {
    record: () => {
      store.shipments.recordError(s.id, { cls, message }, ctx.now())
      isNoted = true
    },
    settled: () => {
      if (isNoted && store.isOpen) deps.changed(store.shipments.findById(s.id)!)
    },
  }
}
