/**
 * Material photos (高拍仪): taken at the counter, stored by SHA-256, shown as
 * thumbnails on the checklist line, retaken or removed freely until the
 * draft is accepted — then they belong to the case, their hashes go into the
 * audit chain with the acceptance, and they are never removed again.
 */
import { randomUUID } from 'node:crypto'
import { MAX_ATTACHMENT_BYTES, MAX_THUMBNAIL_BYTES, type AttachmentView } from '../../contract/attachments'
import { AUTHORISATION_LETTER_MATERIAL } from '../../domain/collection'
import { AppError } from '../../domain/errors'
import { sha256Hex, type AttachmentFiles } from '../../store/attachmentFiles'
import type { AttachmentMime, AttachmentRecord, AttachmentsRepository } from '../../store/attachmentsRepository'
import type { Store } from '../../store/store'
import type { AcceptedCase, DraftPhotos } from '../cases/intakeService'
import type { HallClock } from '../cases/hallClock'
import { utcTimestamp } from '../../domain/timestamps'
import { requireOperator } from '../cases/operator'
import type { EventBus } from '../eventBus'
import type { SessionService } from '../system/session'
import { recordView, viewActions } from '../audit/personalDataViews'

export interface AttachmentServiceDeps {
  store: Store
  repo: AttachmentsRepository
  files: AttachmentFiles
  session: SessionService
  events: EventBus
  clock: HallClock
  stationId: string
}

export interface AddAttachmentInput {
  draftId?: string | undefined
  caseNo?: string | undefined
  materialId: string
  mime: AttachmentMime
  imageBase64: string
  thumbnailBase64?: string | undefined
  width?: number | undefined
  height?: number | undefined
}

type Owner = { draftId: string; caseId: null; caseNo: null } | { draftId: null; caseId: number; caseNo: string }

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

/** The first bytes of each accepted format: a mislabelled or truncated upload is refused, not stored. */
function hasSignature(bytes: Buffer, mime: AttachmentMime): boolean {
  if (mime === 'image/jpeg') return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
}

export class AttachmentService implements DraftPhotos {
  constructor(private readonly deps: AttachmentServiceDeps) {}

  add(input: AddAttachmentInput): AttachmentView {
    const operator = requireOperator(this.deps.session)
    const owner = this.ownerFor(input)
    const image = Buffer.from(input.imageBase64, 'base64')
    if (image.length > MAX_ATTACHMENT_BYTES) {
      throw new AppError('BAD_INPUT', `照片 ${megabytes(image.length)} MB，超过 ${megabytes(MAX_ATTACHMENT_BYTES)} MB 上限：请降低高拍仪分辨率或 JPEG 质量后重拍`, 'imageBase64')
    }
    if (!hasSignature(image, input.mime)) {
      throw new AppError('BAD_INPUT', `照片内容不是 ${input.mime === 'image/jpeg' ? 'JPEG' : 'PNG'} 图像（文件头不符），请重拍`, 'imageBase64')
    }
    const thumbnail = input.thumbnailBase64 ? Buffer.from(input.thumbnailBase64, 'base64') : null
    if (thumbnail && thumbnail.length > MAX_THUMBNAIL_BYTES) {
      throw new AppError('BAD_INPUT', `缩略图 ${Math.ceil(thumbnail.length / 1024)} KB，超过 ${MAX_THUMBNAIL_BYTES / 1024} KB 上限`, 'thumbnailBase64')
    }
    if (thumbnail && !hasSignature(thumbnail, 'image/jpeg')) throw new AppError('BAD_INPUT', '缩略图应为 JPEG 图像', 'thumbnailBase64')
    if (owner.caseId !== null) this.requireChecklistLine(owner.caseNo, input.materialId)

    const sha256 = sha256Hex(image)
    // The file first, durably: a row never points at a photo that is not on disk.
    this.deps.files.write(image, sha256, input.mime)
    const id = randomUUID()
    const createdAt = utcTimestamp(this.deps.clock.now())
    try {
      this.deps.store.transaction(() => {
        this.deps.repo.insert({
          id,
          draftId: owner.draftId,
          caseId: owner.caseId,
          materialId: input.materialId,
          sha256,
          mime: input.mime,
          sizeBytes: image.length,
          width: input.width ?? null,
          height: input.height ?? null,
          thumbnail,
          operator,
          stationId: this.deps.stationId,
          createdAt,
        })
        if (owner.caseNo !== null) {
          this.deps.store.audit({ at: createdAt, operator, stationId: this.deps.stationId, action: 'attachment.add', caseNo: owner.caseNo, details: { materialId: input.materialId, sha256, sizeBytes: image.length } })
        }
      })
    } catch (err) {
      if (this.deps.repo.usesOf(sha256) === 0) this.deps.files.remove(sha256, input.mime)
      throw err
    }
    this.deps.events.emit('attachments.changed', { draftId: owner.draftId, caseNo: owner.caseNo, materialId: input.materialId })
    return toView(this.deps.repo.get(id)!)
  }

