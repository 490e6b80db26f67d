/**
 * Handover batches (交接清单): the parcels a courier takes away, scanned one
 * by one into the open batch and handed over together when the courier signs
 * (specs/dispatch.md §B5). Closing moves every item to `handed_over` in the
 * same transaction as the batch's signature, so a parcel is either in a
 * signed batch and handed over, or neither.
 */
import { STATUS_RANK } from '../domain/dispatch/shipmentStatus'
import { shipmentStatusLabels } from '../domain/dispatch/shipmentStatusLabels'
import { AppError } from '../domain/errors'
import { maskIdNumber, maskPhone } from '../domain/masking'
import { utcTimestamp } from '../domain/timestamps'
import type { BatchClosing, HandoverBatchRecord, HandoverItemRecord } from './shipmentRecords'
import type { ShipmentsRepository } from './shipmentsRepository'
import type { Db, Statement } from './sqlite'

interface BatchRow {
  id: number
  carrier: string
  station_id: string
  operator: string
  opened_at: string
  closed_at: string | null
  courier_name: string | null
  courier_id_masked: string | null
  courier_phone_masked: string | null
  signature_file: string | null
  signature_sha256: string | null
  doc_sha256: string | null
  closed_by: string | null
}

interface ItemRow {
  batch_id: number
  shipment_id: number
  waybill_no: string
  case_no: string
  recipient_name: string
  status: HandoverItemRecord['status']
  scanned_at: string
}

export type ScanResult = { item: HandoverItemRecord; isDuplicate: boolean }

const SHA256 = /^[0-9a-f]{64}$/

export class HandoverRepository {
  private readonly byId: Statement
  private readonly openStmt: Statement
  private readonly insertBatch: Statement
  private readonly itemsStmt: Statement
  private readonly insertItem: Statement
  private readonly joinBatch: Statement
  private readonly removeItemStmt: Statement
  private readonly leaveBatch: Statement
  private readonly closeStmt: Statement
  private readonly handOver: Statement
  private readonly docStmt: Statement
  private readonly recentStmt: Statement
  private readonly membersStmt: Statement
  private readonly itemOnce: Statement

  constructor(
    private readonly db: Db,
    private readonly shipments: ShipmentsRepository,
  ) {
    this.byId = db.prepare('SELECT * FROM handover_batches WHERE id = ?')
    this.openStmt = db.prepare('SELECT * FROM handover_batches WHERE station_id = ? AND carrier = ? AND closed_at IS NULL')
    this.insertBatch = db.prepare('INSERT INTO handover_batches (carrier, station_id, operator, opened_at) VALUES (?, ?, ?, ?) RETURNING *')
    this.itemsStmt = db.prepare(
      `SELECT i.batch_id, i.shipment_id, i.waybill_no, i.scanned_at, s.case_no, s.status, json_extract(s.recipient, '$.name') AS recipient_name
       FROM handover_items i JOIN shipments s ON s.id = i.shipment_id WHERE i.batch_id = ? ORDER BY i.scanned_at, i.shipment_id`,
    )
    this.insertItem = db.prepare('INSERT INTO handover_items (shipment_id, batch_id, waybill_no, scanned_at) VALUES (?, ?, ?, ?)')
    this.joinBatch = db.prepare('UPDATE shipments SET batch_id = ?, updated_at = ? WHERE id = ?')
    this.removeItemStmt = db.prepare('DELETE FROM handover_items WHERE batch_id = ? AND shipment_id = ?')
    this.leaveBatch = db.prepare('UPDATE shipments SET batch_id = NULL, updated_at = ? WHERE id = ?')
    this.closeStmt = db.prepare(
      `UPDATE handover_batches SET closed_at = ?, courier_name = ?, courier_id_masked = ?, courier_phone_masked = ?, signature_file = ?, signature_sha256 = ?, closed_by = ?
       WHERE id = ? AND closed_at IS NULL`,
    )
    this.handOver = db.prepare(
      `UPDATE shipments SET status = 'handed_over', status_rank = ${STATUS_RANK.handed_over}, status_at = ?, updated_at = ?
       WHERE batch_id = ? AND status = 'label_printed'`,
    )
    this.docStmt = db.prepare('UPDATE handover_batches SET doc_sha256 = ? WHERE id = ?')
    this.recentStmt = db.prepare('SELECT * FROM handover_batches ORDER BY id DESC LIMIT ?')
    this.membersStmt = db.prepare('SELECT id FROM shipments WHERE batch_id = ? ORDER BY id').pluck()
    this.itemOnce = db.prepare('INSERT INTO handover_items (shipment_id, batch_id, waybill_no, scanned_at) VALUES (?, ?, ?, ?) ON CONFLICT (shipment_id) DO NOTHING')
  }

