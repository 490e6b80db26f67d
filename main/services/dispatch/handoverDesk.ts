/**
 * Handing the open batch to the courier (交接, specs/dispatch.md §B5). The
 * parcels whose label has printed go; the others wait in a new open batch.
 * In one transaction: the batch closed with the courier (ID number and phone
 * kept masked only) and the signature's SHA-256, every case that goes moved
 * to `handed_over` with its timeline and audit rows, and the handover list
 * (交接清单, A4) queued as a PDF on the outbox lane `documents`. The signature
 * PNG is stored first, by its hash, beside the material photos.
 */
import type { StationConfig } from '../../config/stationConfig'
import { STATUS_RANK } from '../../domain/dispatch/shipmentStatus'
import { AppError } from '../../domain/errors'
import { checkIdNumber } from '../../domain/idNumber'
import { checkPhone } from '../../domain/phone'
import { plainDateOf } from '../../domain/plainDate'
import { buildHandoverList, type HandoverListData } from '../../domain/print/a4Documents'
import { hallMoment, utcTimestamp } from '../../domain/timestamps'
import { sha256Hex, type AttachmentFiles } from '../../store/attachmentFiles'
import type { HandoverBatchRecord, ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import { PNG_DATA_URL_PREFIX, storeSignaturePng } from '../attachments/signaturePng'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import { recordCaseStep } from './caseSteps'
import type { DeskSettings } from './deskSettings'
import { TRACKING_OPERATOR } from './tracking'

export const DOCUMENTS_LANE = 'documents'
export const HANDOVER_LIST_KIND = 'handoverList.pdf'

/** The handover list embeds the signature up to its schema's limit; a larger one stays in the file only. */
const MAX_EMBEDDED_SIGNATURE = 400_000

export interface CloseRequest {
  courier: { name: string; idNumber: string; phone?: string | undefined }
  signature: string
}

export interface HandoverDeps {
  store: Store
  changes: CaseChangeRecorder
  files: AttachmentFiles
  config: Pick<StationConfig, 'hallName' | 'stationName' | 'dataDir' | 'stationId'>
  settings: DeskSettings
  clock: { now(): Date }
  changed(shipment: ShipmentRecord): void
}

const goes = (s: ShipmentRecord): boolean => s.status !== 'cancelled' && s.waybillNo !== null && STATUS_RANK[s.status] >= STATUS_RANK.label_printed

export class HandoverDesk {
  constructor(private readonly deps: HandoverDeps) {}

  /** The station's open batch for its carrier, opened when there is none. */
  openBatch(operator: string, at: Date): HandoverBatchRecord {
    return this.deps.store.handover.openBatch({ carrier: this.deps.settings.kind, stationId: this.deps.config.stationId, operator, at })
  }

  findOpenBatch(): HandoverBatchRecord | null {
    return this.deps.store.handover.findOpenBatch(this.deps.config.stationId, this.deps.settings.kind)
  }

  /** Every shipment the batch holds, in the order they joined. */
  membersOf(batchId: number): ShipmentRecord[] {
    return this.deps.store.handover.members(batchId).map((id) => this.deps.store.shipments.findById(id)!)
  }

  close(request: CloseRequest, operator: string): { batch: HandoverBatchRecord; leftForNextBatch: number } {
    const { store, config } = this.deps
    const now = this.deps.clock.now()
    const courier = this.checkedCourier(request.courier, now)
    const open = this.findOpenBatch()
    if (!open) throw new AppError('NOT_FOUND', '当前没有待交接的批次：先寄递办件，面单打印后再交接', 'batchId')
    const members = this.membersOf(open.id)
    const going = members.filter(goes)
    const staying = members.filter((s) => !goes(s))
    if (going.length === 0) {
      const waiting = staying.filter((s) => s.status !== 'cancelled').length
      throw new AppError('ILLEGAL_TRANSITION', `本批次 ${waiting} 件的面单都还没有打印（等待承运商下单或打印机），暂不能交接`, 'batchId')
    }
    const signature = storeSignaturePng(this.deps.files, this.deps.config.dataDir, request.signature, '快递员')
    const at = utcTimestamp(now)
    const batch = this.deps.changes.transaction((scope) => {
      for (const s of staying) store.handover.release(s.id, now)
      for (const s of going) store.handover.fileItem(open.id, s.id, s.waybillNo!, now)
      const closed = store.handover.closeBatch(open.id, {
        courierName: courier.name,
        courierIdNumber: courier.idNumber,
        courierPhone: courier.phone,
        signatureFile: signature.file,
        signatureSha256: signature.sha256,
        operator,
        at: now,
      })
      for (const s of going) {
        if (store.cases.summary(s.caseNo)?.state !== 'shipping') continue
        recordCaseStep(store, scope, {
          caseNo: s.caseNo,
          action: 'handOver',
          at,
          operator,
          stationId: config.stationId,
          note: `交寄快递：${closed.courierName}（交接批次 ${this.batchNo(closed)}）`,
          details: { batchId: closed.id, waybillNo: s.waybillNo, courierName: closed.courierName, signatureSha256: signature.sha256 },
        })
        // The carrier reported it signed for before the batch was closed (the courier scanned early): the case follows.
        if (s.status === 'delivered') {
          recordCaseStep(store, scope, { caseNo: s.caseNo, action: 'deliver', at, operator: TRACKING_OPERATOR, stationId: config.stationId, note: '承运商已报签收', details: { waybillNo: s.waybillNo, shipmentStatus: s.status } })
        }
      }
      const left = staying.filter((s) => s.status !== 'cancelled')
      if (left.length > 0) {
        const next = this.openBatch(operator, now)
        for (const s of left) store.handover.enlist(next.id, s.id, now)
      }
      const docSha256 = sha256Hex(Buffer.from(buildHandoverList(this.listData(closed, signature.dataUrl)).html, 'utf8'))
      store.handover.recordDocument(closed.id, docSha256)
      store.audit({
        at,
        operator,
        stationId: config.stationId,
        action: 'dispatch.closeBatch',
        caseNo: null,
        details: {
          batchId: closed.id,
          count: going.length,
          waybillNos: going.map((s) => s.waybillNo),
          courierName: closed.courierName,
          courierIdMasked: closed.courierIdMasked,
          courierPhoneMasked: closed.courierPhoneMasked,
          signatureFile: signature.file,
          signatureSha256: signature.sha256,
          docSha256,
          leftForNextBatch: left.length,
        },
      })
      store.outbox.enqueue({ lane: DOCUMENTS_LANE, kind: HANDOVER_LIST_KIND, idempotencyKey: `handoverList:${closed.id}`, payload: { batchId: closed.id }, at })
      return store.handover.findBatch(closed.id)!
    })
    // The ones that stay moved to the new batch: screens hear of them too.
    for (const s of [...going, ...staying]) this.deps.changed(store.shipments.findById(s.id)!)
    return { batch, leftForNextBatch: staying.filter((s) => s.status !== 'cancelled').length }
  }

  /** `001-000042`: the batch as the paper and the courier name it. */
  batchNo(batch: Pick<HandoverBatchRecord, 'id' | 'stationId'>): string {
    return `${batch.stationId}-${String(batch.id).padStart(6, '0')}`
  }

  /** The handover list of a closed batch, as printed (the signature read back from its file when not given). */
  listData(batch: HandoverBatchRecord, signature?: string): HandoverListData {
    const { config, settings, store } = this.deps
    const image = signature ?? this.signatureOf(batch)
    return {
      hallName: config.hallName,
      windowName: config.stationName,
      batchNo: this.batchNo(batch),
      carrierName: settings.carrierName,
      courierName: batch.courierName ?? '—',
      ...(batch.courierPhoneMasked ? { courierPhone: batch.courierPhoneMasked } : {}),
      ...(batch.courierIdMasked ? { courierId: batch.courierIdMasked } : {}),
      openedAt: hallMoment(batch.openedAt),
      closedAt: hallMoment(batch.closedAt ?? batch.openedAt),
      operator: batch.closedBy ?? batch.operator,
      expectedCount: batch.items.length,
      items: batch.items.map((item) => {
        const r = store.shipments.findById(item.shipmentId)!.recipient
        return { waybillNo: item.waybillNo, caseNo: item.caseNo, recipientName: item.recipientName, destination: `${r.province}${r.city === r.province ? '' : r.city}${r.district}`, pieces: 1 }
      }),
      ...(image && image.length <= MAX_EMBEDDED_SIGNATURE ? { courierSignature: image } : {}),
    }
  }

  private signatureOf(batch: HandoverBatchRecord): string | undefined {
    if (!batch.signatureSha256) return undefined
    try {
      return PNG_DATA_URL_PREFIX + this.deps.files.read(batch.signatureSha256, 'image/png').toString('base64')
    } catch {
      return undefined
    }
  }

  private checkedCourier(c: CloseRequest['courier'], now: Date): { name: string; idNumber: string; phone: string | null } {
    const name = c.name.trim()
    if (name === '') throw new AppError('BAD_INPUT', '请读取或填写快递员姓名', 'courier.name')
    const id = checkIdNumber(c.idNumber, { today: plainDateOf(now) })
    if (!id.valid) throw new AppError('INVALID_ID_NUMBER', `快递员身份证号码有误：${id.reason}`, 'courier.idNumber')
    let phone: string | null = null
    if (c.phone && c.phone.trim() !== '') {
      const checked = checkPhone(c.phone)
      if (!checked.valid) throw new AppError('INVALID_PHONE', `快递员电话有误：${checked.reason}`, 'courier.phone')
      phone = c.phone.trim()
    }
    return { name, idNumber: id.normalized, phone }
  }

}