  list(input: { draftId?: string | undefined; caseNo?: string | undefined }): AttachmentView[] {
    if (input.draftId !== undefined) {
      const caseNo = this.deps.repo.caseNoOfDraft(input.draftId)
      // A draft accepted meanwhile: its photos are the case's now; show them where they went.
      if (caseNo !== undefined) return this.list({ caseNo })
      return this.deps.repo.forDraft(input.draftId).map(toView)
    }
    const caseId = this.deps.repo.caseIdOf(input.caseNo ?? '')
    if (caseId === undefined) throw new AppError('NOT_FOUND', `办件 ${input.caseNo ?? ''} 不存在`, 'caseNo')
    return this.deps.repo.forCase(caseId).map(toView)
  }

  remove(id: string): { removed: boolean } {
    requireOperator(this.deps.session)
    const record = this.deps.repo.get(id)
    if (!record) return { removed: false }
    if (record.caseNo !== null) {
      throw new AppError('CONFLICT', `办件 ${record.caseNo} 已受理，材料照片已归档，不能删除（如需更正，请补拍一张新的）`, 'id')
    }
    if (record.stationId !== this.deps.stationId) throw new AppError('FORBIDDEN', `这张照片由窗口 ${record.stationId} 拍摄，不能在本窗口删除`, 'id')
    const removed = this.deps.store.transaction(() => this.deps.repo.delete(id))
    // Same photo taken twice shares one file: delete it only when the last row is gone.
    if (removed && this.deps.repo.usesOf(record.sha256) === 0) this.deps.files.remove(record.sha256, record.mime)
    if (removed) this.deps.events.emit('attachments.changed', { draftId: record.draftId, caseNo: null, materialId: record.materialId })
    return { removed }
  }

  image(id: string): { id: string; mime: AttachmentMime; sha256: string; imageBase64: string } {
    return this.read(id).photo
  }

  /** The full photo for a screen (`attachments.image`): ID documents and letters are personal data, so every view is audited. */
  view(id: string): { id: string; mime: AttachmentMime; sha256: string; imageBase64: string } {
    const operator = requireOperator(this.deps.session)
    const { record, photo } = this.read(id)
    recordView(this.deps.store, {
      at: utcTimestamp(this.deps.clock.now()),
      operator,
      stationId: this.deps.stationId,
      action: viewActions.photo,
      caseNo: record.caseNo,
      details: { command: 'attachments.image', id, materialId: record.materialId, sha256: record.sha256, ...(record.draftId ? { draftId: record.draftId } : {}) },
    })
    return photo
  }