  private atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  private toBatch(r: BatchRow): HandoverBatchRecord {
    return {
      id: r.id,
      carrier: r.carrier,
      stationId: r.station_id,
      operator: r.operator,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      courierName: r.courier_name,
      courierIdMasked: r.courier_id_masked,
      courierPhoneMasked: r.courier_phone_masked,
      signatureFile: r.signature_file,
      signatureSha256: r.signature_sha256,
      docSha256: r.doc_sha256,
      closedBy: r.closed_by,
      items: this.items(r.id),
    }
  }

  private require(batchId: number): BatchRow {
    const row = this.byId.get(batchId) as BatchRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `交接批次 ${batchId} 不存在`, 'batchId')
    return row
  }

  private requireOpen(batchId: number): BatchRow {
    const row = this.require(batchId)
    if (row.closed_at !== null) throw new AppError('ILLEGAL_TRANSITION', `交接批次 ${batchId} 已于交接后关闭，不能再改动；请开新批次`, 'batchId')
    return row
  }

  /** The station's open batch for a carrier, opened now if there is none (one open batch per carrier). */
  openBatch(b: { carrier: string; stationId: string; operator: string; at: Date }): HandoverBatchRecord {
    return this.atomically(() => {
      const open = this.openStmt.get(b.stationId, b.carrier) as BatchRow | undefined
      if (open) return this.toBatch(open)
      return this.toBatch(this.insertBatch.get(b.carrier, b.stationId, b.operator, utcTimestamp(b.at)) as BatchRow)
    })
  }

  findOpenBatch(stationId: string, carrier: string): HandoverBatchRecord | null {
    const row = this.openStmt.get(stationId, carrier) as BatchRow | undefined
    return row ? this.toBatch(row) : null
  }

  findBatch(batchId: number): HandoverBatchRecord | null {
    const row = this.byId.get(batchId) as BatchRow | undefined
    return row ? this.toBatch(row) : null
  }

  /** Newest first. */
  recentBatches(limit = 20): HandoverBatchRecord[] {
    return (this.recentStmt.all(limit) as BatchRow[]).map((r) => this.toBatch(r))
  }

  items(batchId: number): HandoverItemRecord[] {
    return (this.itemsStmt.all(batchId) as ItemRow[]).map((r) => ({
      batchId: r.batch_id,
      shipmentId: r.shipment_id,
      waybillNo: r.waybill_no,
      caseNo: r.case_no,
      recipientName: r.recipient_name,
      status: r.status,
      scannedAt: r.scanned_at,
    }))
  }

  /**
   * A label's waybill scanned into the open batch. Refused, with the reason:
   * a waybill no shipment has, a cancelled shipment, one already in another
   * batch, another carrier's, or a label not yet printed. Scanning a waybill
   * already in this batch again changes nothing (`isDuplicate`).
   */
  addItem(batchId: number, waybillNo: string, at: Date): ScanResult {
    return this.atomically(() => {
      const batch = this.requireOpen(batchId)
      const s = this.shipments.findByWaybill(waybillNo)
      if (!s) throw new AppError('NOT_FOUND', `运单号 ${waybillNo} 不是本站的寄递，请核对面单`, 'waybillNo')
      if (s.status === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', `运单 ${waybillNo}（办件 ${s.caseNo}）已取消，不能交接`, 'waybillNo')
      if (s.batchId === batchId) {
        const item = this.items(batchId).find((i) => i.shipmentId === s.id)
        if (item) return { item, isDuplicate: true }
      }
      if (s.batchId !== null) throw new AppError('CONFLICT', `运单 ${waybillNo}（办件 ${s.caseNo}）已在交接批次 ${s.batchId} 中，不能重复交接`, 'waybillNo')
      if (s.carrier !== batch.carrier) {
        throw new AppError('CONFLICT', `运单 ${waybillNo} 属于承运商 ${s.carrier}，本批次交给 ${batch.carrier}，请分开交接`, 'waybillNo')
      }
      if (s.status !== 'label_printed') {
        const why = s.statusRank < STATUS_RANK.label_printed ? '面单尚未打印确认' : '已不在待交接状态'
        throw new AppError('ILLEGAL_TRANSITION', `运单 ${waybillNo}（办件 ${s.caseNo}）${why}（当前：${shipmentStatusLabels[s.status]}），不能交接`, 'waybillNo')
      }
      const scannedAt = utcTimestamp(at)
      this.insertItem.run(s.id, batchId, waybillNo, scannedAt)
      this.joinBatch.run(batchId, scannedAt, s.id)
      const item = this.items(batchId).find((i) => i.shipmentId === s.id)!
      return { item, isDuplicate: false }
    })
  }

  /**
   * The courier desk's way in: a shipment joins the open batch when it is
   * shipped, before it has a waybill or a printed label (the batch shows it
   * as coming). Only the parcels ready to go become items, at close
   * (`fileItem`); the scan path (`addItem`) stays for a batch built by scans.
   */
  enlist(batchId: number, shipmentId: number, at: Date): void {
    this.atomically(() => {
      this.requireOpen(batchId)
      const s = this.shipments.findById(shipmentId)
      if (!s) throw new AppError('NOT_FOUND', `寄递记录 ${shipmentId} 不存在`, 'shipmentId')
      if (s.batchId !== null && s.batchId !== batchId) {
        throw new AppError('CONFLICT', `办件 ${s.caseNo} 的寄递已在交接批次 ${s.batchId} 中`, 'shipmentId')
      }
      this.joinBatch.run(batchId, utcTimestamp(at), shipmentId)
    })
  }

  /** Every shipment the batch holds (enlisted or scanned), by id. */
  members(batchId: number): number[] {
    return this.membersStmt.all(batchId) as number[]
  }

  /** A member that goes with the courier becomes an item of its batch (once). */
  fileItem(batchId: number, shipmentId: number, waybillNo: string, at: Date): void {
    this.itemOnce.run(shipmentId, batchId, waybillNo, utcTimestamp(at))
  }

  /** A member that stays (label not printed, cancelled) leaves the open batch, item and all. */
  release(shipmentId: number, at: Date): void {
    this.atomically(() => {
      const s = this.shipments.findById(shipmentId)
      if (!s || s.batchId === null) return
      this.requireOpen(s.batchId)
      this.removeItemStmt.run(s.batchId, shipmentId)
      this.leaveBatch.run(utcTimestamp(at), shipmentId)
    })
  }

  /** Takes a parcel back out of the open batch (scanned by mistake, or kept for the next courier). */
  removeItem(batchId: number, shipmentId: number, at: Date): void {
    this.atomically(() => {
      this.requireOpen(batchId)
      if (this.removeItemStmt.run(batchId, shipmentId).changes === 0) {
        throw new AppError('NOT_FOUND', `寄递记录 ${shipmentId} 不在交接批次 ${batchId} 中`, 'shipmentId')
      }
      this.leaveBatch.run(utcTimestamp(at), shipmentId)
    })
  }

  /**
   * Hands the batch to the courier: their name, masked ID and phone, and
   * signature recorded, and every item `handed_over`, in one transaction.
   * Refused for an empty batch or one holding a parcel that can no longer go.
   * A parcel the carrier has scanned already keeps its later status.
   */
  closeBatch(batchId: number, c: BatchClosing): HandoverBatchRecord {
    return this.atomically(() => {
      this.requireOpen(batchId)
      const items = this.items(batchId)
      if (items.length === 0) throw new AppError('ILLEGAL_TRANSITION', `交接批次 ${batchId} 还没有扫入任何运单，不能交接`, 'batchId')
      // A parcel the carrier already scanned (in transit) is handed over in fact; only one that cannot go stops the batch.
      const stuck = items.find((i) => i.status === 'cancelled' || STATUS_RANK[i.status] < STATUS_RANK.label_printed)
      if (stuck) {
        throw new AppError('ILLEGAL_TRANSITION', `运单 ${stuck.waybillNo}（办件 ${stuck.caseNo}）当前为“${shipmentStatusLabels[stuck.status]}”，请先移出本批次再交接`, 'waybillNo')
      }
      if (c.courierName.trim() === '') throw new AppError('BAD_INPUT', '请填写揽件员姓名', 'courier.name')
      if (!SHA256.test(c.signatureSha256)) throw new AppError('BAD_INPUT', '揽件员签名的 SHA-256 应为 64 位小写十六进制', 'signature')
      const at = utcTimestamp(c.at)
      const phone = c.courierPhone && c.courierPhone.trim() !== '' ? maskPhone(c.courierPhone) : null
      this.closeStmt.run(at, c.courierName.trim(), maskIdNumber(c.courierIdNumber), phone, c.signatureFile, c.signatureSha256, c.operator, batchId)
      this.handOver.run(at, at, batchId)
      return this.toBatch(this.require(batchId))
    })
  }

  /** The SHA-256 of the handover list as printed. */
  recordDocument(batchId: number, sha256: string): void {
    if (!SHA256.test(sha256)) throw new AppError('BAD_INPUT', '交接清单的 SHA-256 应为 64 位小写十六进制', 'docSha256')
    this.require(batchId)
    this.docStmt.run(sha256, batchId)
  }
}
