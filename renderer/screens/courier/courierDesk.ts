/**
 * The courier desk's view logic, pure so it is tested in Node: what one entry
 * in the desk's field (a scan or a typed number + Enter) asks for, where the
 * desk stands between "scan a receipt" and "the label is out", and what the
 * clerk reads about a shipment's label.
 */
import type { PrintJobView } from '../../../main/contract/printing'
import type { ShipmentView } from '../../../main/contract/dispatch'
import type { ClassifiedScan } from '../../hooks/scanTargets'

export type ShipRefusal = 'not_found' | 'not_ready' | 'window_pickup' | 'already_shipped' | 'no_address'

/**
 * Where the desk stands. One entry at a time: a manual carrier's case waits
 * for its pre-printed waybill; every other step ends in an outcome shown
 * until the next entry.
 */
export type DeskPhase =
  | { kind: 'idle' }
  | { kind: 'working'; caseNo: string; step: 'check' | 'ship' }
  /** Manual carrier: the case passed the check; the desk waits for the waybill scan. `problem`: the last waybill refused. */
  | { kind: 'awaitingWaybill'; caseNo: string; problem: string | null }
  | { kind: 'shipped'; shipment: ShipmentView }
  | { kind: 'refused'; caseNo: string; reason: ShipRefusal; message: string | null }
  | { kind: 'failed'; caseNo: string | null; message: string }
  /** A waybill came with no case waiting for one. */
  | { kind: 'waybillFirst'; waybillNo: string }

export type DeskAction =
  | { kind: 'ship'; caseNo: string }
  | { kind: 'bind'; caseNo: string; waybillNo: string }
  | { kind: 'waybillFirst'; waybillNo: string }

/**
 * What one entry asks for. A case number always starts that case (a case
 * still waiting for its waybill is set aside: the clerk picked up another
 * parcel). A waybill binds to the case waiting for one. What is neither —
 * only typed text gets here — is the waiting case's waybill when one waits
 * (main checks it and says what is wrong), else a case number (main says
 * when there is no such case).
 */
export function actionOfEntry(scan: ClassifiedScan, phase: DeskPhase): DeskAction {
  const waitingFor = phase.kind === 'awaitingWaybill' ? phase.caseNo : null
  switch (scan.kind) {
    case 'case':
      return { kind: 'ship', caseNo: scan.caseNo }
    case 'waybill':
      return waitingFor !== null ? { kind: 'bind', caseNo: waitingFor, waybillNo: scan.waybillNo } : { kind: 'waybillFirst', waybillNo: scan.waybillNo }
    case 'uscc':
      return waitingFor !== null ? { kind: 'bind', caseNo: waitingFor, waybillNo: scan.uscc } : { kind: 'ship', caseNo: scan.uscc }
    case 'unknown': {
      const text = scan.text.trim()
      return waitingFor !== null ? { kind: 'bind', caseNo: waitingFor, waybillNo: text.toUpperCase() } : { kind: 'ship', caseNo: text }
    }
  }
}

/** What the clerk reads about a shipment's label, big, under the waybill number. */
export type LabelState =
  /** On paper. */
  | { kind: 'printed' }
  /** Shown on screen instead (demo hall, no printer): `jobId` for its preview. */
  | { kind: 'preview'; jobId: number }
  | { kind: 'printing' }
  /** The printer failed: why, and reprint is the way on. */
  | { kind: 'printFailed'; reason: string | null }
  /** Not a failure: the carrier has not answered yet (or is asked later), the label follows on its own. */
  | { kind: 'waitingCarrier'; reason: string | null; isParked: boolean }
  | { kind: 'waitingLabel' }

const AFTER_LABEL = new Set<ShipmentView['status']>(['label_printed', 'handed_over', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'failed'])

/**
 * The label's state from the shipment and the newest print job of its label
 * (`print.job` for the case, when one was seen): the job says more than the
 * shipment (preview, failure) for as long as it is the newest word.
 */
export function labelStateOf(shipment: ShipmentView, job: PrintJobView | null): LabelState {
  if (job !== null) {
    if (job.state === 'done') return job.output === 'preview' ? { kind: 'preview', jobId: job.id } : { kind: 'printed' }
    if (job.state === 'failed') return { kind: 'printFailed', reason: job.lastError }
    return { kind: 'printing' }
  }
  if (shipment.status === 'queued' || (shipment.waybillNo === null && shipment.waiting !== null)) {
    return { kind: 'waitingCarrier', reason: shipment.waiting?.reason ?? null, isParked: shipment.waiting?.parked ?? false }
  }
  if (AFTER_LABEL.has(shipment.status) || shipment.labelPrints > 0) return { kind: 'printed' }
  return { kind: 'waitingLabel' }
}

/** Only label jobs of the case, the newest (highest id) kept: a reprint's job replaces the first. */
export function newerLabelJob(current: PrintJobView | undefined, job: PrintJobView): PrintJobView | undefined {
  if (job.kind !== 'waybillLabel' || job.caseNo === null) return current
  if (current !== undefined && current.id > job.id) return current
  return job
}

/** `SF1000000000011` → `SF 1000 0000 0001 1`, as the label prints it under its barcode (spec §D1). */
export function groupWaybillNo(waybillNo: string): string {
  const match = /^([A-Z]{2})(\d{4})(\d{4})(\d{4})(\d)$/.exec(waybillNo)
  if (match) return match.slice(1).join(' ')
  return waybillNo.replace(/(.{4})(?=.)/g, '$1 ')
}

/** The shipment the desk's outcome shows, after a pushed change to it (status only: the rest is reloaded with the desk). */
export function withStatus(phase: DeskPhase, change: { shipmentId: number; status: ShipmentView['status'] }): DeskPhase {
  if (phase.kind !== 'shipped' || phase.shipment.id !== change.shipmentId || phase.shipment.status === change.status) return phase
  return { kind: 'shipped', shipment: { ...phase.shipment, status: change.status } }
}

/** A fresher view of the shown shipment from the reloaded desk (pending list), when it is there. */
export function withFresh(phase: DeskPhase, pending: readonly ShipmentView[]): DeskPhase {
  if (phase.kind !== 'shipped') return phase
  const fresh = pending.find((s) => s.id === phase.shipment.id)
  return fresh && fresh.updatedAt >= phase.shipment.updatedAt ? { kind: 'shipped', shipment: fresh } : phase
}
