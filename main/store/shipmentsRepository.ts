/**
 * Shipments and their tracking events. Every method is synchronous on the one
 * writer connection, so a caller inside `store.transaction` writes the
 * shipment with the case change (and the outbox row) that needs it.
 */
import { applyStatus, STATUS_RANK, trackingDedupKey, type NormalStatus } from '../domain/dispatch/shipmentStatus'
import { AppError } from '../domain/errors'
import { utcTimestamp } from '../domain/timestamps'
import type { SequenceRepository } from './sequenceRepository'
import type { Db, Statement } from './sqlite'
import type { NewShipment, ShipmentRecord, ShipmentRouteLabel, TrackingEventInput, TrackingEventRecord } from './shipmentRecords'
import { toEvent, toShipment, type EventRow, type ShipmentRow } from './shipmentRows'

/** The counter shipment numbers come from (case_sequences keyed by a day, which no day ever equals). */
export const SHIPMENT_SEQUENCE = 'shipment'

/** `OW001-000123-1`: ASCII, at most 32 characters, the carrier's order id (SF orderId, EMS logisticsOrderNo). */
export function clientOrderId(stationId: string, seq: number, generation: number): string {
  return `OW${stationId}-${String(seq).padStart(6, '0')}-${generation}`
}

export type StatusChange = { changed: true; status: NormalStatus; handoverMissing: boolean } | { changed: false; status: NormalStatus }

export class ShipmentsRepository {
  private readonly byId: Statement
  private readonly liveByCase: Statement
  private readonly byCase: Statement
  private readonly byWaybill: Statement
  private readonly byOrderId: Statement
  private readonly insert: Statement
  private readonly bind: Statement
  private readonly status: Statement
  private readonly detach: Statement
  private readonly leaveOpenBatch: Statement
  private readonly labelPrint: Statement
  private readonly error: Statement
  private readonly exception: Statement
  private readonly listAll: Statement
  private readonly listByStatus: Statement
  private readonly exceptionsStmt: Statement
  private readonly insertEvent: Statement
  private readonly sameFacts: Statement
  private readonly eventsStmt: Statement

