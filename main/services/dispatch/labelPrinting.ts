/**
 * The 100 × 150 mm waybill label: queued on the label printer in the same
 * transaction as the waybill it carries, printed again on request (补打 #n,
 * the same waybill, never a second create), and the shipment marked
 * `label_printed` once a label job of its case is done — the printer took
 * the bytes, or preview mode showed it (specs/dispatch.md §B5).
 */
import type { PrintJobView } from '../../contract/printing'
import { waybillLabelInputOf } from '../../domain/print/waybillData'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import type { PrintService } from '../printing/printService'
import type { DeskSettings } from './deskSettings'

export type LabelPrinting = Pick<PrintService, 'enqueue' | 'jobs' | 'queue'>

export interface LabelDeps {
  store: Store
  printing: LabelPrinting
  settings: DeskSettings
  stationId: string
  clock: { now(): Date }
  /** After a shipment's status changed (committed). */
  changed(shipment: ShipmentRecord): void
}

export class LabelDesk {
  constructor(private readonly deps: LabelDeps) {}

  /** Inside the caller's transaction: one more print of the shipment's label, numbered (the key makes it once per number). */
  queue(shipment: ShipmentRecord, operator: string, at: Date): PrintJobView {
    const { store, settings } = this.deps
    const printNo = store.shipments.recordLabelPrint(shipment.id, at)
    return this.deps.printing.enqueue({
      kind: 'waybillLabel',
      data: waybillLabelInputOf(shipment, settings.hallForLabel(operator), at),
      caseNo: shipment.caseNo,
      operator,
      stationId: this.deps.stationId,
      idempotencyKey: `waybillLabel:${shipment.id}:${printNo}`,
    })
  }

  /**
   * 补打: the first label's job printed again (marked 补打 #n on the paper);
   * if the first was never queued here, a new job for the same waybill.
   */
  reprint(shipmentId: number, operator: string): ShipmentRecord {
    const { store } = this.deps
    const s = store.shipments.findById(shipmentId)
    if (!s) throw new AppError('NOT_FOUND', `寄递记录 ${shipmentId} 不存在`, 'shipmentId')
    if (s.status === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', `办件 ${s.caseNo} 的寄递已取消，不能补打面单`, 'shipmentId')
    if (!s.waybillNo) throw new AppError('ILLEGAL_TRANSITION', `办件 ${s.caseNo} 还没有运单号（等待承运商下单），暂不能打印面单`, 'shipmentId')
    const first = this.firstLabelJob(s.caseNo)
    const now = this.deps.clock.now()
    store.transaction(() => {
      let jobId: number
      let printNo: number
      if (first) {
        printNo = store.shipments.recordLabelPrint(s.id, now)
        jobId = this.deps.printing.queue.reprint(first.id, operator).id
      } else {
        jobId = this.queue(s, operator, now).id
        printNo = store.shipments.findById(s.id)!.labelPrints
      }
      store.audit({
        at: utcTimestamp(now),
        operator,
        stationId: this.deps.stationId,
        action: 'dispatch.reprintLabel',
        caseNo: s.caseNo,
        details: { shipmentId: s.id, waybillNo: s.waybillNo, labelPrints: printNo, jobId },
      })
    })
    return store.shipments.findById(s.id)!
  }

  /** A print job moved: a label of a shipment still waiting for one makes it `label_printed`. */
  onJob(job: Pick<PrintJobView, 'kind' | 'state' | 'caseNo'>): void {
    if (job.kind !== 'waybillLabel' || job.state !== 'done' || !job.caseNo) return
    this.markPrinted(job.caseNo)
  }

  /** At start: labels that printed while the station went down before the shipment heard of it. */
  catchUp(): void {
    for (const s of this.deps.store.shipments.list({ status: 'created', limit: 500 })) {
      if (this.deps.printing.jobs({ caseNo: s.caseNo, limit: 20 }).some((j) => j.kind === 'waybillLabel' && j.state === 'done')) this.markPrinted(s.caseNo)
    }
  }

  private markPrinted(caseNo: string): void {
    const { store } = this.deps
    if (!store.isOpen) return
    const s = store.shipments.findByCase(caseNo)
    if (!s || s.status !== 'created') return
    const change = store.shipments.setStatus(s.id, 'label_printed', this.deps.clock.now())
    if (change.changed) this.deps.changed(store.shipments.findById(s.id)!)
  }

  /** The newest first print of a waybill label for the case (its reprints point at it). */
  private firstLabelJob(caseNo: string): PrintJobView | undefined {
    return this.deps.printing.jobs({ caseNo, limit: 50 }).find((j) => j.kind === 'waybillLabel' && j.reprintOf === null)
  }
}
