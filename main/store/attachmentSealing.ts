/**
 * The one pass that seals what was stored before photos were encrypted at
 * rest: plain photo files in the data directory and plain thumbnails in the
 * database. It runs at the first start of a station that has them (and at a
 * restore); a mark in store_meta keeps later starts from reading every file
 * again. A plain file that turns up later anyway (copied back by hand) is
 * sealed when it is read (attachmentFiles.ts).
 */
import type { AttachmentFiles } from './attachmentFiles'
import type { AttachmentsRepository } from './attachmentsRepository'
import type { Store } from './store'

const SEALED_MARK = 'attachments_sealed'

export interface AttachmentSealReport {
  /** False: the mark said it was done before; nothing was read. */
  ran: boolean
  files: number
  thumbnails: number
  /** Plain files whose content no longer matches their name (left for a read to report). */
  damaged: string[]
}

export function sealLegacyAttachments(store: Store, files: AttachmentFiles, repo: AttachmentsRepository, options: { evenIfMarked?: boolean } = {}): AttachmentSealReport {
  const mark = store.db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck()
  if (!options.evenIfMarked && mark.get(SEALED_MARK) !== undefined) return { ran: false, files: 0, thumbnails: 0, damaged: [] }
  // Files first: a crash in between repeats the pass at the next start (the mark is written last).
  const fileReport = files.sealLegacyFiles()
  // secure_delete: the plain thumbnails' old cells are zeroed, not left in free pages of the file.
  const wasSecure = store.db.pragma('secure_delete', { simple: true }) as number
  store.db.pragma('secure_delete = ON')
  let thumbnails: number
  try {
    thumbnails = store.transaction(() => {
      const sealed = repo.sealPlainThumbnails()
      store.db.prepare('INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)').run(SEALED_MARK, 'v1')
      return sealed
    })
  } finally {
    store.db.pragma(`secure_delete = ${wasSecure ? 'ON' : 'OFF'}`)
  }
  return { ran: true, files: fileReport.sealed, thumbnails, damaged: fileReport.damaged }
}

/** One line for the start log, or null when there was nothing to say. */
export function describeAttachmentSealing(report: AttachmentSealReport): string | null {
  if (!report.ran || report.files + report.thumbnails + report.damaged.length === 0) return null
  const damaged = report.damaged.length > 0 ? `；${report.damaged.length} 个照片文件内容与文件名不符，未加密，请从备份恢复：${report.damaged.slice(0, 3).join('，')}` : ''
  return `[照片加密] 已将 ${report.files} 个旧的明文照片文件和 ${report.thumbnails} 张缩略图就地加密${damaged}`
}
