/**
 * Hall mode's push, at its source: every change a joined station records
 * (accept, a transition, deferred materials) becomes one `hall.event`
 * outbox row in the change's own transaction, and a `hall.audit` row brings
 * the audit chain along. The accept carries the case as inserted, its ID
 * numbers sealed under the hall key: the hall never sees them in clear.
 */
import { HALL_AUDIT_KIND, HALL_AUDIT_ORDER, HALL_EVENT_KIND, HALL_LANE, hallAuditKey, hallEventKey, type HallEventKind, type HallEventRow } from '../../hall/hallLane'
import type { HallSealer } from '../../hall/hallKey'
import { auditHeadSeq } from '../../store/auditRows'
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { Store } from '../../store/store'
import type { CaseChange, ChangeTap } from '../cases/caseChanges'

export interface HallTapDeps {
  store: Store
  /** This station's code in the hall (= stationId). */
  station: string
  sealer: HallSealer
}

const kindOf = (action: string): HallEventKind => (action === 'accept' ? 'accept' : action === 'supplyMaterials' ? 'materials' : 'transition')

/** The `hall.event` payload of one change; `version` is its timeline entry number (1 = the acceptance). */
export function hallEventOf(change: CaseChange, version: number, station: string, sealer: HallSealer): HallEventRow {
  const kind = kindOf(change.action)
  const base = { station, caseNo: change.caseNo, kind, action: change.action, from: change.from, to: change.to, version, at: change.at, operator: change.operator }
  if (kind === 'accept') {
    const image = change.image
    // Without the image no other station could show the case: a wiring fault, not a case to push half.
    if (!image) throw new Error(`hall: accept of ${change.caseNo} recorded without its case image`)
    const { idNumber, handlerIdNumber, ...applicant } = image.applicant
    return {
      ...base,
      item: { code: image.itemCode, name: image.itemName },
      payload: {
        case: { ...image, applicant },
        idSealed: idNumber ? sealer.seal(idNumber) : null,
        handlerIdSealed: handlerIdNumber ? sealer.seal(handlerIdNumber) : null,
      },
    }
  }
  if (kind === 'materials') {
    const ids = change.timeline.details?.materialIds
    return { ...base, payload: { materialIds: Array.isArray(ids) ? ids.map(String) : [], at: change.at } }
  }
  return { ...base, payload: { note: change.timeline.note, details: change.timeline.details } }
}

export function hallChangeTap(d: HallTapDeps): ChangeTap {
  return (change, seq): OutboxRowInput[] => {
    const rows: OutboxRowInput[] = []
    // A change applied from the hall (another station's event) is already there: only this station's own are pushed.
    if (change.stationId === d.station) {
      rows.push({
        lane: HALL_LANE,
        kind: HALL_EVENT_KIND,
        idempotencyKey: hallEventKey(d.station, change.caseNo, seq),
        orderKey: change.caseNo,
        payload: hallEventOf(change, seq, d.station, d.sealer),
      })
    }
    // One audit row not yet started already carries this change's audit rows (it copies up to the head it finds when it runs): one waiting at a time.
    if (d.store.outbox.hasWaiting(HALL_LANE, HALL_AUDIT_ORDER, HALL_AUDIT_KIND)) return rows
    rows.push({ lane: HALL_LANE, kind: HALL_AUDIT_KIND, idempotencyKey: hallAuditKey(d.station, auditHeadSeq(d.store.db)), orderKey: HALL_AUDIT_ORDER, caseNo: null, payload: { station: d.station } })
    return rows
  }
}