  constructor(
    private readonly db: Db,
    private readonly sequences: SequenceRepository,
  ) {
    this.byId = db.prepare('SELECT * FROM shipments WHERE id = ?')
    this.liveByCase = db.prepare("SELECT * FROM shipments WHERE case_no = ? AND status <> 'cancelled'")
    this.byCase = db.prepare('SELECT * FROM shipments WHERE case_no = ? ORDER BY id DESC')
    this.byWaybill = db.prepare('SELECT * FROM shipments WHERE waybill_no = ?')
    this.byOrderId = db.prepare('SELECT * FROM shipments WHERE client_order_id = ?')
    this.insert = db.prepare(
      `INSERT INTO shipments (case_no, case_id, carrier, order_seq, generation, client_order_id, status, status_rank, status_at, payload_hash, recipient, operator, station_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ${STATUS_RANK.queued}, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    this.bind = db.prepare(
      `UPDATE shipments SET waybill_no = ?, route_label = ?, status = 'created', status_rank = ${STATUS_RANK.created}, status_at = ?, updated_at = ?,
         last_error_class = NULL, last_error = NULL WHERE id = ? AND status = 'queued' RETURNING *`,
    )
    // Compare-and-set on the status read: a change decided on a stale read writes nothing.
    this.status = db.prepare('UPDATE shipments SET status = ?, status_rank = ?, status_at = ?, updated_at = ? WHERE id = ? AND status = ?')
    this.detach = db.prepare('UPDATE shipments SET batch_id = NULL WHERE id = ?')
    this.leaveOpenBatch = db.prepare('DELETE FROM handover_items WHERE shipment_id = ? AND batch_id IN (SELECT id FROM handover_batches WHERE closed_at IS NULL)')
    this.labelPrint = db.prepare('UPDATE shipments SET label_prints = label_prints + 1, updated_at = ? WHERE id = ? RETURNING label_prints').pluck()
    this.error = db.prepare('UPDATE shipments SET last_error_class = ?, last_error = ?, updated_at = ? WHERE id = ?')
    this.exception = db.prepare('UPDATE shipments SET exception_reason = ?, updated_at = ? WHERE id = ?')
    this.listAll = db.prepare('SELECT * FROM shipments ORDER BY id DESC LIMIT ?')
    this.listByStatus = db.prepare('SELECT * FROM shipments WHERE status = ? ORDER BY status_at DESC, id DESC LIMIT ?')
    this.exceptionsStmt = db.prepare(
      "SELECT * FROM shipments WHERE status IN ('failed', 'returned') OR (exception_reason IS NOT NULL AND status <> 'delivered') ORDER BY status_at DESC, id DESC LIMIT ?",
    )
    this.insertEvent = db.prepare(
      `INSERT INTO tracking_events (shipment_id, dedup_key, at, code, status, description, location, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shipment_id, dedup_key) DO NOTHING RETURNING *`,
    )
    this.sameFacts = db.prepare("SELECT 1 FROM tracking_events WHERE shipment_id = ? AND at = ? AND code = ? AND IFNULL(location, '') = ? LIMIT 1").pluck()
    this.eventsStmt = db.prepare('SELECT * FROM tracking_events WHERE shipment_id = ? ORDER BY at, rowid')
  }

  private atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  private require(id: number): ShipmentRecord {
    const row = this.byId.get(id) as ShipmentRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `寄递记录 ${id} 不存在`, 'shipmentId')
    return toShipment(row)
  }

  /**
   * A new shipment for a case, `queued`, its client order id fixed before any
   * carrier call. After a cancelled shipment of this station the case keeps
   * its number and takes the next generation. Refused while the case has a
   * live shipment: one parcel per case.
   */
  create(n: NewShipment): ShipmentRecord {
    return this.atomically(() => {
      const live = this.findByCase(n.caseNo)
      if (live) {
        const ref = live.waybillNo ? `运单号 ${live.waybillNo}` : `订单号 ${live.clientOrderId}，等待承运商下单`
        throw new AppError('CONFLICT', `办件 ${n.caseNo} 已有寄递（${ref}），不能重复寄递；如需重寄，请先取消原运单`, 'caseNo')
      }
      // The newest earlier shipment of this case from this station (all cancelled, or one would be live).
      const earlier = this.listByCase(n.caseNo).find((s) => s.stationId === n.stationId)
      const seq = earlier ? earlier.orderSeq : this.sequences.next(SHIPMENT_SEQUENCE, n.stationId)
      const generation = earlier ? earlier.generation + 1 : 1
      const at = utcTimestamp(n.at)
      const row = this.insert.get(
        n.caseNo,
        n.caseId ?? null,
        n.carrier,
        seq,
        generation,
        clientOrderId(n.stationId, seq, generation),
        at,
        n.payloadHash ?? null,
        JSON.stringify(n.recipient),
        n.operator,
        n.stationId,
        at,
        at,
      ) as ShipmentRow
      return toShipment(row)
    })
  }

  /**
   * The carrier's waybill (or a scanned pre-printed one) bound to a queued
   * shipment: status `created`. Binding the same waybill again is a no-op (a
   * reconcile adopting the order it already has); another one is refused.
   */
  bindWaybill(id: number, waybill: { waybillNo: string; routeLabel?: ShipmentRouteLabel | null; at: Date }): ShipmentRecord {
    return this.atomically(() => {
      const s = this.require(id)
      if (s.waybillNo === waybill.waybillNo) return s
      if (s.waybillNo !== null) {
        throw new AppError('CONFLICT', `办件 ${s.caseNo} 已绑定运单号 ${s.waybillNo}，不能再绑定 ${waybill.waybillNo}`, 'waybillNo')
      }
      if (s.status !== 'queued') throw new AppError('ILLEGAL_TRANSITION', `办件 ${s.caseNo} 的寄递已${s.status === 'cancelled' ? '取消' : '结束'}，不能绑定运单`, 'waybillNo')
      const other = this.findByWaybill(waybill.waybillNo)
      if (other) throw new AppError('CONFLICT', `运单号 ${waybill.waybillNo} 已用于办件 ${other.caseNo}，请换一张面单`, 'waybillNo')
      const at = utcTimestamp(waybill.at)
      const row = this.bind.get(waybill.waybillNo, waybill.routeLabel ? JSON.stringify(waybill.routeLabel) : null, at, at, id) as ShipmentRow
      return toShipment(row)
    })
  }

  /**
   * Moves the status by the rules of shipmentStatus.ts: only up in rank, a
   * failed delivery re-attempted by a newer event, terminal states kept. A
   * cancelled shipment leaves the open batch it was scanned into.
   */
  setStatus(id: number, status: NormalStatus, at: Date): StatusChange {
    return this.atomically(() => {
      const s = this.require(id)
      const outcome = applyStatus(s.status, status, at.getTime() > Date.parse(s.statusAt))
      if (!outcome.applied) return { changed: false, status: s.status }
      const stamp = utcTimestamp(at)
      this.status.run(outcome.status, STATUS_RANK[outcome.status], stamp, stamp, id, s.status)
      if (outcome.status === 'cancelled' && s.batchId !== null) {
        this.leaveOpenBatch.run(id)
        this.detach.run(id)
      }
      return { changed: true, status: outcome.status, handoverMissing: outcome.handoverMissing }
    })
  }

  /** One more label printed for this waybill; the count is the 补打 number of the next reprint. */
  recordLabelPrint(id: number, at: Date): number {
    this.require(id)
    return this.labelPrint.get(utcTimestamp(at), id) as number
  }

  /** The carrier's last failure, by class (§B2), or null once it succeeded. */
  recordError(id: number, error: { cls: string; message: string } | null, at: Date): void {
    this.require(id)
    this.error.run(error?.cls ?? null, error?.message ?? null, utcTimestamp(at), id)
  }

  /** The carrier's reason for a return or failed delivery, shown with the exceptions. */
  setException(id: number, reason: string | null, at: Date): void {
    this.require(id)
    this.exception.run(reason, utcTimestamp(at), id)
  }

  findById(id: number): ShipmentRecord | null {
    const row = this.byId.get(id) as ShipmentRow | undefined
    return row ? toShipment(row) : null
  }

  /** The case's live (not cancelled) shipment. */
  findByCase(caseNo: string): ShipmentRecord | null {
    const row = this.liveByCase.get(caseNo) as ShipmentRow | undefined
    return row ? toShipment(row) : null
  }

  /** Every shipment the case had, newest first (cancelled ones too). */
  listByCase(caseNo: string): ShipmentRecord[] {
    return (this.byCase.all(caseNo) as ShipmentRow[]).map(toShipment)
  }

  findByWaybill(waybillNo: string): ShipmentRecord | null {
    const row = this.byWaybill.get(waybillNo) as ShipmentRow | undefined
    return row ? toShipment(row) : null
  }

  findByClientOrderId(clientOrderId: string): ShipmentRecord | null {
    const row = this.byOrderId.get(clientOrderId) as ShipmentRow | undefined
    return row ? toShipment(row) : null
  }

  /** Newest first; by status, most recently changed first. */
  list(options: { status?: NormalStatus; limit?: number } = {}): ShipmentRecord[] {
    const limit = options.limit ?? 100
    const rows = options.status ? this.listByStatus.all(options.status, limit) : this.listAll.all(limit)
    return (rows as ShipmentRow[]).map(toShipment)
  }

  /** Returns and failed deliveries (and any other shipment the carrier gave a reason for), for staff to act on. */
  exceptions(limit = 100): ShipmentRecord[] {
    return (this.exceptionsStmt.all(limit) as ShipmentRow[]).map(toShipment)
  }

  /**
   * Stores the carrier's events, each once: an event seen before (same
   * carrier id, or same code, time and place) is skipped. Returns the ones new
   * to the store — what the status fold should look at. A push carries the
   * carrier's route id and a poll does not, so the facts are compared too:
   * the same event pushed and then polled is one row.
   */
  addTrackingEvents(id: number, events: readonly TrackingEventInput[], receivedAt: Date): TrackingEventRecord[] {
    return this.atomically(() => {
      const s = this.require(id)
      const received = utcTimestamp(receivedAt)
      const added: TrackingEventRecord[] = []
      for (const e of events) {
        const at = new Date(e.at)
        if (Number.isNaN(at.getTime())) throw new AppError('BAD_INPUT', `承运商跟踪事件的时间“${e.at}”无法识别（运单 ${s.waybillNo ?? s.clientOrderId}）`, 'at')
        const key = trackingDedupKey(s.waybillNo ?? s.clientOrderId, e)
        if (this.sameFacts.get(id, utcTimestamp(at), e.code, e.location ?? '') !== undefined) continue
        const row = this.insertEvent.get(id, key, utcTimestamp(at), e.code, e.status, e.description, e.location ?? null, received) as EventRow | undefined
        if (row) added.push(toEvent(row))
      }
      return added
    })
  }

  /** The shipment's events in time order (arrival order for equal times). */
  trackingEvents(id: number): TrackingEventRecord[] {
    return (this.eventsStmt.all(id) as EventRow[]).map(toEvent)
  }
}
