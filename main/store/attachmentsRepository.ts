/**
 * Rows of material photos (migration 008). The image bytes live in files
 * (attachmentFiles.ts); this table says which draft or case and which
 * checklist line each photo belongs to, with its hash and size. The
 * thumbnail — a small but legible picture of the same ID document — is
 * sealed like the file (attachmentCipher.ts); one stored before encryption
 * is read as it is until the start sweep seals it (attachmentSealing.ts).
 */
import { AttachmentCipher } from './attachmentCipher'
import type { Db, Statement } from './sqlite'

export type AttachmentMime = 'image/jpeg' | 'image/png'

export interface NewAttachment {
  id: string
  /** Exactly one of draftId / caseId. */
  draftId: string | null
  caseId: number | null
  materialId: string
  sha256: string
  mime: AttachmentMime
  sizeBytes: number
  width: number | null
  height: number | null
  thumbnail: Buffer | null
  operator: string
  stationId: string
  createdAt: string
}

export interface AttachmentRecord extends NewAttachment {
  /** The case number when the photo belongs to a case. */
  caseNo: string | null
}

interface AttachmentRow {
  id: string
  draft_id: string | null
  case_id: number | null
  case_no: string | null
  material_id: string
  sha256: string
  mime: AttachmentMime
  size_bytes: number
  width: number | null
  height: number | null
  thumbnail: Buffer | null
  operator: string
  station_id: string
  created_at: string
}

const SELECT = 'SELECT a.* FROM attachments a'
const ORDER = 'ORDER BY a.material_id, a.created_at, a.rowid'

export class AttachmentsRepository {
  private readonly insertStmt: Statement
  private readonly byIdStmt: Statement
  private readonly byDraftStmt: Statement
  private readonly byCaseStmt: Statement
  private readonly byCaseNoStmt: Statement
  private readonly deleteStmt: Statement
  private readonly shaUsesStmt: Statement
  private readonly moveStmt: Statement
  private readonly caseIdStmt: Statement
  private readonly caseOfDraftStmt: Statement
  private readonly draftOfCaseStmt: Statement
  private readonly orphansStmt: Statement
  private readonly plainThumbnailsStmt: Statement
  private readonly setThumbnailStmt: Statement

  constructor(
    db: Db,
    private readonly cipher: AttachmentCipher,
  ) {
    this.insertStmt = db.prepare(`
      INSERT INTO attachments (id, draft_id, case_id, case_no, material_id, sha256, mime, size_bytes, width, height, thumbnail, operator, station_id, created_at)
      VALUES (@id, @draftId, @caseId, (SELECT case_no FROM cases WHERE id = @caseId), @materialId, @sha256, @mime, @sizeBytes, @width, @height, @thumbnail,
        @operator, @stationId, @createdAt)`)
    this.byIdStmt = db.prepare(`${SELECT} WHERE a.id = ?`)
    this.byDraftStmt = db.prepare(`${SELECT} WHERE a.draft_id = ? ${ORDER}`)
    this.byCaseStmt = db.prepare(`${SELECT} WHERE a.case_id = ? ${ORDER}`)
    // By number: through the unique case_no index to case_id and attachments_by_case (no second index for intake to update).
    this.byCaseNoStmt = db.prepare(`${SELECT} WHERE a.case_id = (SELECT id FROM cases WHERE case_no = ?) ${ORDER}`)
    this.deleteStmt = db.prepare('DELETE FROM attachments WHERE id = ?')
    this.shaUsesStmt = db.prepare('SELECT count(*) FROM attachments WHERE sha256 = ?').pluck()
    this.moveStmt = db.prepare('UPDATE attachments SET case_id = @caseId, case_no = (SELECT case_no FROM cases WHERE id = @caseId), draft_id = NULL WHERE draft_id = @draftId')
    this.caseIdStmt = db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck()
    this.caseOfDraftStmt = db.prepare('SELECT case_no FROM cases WHERE draft_id = ?').pluck()
    this.draftOfCaseStmt = db.prepare('SELECT draft_id FROM cases WHERE id = ?').pluck()
    // Accepted drafts moved their photos to the case (draft_id NULL), so what is left here was discarded.
    this.orphansStmt = db.prepare(`${SELECT} WHERE a.draft_id IS NOT NULL AND a.draft_id NOT IN (SELECT id FROM drafts)`)
    // Sealed thumbnails start with the cipher's magic "OWPH"; anything else was stored before encryption.
    this.plainThumbnailsStmt = db.prepare("SELECT id, sha256, thumbnail FROM attachments WHERE thumbnail IS NOT NULL AND substr(thumbnail, 1, 4) <> X'4F575048'")
    this.setThumbnailStmt = db.prepare('UPDATE attachments SET thumbnail = ? WHERE id = ?')
  }