  private read(id: string): { record: AttachmentRecord; photo: { id: string; mime: AttachmentMime; sha256: string; imageBase64: string } } {
    const record = this.deps.repo.get(id)
    if (!record) throw new AppError('NOT_FOUND', `照片 ${id} 不存在`, 'id')
    const bytes = this.deps.files.read(record.sha256, record.mime)
    return { record, photo: { id, mime: record.mime, sha256: record.sha256, imageBase64: bytes.toString('base64') } }
  }

  /**
   * Removes the photos of discarded drafts (run at start, when no screen
   * holds a draft open). Returns how many went.
   */
  sweepDiscardedDrafts(): number {
    const orphans = this.deps.repo.orphanedDraftPhotos()
    for (const photo of orphans) {
      this.deps.store.transaction(() => this.deps.repo.delete(photo.id))
      if (this.deps.repo.usesOf(photo.sha256) === 0) this.deps.files.remove(photo.sha256, photo.mime)
    }
    return orphans.length
  }

  /**
   * The intake's `draftPhotos` port (called inside IntakeService.accept's
   * transaction): the draft's photos become the case's, and their hashes join
   * the audit chain with the acceptance, so a photo replaced later is provably
   * not the one taken.
   */
  adoptFor(accepted: AcceptedCase): void {
    // The case row (with its draft id) is already written in this transaction.
    const draftId = this.deps.repo.draftIdOfCase(accepted.caseId)
    if (draftId === null) return
    const moved = this.deps.repo.attachDraftToCase(draftId, accepted.caseId)
    if (moved.length === 0) return
    this.deps.store.audit({
      at: accepted.acceptedAt,
      operator: accepted.operator,
      stationId: accepted.stationId,
      action: 'attachment.accept',
      caseNo: accepted.caseNo,
      details: { photos: moved.map((m) => ({ materialId: m.materialId, sha256: m.sha256, sizeBytes: m.sizeBytes })) },
    })
  }

  private ownerFor(input: { draftId?: string | undefined; caseNo?: string | undefined }): Owner {
    if (input.draftId !== undefined) {
      const acceptedAs = this.deps.repo.caseNoOfDraft(input.draftId)
      if (acceptedAs !== undefined) {
        throw new AppError('CONFLICT', `草稿已受理为办件 ${acceptedAs}，照片请补充到该办件`, 'draftId')
      }
      const draft = this.deps.store.drafts.get(input.draftId)
      if (draft && draft.stationId !== this.deps.stationId) throw new AppError('FORBIDDEN', `草稿属于窗口 ${draft.stationId}，不能在本窗口拍照`, 'draftId')
      return { draftId: input.draftId, caseId: null, caseNo: null }
    }
    const caseNo = input.caseNo ?? ''
    const caseId = this.deps.repo.caseIdOf(caseNo)
    if (caseId === undefined) throw new AppError('NOT_FOUND', `办件 ${caseNo} 不存在`, 'caseNo')
    return { draftId: null, caseId, caseNo }
  }

  private requireChecklistLine(caseNo: string, materialId: string): void {
    // The 委托书 naming an agent is filed beside the checklist: the output window photographs it for any case.
    if (materialId === AUTHORISATION_LETTER_MATERIAL) return
    const summary = this.deps.store.cases.summary(caseNo)
    const lines = summary ? this.deps.store.cases.materials(summary.id) : []
    if (!lines.some((m) => m.materialId === materialId)) {
      throw new AppError('BAD_INPUT', `办件 ${caseNo} 的材料清单中没有 ${materialId}`, 'materialId')
    }
  }
}

function toView(r: AttachmentRecord): AttachmentView {
  return {
    id: r.id,
    draftId: r.draftId,
    caseNo: r.caseNo,
    materialId: r.materialId,
    sha256: r.sha256,
    mime: r.mime,
    sizeBytes: r.sizeBytes,
    width: r.width,
    height: r.height,
    thumbnailDataUrl: r.thumbnail ? `data:image/jpeg;base64,${r.thumbnail.toString('base64')}` : null,
    operator: r.operator,
    createdAt: r.createdAt,
  }
}
