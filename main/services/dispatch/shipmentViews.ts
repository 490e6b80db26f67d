/**
 * Shipments and batches as the desk shows them: the recipient's phone
 * masked, a shipment still without a waybill with the outbox's reason and
 * next attempt, a return or failed delivery with the carrier's words and a
 * next step.
 */
import type { HandoverBatchView, ShipmentView } from '../../contract/dispatch'
import { exceptionNextStep, isDeliveryException } from '../../domain/dispatch/deliveryExceptions'
import { maskPhone } from '../../domain/masking'
import type { OutboxRecord } from '../../store/outboxRepository'
import type { HandoverBatchRecord, ShipmentRecord } from '../../store/shipmentRecords'

function waitingOf(s: ShipmentRecord, row: OutboxRecord | undefined): ShipmentView['waiting'] {
  if (s.status !== 'queued') return null
  if (!row) return { reason: s.lastError, nextAttemptAt: null, parked: false }
  return {
    reason: row.lastError ?? s.lastError,
    nextAttemptAt: row.state === 'waiting' ? row.nextAttemptAt : null,
    parked: row.state === 'parked',
  }
}

/** A cancel asked for and not yet confirmed by the carrier (waiting, in flight, or parked for a person). */
function cancellingOf(s: ShipmentRecord, row: OutboxRecord | undefined): ShipmentView['cancelling'] {
  if (s.status === 'cancelled' || !row || (row.state !== 'waiting' && row.state !== 'leased' && row.state !== 'parked')) return null
  const payload = row.payload as { reason?: unknown } | null
  return {
    reason: typeof payload?.reason === 'string' ? payload.reason : '',
    lastError: row.lastError,
    nextAttemptAt: row.state === 'waiting' ? row.nextAttemptAt : null,
    parked: row.state === 'parked',
  }
}

export function toShipmentView(s: ShipmentRecord, createRow: OutboxRecord | undefined, cancelRow?: OutboxRecord): ShipmentView {
  const r = s.recipient
  const reason = s.exceptionReason
  return {
    id: s.id,
    caseNo: s.caseNo,
    carrier: s.carrier === 'http' ? 'http' : 'manual',
    clientOrderId: s.clientOrderId,
    waybillNo: s.waybillNo,
    status: s.status,
    statusAt: s.statusAt,
    recipient: { name: r.name, phoneMasked: maskPhone(r.phone), region: `${r.province}${r.city === r.province ? '' : r.city}${r.district}`, address: r.address },
    labelPrints: s.labelPrints,
    batchId: s.batchId,
    waiting: waitingOf(s, createRow),
    cancelling: cancellingOf(s, cancelRow),
    exception: isDeliveryException(s.status) ? { reason: reason ?? '承运商未说明原因', nextStep: exceptionNextStep(s.status, reason ?? '') } : null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }
}

/** An open batch lists what joined it (waybill or not yet); a closed one what the courier signed for. */
export function toBatchView(batch: HandoverBatchRecord, members: readonly ShipmentRecord[]): HandoverBatchView {
  const isClosed = batch.closedAt !== null
  return {
    id: batch.id,
    carrier: batch.carrier,
    openedAt: batch.openedAt,
    closedAt: batch.closedAt,
    items: isClosed
      ? batch.items.map((i) => ({ shipmentId: i.shipmentId, caseNo: i.caseNo, waybillNo: i.waybillNo, status: i.status, recipientName: i.recipientName }))
      : members.map((s) => ({ shipmentId: s.id, caseNo: s.caseNo, waybillNo: s.waybillNo, status: s.status, recipientName: s.recipient.name })),
    courier: isClosed ? { name: batch.courierName ?? '', idMasked: batch.courierIdMasked ?? '', phoneMasked: batch.courierPhoneMasked } : null,
  }
}
