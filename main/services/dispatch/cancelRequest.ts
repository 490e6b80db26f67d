/**
 * 取消寄递 at the desk, in one transaction (specs/dispatch.md §B3): the case
 * back from `shipping` to `ready` with the reason on its timeline and audit
 * rows, the shipment out of the open batch, and then either
 *
 * - no carrier call at all, when no create can have reached the carrier (a
 *   manual waybill, or a create row that never ran or only failed knowing
 *   nothing was made): that row is dropped and the shipment is cancelled now;
 * - or a `shipment.cancel` row on the carrier lane (one per shipment and
 *   generation), run after the case's create by their shared order key; the
 *   shipment turns `cancelled` when the carrier confirms it.
 *
 * Nothing reaches the network here.
 */
import { cancelRefusal, planCancel, type CancelPlan } from '../../domain/dispatch/cancelPlan'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import { recordCaseStep } from './caseSteps'
import type { DeskSettings } from './deskSettings'
import { CANCEL_KIND, CARRIER_LANE, cancelKey, createKey, type CancelPayload } from './shipmentRequests'

export interface CancelDeps {
  store: Store
  changes: CaseChangeRecorder
  settings: Pick<DeskSettings, 'kind'>
  stationId: string
  clock: { now(): Date }
}

export interface CancelRequest {
  shipmentId: number
  reason: string
}

export interface CancelOutcome {
  shipment: ShipmentRecord
  /** `local`: cancelled now; `carrier`: a cancel row waits for the carrier. */
  via: 'local' | 'carrier'
}

export function requestCancel(deps: CancelDeps, input: CancelRequest, operator: string): CancelOutcome {
  const { store } = deps
  const reason = input.reason.trim()
  if (reason === '') throw new AppError('BAD_INPUT', '请填写取消寄递的原因（记入审计）', 'reason')
  const now = deps.clock.now()
  const at = utcTimestamp(now)
  return deps.changes.transaction((scope) => {
    const s = store.shipments.findById(input.shipmentId)
    if (!s) throw new AppError('NOT_FOUND', `寄递记录 ${input.shipmentId} 不存在`, 'shipmentId')
    const createRow = store.outbox.byKey(createKey(s.clientOrderId)) ?? null
    const cancelRow = store.outbox.byKey(cancelKey(s.clientOrderId))
    let plan: CancelPlan = planCancel({
      status: s.status,
      carrier: deps.settings.kind,
      createRow,
      isCancelPending: cancelRow !== undefined && cancelRow.state !== 'cancelled',
    })
    if (plan.kind === 'refuse') throw new AppError(plan.why === 'too_late' ? 'ILLEGAL_TRANSITION' : 'CONFLICT', cancelRefusal(plan.why, s.caseNo, s.status), 'shipmentId')
    let isCreateDropped = false
    if (plan.dropCreate && createRow) {
      isCreateDropped = store.outbox.cancelOpen(createRow.id, at)
      // Another process leased it a moment ago: it may be at the carrier now.
      if (!isCreateDropped && plan.kind === 'local') plan = { kind: 'carrier', dropCreate: false }
    }
    if (s.batchId !== null) store.handover.release(s.id, now)
    if (plan.kind === 'local') store.shipments.setStatus(s.id, 'cancelled', now)
    const outbox: OutboxRowInput[] = []
    if (plan.kind === 'carrier') {
      // One cancel per shipment and generation: one a person dropped from the parked list runs again.
      if (cancelRow?.state === 'cancelled') store.outbox.reopenCancelled(cancelRow.id, at)
      else {
        const payload: CancelPayload = { shipmentId: s.id, clientOrderId: s.clientOrderId, waybillNo: s.waybillNo, reason, operator }
        outbox.push({ lane: CARRIER_LANE, kind: CANCEL_KIND, idempotencyKey: cancelKey(s.clientOrderId), orderKey: s.caseNo, payload })
      }
    }
    const details = { shipmentId: s.id, clientOrderId: s.clientOrderId, waybillNo: s.waybillNo, from: s.status, reason, via: plan.kind, createRowDropped: isCreateDropped }
    if (store.cases.summary(s.caseNo)?.state === 'ready') {
      // Back at `ready` already (an earlier request whose cancel was dropped): the shipment alone is cancelled again.
      for (const row of outbox) store.outbox.enqueue({ ...row, caseNo: s.caseNo, at })
      store.audit({ at, operator, stationId: deps.stationId, action: 'dispatch.cancel', caseNo: s.caseNo, details })
    } else {
      recordCaseStep(store, scope, {
        caseNo: s.caseNo,
        action: 'unship',
        at,
        operator,
        stationId: deps.stationId,
        note: `取消寄递：${reason}`,
        details,
        outbox,
      })
    }
    return { shipment: store.shipments.findById(s.id)!, via: plan.kind }
  })
}
