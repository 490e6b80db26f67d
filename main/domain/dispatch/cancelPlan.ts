/**
 * How a shipment is cancelled (取消寄递, specs/dispatch.md §B3/§B4), decided
 * from what the station knows: only before the courier has the parcel; at
 * once, with no carrier call, when no create can have reached the carrier;
 * else by a cancel row on the carrier's outbox lane, which runs after any
 * create of the same case (same order key) and asks the carrier first when
 * an earlier attempt's outcome is unknown.
 */
import { shipmentStatusLabels } from './shipmentStatusLabels'
import type { NormalStatus } from './shipmentStatus'

/** The create row of the shipment as the outbox holds it (null: none was written). */
export interface CreateRowFacts {
  state: 'waiting' | 'leased' | 'done' | 'parked' | 'cancelled'
  /** An attempt may have reached the carrier (timed out after sending, reply cut off, worker died). */
  uncertain: boolean
  lastErrorClass: string | null
}

export type CancelPlan =
  /** Nothing is cancelled: already cancelled, a cancel already on its way, or the courier has the parcel. */
  | { kind: 'refuse'; why: 'cancelled' | 'pending' | 'too_late' }
  /** No carrier holds the order: the create row (if still open) is dropped and the shipment is cancelled now. */
  | { kind: 'local'; dropCreate: boolean }
  /** The carrier may hold the order: a cancel row goes out; a create row not yet run again is dropped first. */
  | { kind: 'carrier'; dropCreate: boolean }

const CANCELLABLE: ReadonlySet<NormalStatus> = new Set(['queued', 'created', 'label_printed'])

export function planCancel(input: { status: NormalStatus; carrier: 'manual' | 'http'; createRow: CreateRowFacts | null; isCancelPending: boolean }): CancelPlan {
  const { status, createRow } = input
  if (status === 'cancelled') return { kind: 'refuse', why: 'cancelled' }
  if (input.isCancelPending) return { kind: 'refuse', why: 'pending' }
  if (!CANCELLABLE.has(status)) return { kind: 'refuse', why: 'too_late' }
  const isOpen = createRow !== null && (createRow.state === 'waiting' || createRow.state === 'parked')
  // A pre-printed waybill concerns no one else: nothing to ask.
  if (input.carrier === 'manual') return { kind: 'local', dropCreate: isOpen }
  // A waybill is bound: the carrier made the order.
  if (status !== 'queued') return { kind: 'carrier', dropCreate: false }
  if (createRow === null || createRow.state === 'cancelled') return { kind: 'local', dropCreate: false }
  // In flight now, or finished without binding a waybill: the carrier may have the order.
  if (!isOpen) return { kind: 'carrier', dropCreate: false }
  // Every attempt so far ended knowing nothing was made — unless one may have reached the carrier, or the
  // carrier said it already holds an order under this id (8016 on a different request).
  const mayBeAtCarrier = createRow.uncertain || createRow.lastErrorClass === 'conflict' || createRow.lastErrorClass === 'unknown_outcome'
  return { kind: mayBeAtCarrier ? 'carrier' : 'local', dropCreate: true }
}

/** The clerk's sentence for a refused cancel. */
export function cancelRefusal(why: 'cancelled' | 'pending' | 'too_late', caseNo: string, status: NormalStatus): string {
  switch (why) {
    case 'cancelled':
      return `办件 ${caseNo} 的寄递已取消`
    case 'pending':
      return `办件 ${caseNo} 的寄递已在取消中，正在等待承运商确认`
    case 'too_late':
      return `办件 ${caseNo} 的快件已${shipmentStatusLabels[status]}，寄递台不能再取消：请联系承运商拦截`
  }
}
