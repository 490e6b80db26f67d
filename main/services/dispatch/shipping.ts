/**
 * A ready express case handed to the courier desk, in one transaction: the
 * shipment row (its client order id fixed before any carrier call), the case
 * ready → shipping with its timeline and audit rows, the shipment in the
 * open handover batch, and then either the carrier's create as an outbox row
 * (http) or the scanned pre-printed waybill bound at once with its label
 * queued (manual). Nothing reaches the network here.
 */
import type { CarrierAdapter } from '../../dispatch/carrierAdapter'
import { describeWaybillProblem, normalizeWaybillNo, waybillProblem } from '../../domain/dispatch/waybillCheck'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import { recordCaseStep } from './caseSteps'
import type { DeskSettings } from './deskSettings'
import type { HandoverDesk } from './handoverDesk'
import type { LabelDesk } from './labelPrinting'
import { checkShippable, refusalError } from './shipReadiness'
import { businessPart, CARRIER_LANE, CREATE_KIND, createKey, createRequest, payloadHash, type CreatePayload } from './shipmentRequests'

export interface ShippingDeps {
  store: Store
  changes: CaseChangeRecorder
  adapter: CarrierAdapter
  settings: DeskSettings
  labels: LabelDesk
  handover: HandoverDesk
  stationId: string
  clock: { now(): Date }
}

/** The scanned pre-printed waybill, checked (manual), or refused where the carrier assigns numbers (http). */
function scannedWaybill(deps: ShippingDeps, raw: string | undefined): string | null {
  if (deps.settings.kind === 'http') {
    if (raw && raw.trim() !== '') {
      throw new AppError('BAD_INPUT', '本站通过承运商接口下单，运单号由承运商分配：请只扫描受理回执，不要扫描预印面单', 'waybillNo')
    }
    return null
  }
  if (!raw || raw.trim() === '') throw new AppError('BAD_INPUT', '手工面单模式：请扫描预印面单上的运单号条码', 'waybillNo')
  if (!deps.adapter.validateWaybillNo(raw)) {
    const problem = waybillProblem(raw)
    throw new AppError('BAD_INPUT', problem ? describeWaybillProblem(problem) : `运单号 ${raw} 无效，请重新扫描`, 'waybillNo')
  }
  const waybillNo = normalizeWaybillNo(raw)
  const used = deps.store.shipments.findByWaybill(waybillNo)
  if (used) throw new AppError('CONFLICT', `运单号 ${waybillNo} 已用于办件 ${used.caseNo}，请换一张面单`, 'waybillNo')
  return waybillNo
}

/** Ships one case (its own transaction, or a savepoint of the caller's); the caller tells screens once committed. */
export function shipCase(deps: ShippingDeps, input: { caseNo: string; waybillNo?: string | undefined }, operator: string): ShipmentRecord {
  const { store, settings } = deps
  const shippable = checkShippable(store, input.caseNo)
  if (!shippable.ok) throw refusalError(shippable)
  const waybillNo = scannedWaybill(deps, input.waybillNo)
  const caseNo = shippable.summary.caseNo
  const part = businessPart(shippable.recipient, settings.sender)
  const now = deps.clock.now()
  const at = utcTimestamp(now)
  return deps.changes.transaction((scope) => {
    const created = store.shipments.create({
      caseNo,
      caseId: shippable.summary.id,
      carrier: settings.kind,
      recipient: shippable.recipient,
      payloadHash: payloadHash(part),
      operator,
      stationId: deps.stationId,
      at: now,
    })
    const batch = deps.handover.openBatch(operator, now)
    store.handover.enlist(batch.id, created.id, now)
    const payload: CreatePayload = { shipmentId: created.id, request: createRequest(created, part) }
    recordCaseStep(store, scope, {
      caseNo,
      action: 'ship',
      at,
      operator,
      stationId: deps.stationId,
      note: waybillNo ? `寄递：绑定预印运单 ${waybillNo}` : `寄递：向承运商下单（订单号 ${created.clientOrderId}）`,
      details: { shipmentId: created.id, clientOrderId: created.clientOrderId, carrier: settings.kind, batchId: batch.id, ...(waybillNo ? { waybillNo } : {}) },
      // The carrier's create leaves with the change that needs it: orderKey keeps a case's carrier calls in order.
      ...(waybillNo ? {} : { outbox: [{ lane: CARRIER_LANE, kind: CREATE_KIND, idempotencyKey: createKey(created.clientOrderId), orderKey: caseNo, payload }] }),
    })
    if (waybillNo) {
      const bound = store.shipments.bindWaybill(created.id, { waybillNo, routeLabel: { productName: settings.productOf(undefined) }, at: now })
      deps.labels.queue(bound, operator, now)
    }
    return store.shipments.findById(created.id)!
  })
}