  insert(a: NewAttachment): void {
    this.insertStmt.run({ ...a, thumbnail: a.thumbnail && this.cipher.seal(a.thumbnail, a.sha256, 'thumbnail') })
  }

  /** Seals the thumbnails stored before encryption; call inside a transaction. Returns how many. */
  sealPlainThumbnails(): number {
    const rows = this.plainThumbnailsStmt.all() as Array<{ id: string; sha256: string; thumbnail: Buffer }>
    for (const row of rows) this.setThumbnailStmt.run(this.cipher.seal(row.thumbnail, row.sha256, 'thumbnail'), row.id)
    return rows.length
  }

  get(id: string): AttachmentRecord | undefined {
    const row = this.byIdStmt.get(id) as AttachmentRow | undefined
    return row ? this.toRecord(row) : undefined
  }

  forDraft(draftId: string): AttachmentRecord[] {
    return (this.byDraftStmt.all(draftId) as AttachmentRow[]).map((row) => this.toRecord(row))
  }

  forCase(caseId: number): AttachmentRecord[] {
    return (this.byCaseStmt.all(caseId) as AttachmentRow[]).map((row) => this.toRecord(row))
  }

  /** A case's photos by its number, the name it has on every station; empty for an unknown number. */
  forCaseNo(caseNo: string): AttachmentRecord[] {
    return (this.byCaseNoStmt.all(caseNo) as AttachmentRow[]).map((row) => this.toRecord(row))
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes === 1
  }

  /** How many rows still point at a file; 0 means the file can go. */
  usesOf(sha256: string): number {
    return this.shaUsesStmt.get(sha256) as number
  }

  caseIdOf(caseNo: string): number | undefined {
    return this.caseIdStmt.get(caseNo) as number | undefined
  }

  /** The case a draft was accepted as, if it was (photos then belong to the case). */
  caseNoOfDraft(draftId: string): string | undefined {
    return this.caseOfDraftStmt.get(draftId) as string | undefined
  }

  /** Photos of drafts that were discarded (their draft row is gone and no case took them). */
  orphanedDraftPhotos(): AttachmentRecord[] {
    return (this.orphansStmt.all() as AttachmentRow[]).map((row) => this.toRecord(row))
  }

  /** The draft a case was accepted from (null for a case accepted from a full form). */
  draftIdOfCase(caseId: number): string | null {
    return (this.draftOfCaseStmt.get(caseId) as string | null | undefined) ?? null
  }

  /**
   * At acceptance the draft's photos become the case's. Call inside the
   * accept transaction, so a case is never on disk without its photos.
   * Returns the photos moved.
   */
  attachDraftToCase(draftId: string, caseId: number): AttachmentRecord[] {
    this.moveStmt.run({ caseId, draftId })
    return this.forCase(caseId)
  }

  private toRecord(row: AttachmentRow): AttachmentRecord {
    const thumbnail =
      row.thumbnail && AttachmentCipher.isSealed(row.thumbnail) ? this.cipher.open(row.thumbnail, row.sha256, 'thumbnail', `照片 ${row.id} 的缩略图`) : row.thumbnail
    return {
      id: row.id,
      draftId: row.draft_id,
      caseId: row.case_id,
      caseNo: row.case_no,
      materialId: row.material_id,
      sha256: row.sha256,
      mime: row.mime,
      sizeBytes: row.size_bytes,
      width: row.width,
      height: row.height,
      thumbnail,
      operator: row.operator,
      stationId: row.station_id,
      createdAt: row.created_at,
    }
  }
}
