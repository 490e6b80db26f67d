/**
 * Every view of personal data leaves an audit row (PIPL: who saw whose
 * identity data, when): a full ID number on the case page, a lookup by ID
 * number, a photo of a document, an A4 sheet shown or fetched. The row is
 * written in its own transaction before the data goes out, so a view the
 * trail cannot take is not served — with one exception: a database found
 * damaged refuses every write but keeps answering look-ups at the counter
 * (services/system/storeIntegrity.ts), and there the view goes to the log.
 * ID numbers in the row are masked (domain/masking.ts), never whole.
 */
import { canonicalJson, type AuditEntry } from '../../store/auditChain'
import type { Store } from '../../store/store'

/** The audit actions of views; `audit` readers find every view of personal data by these. */
export const viewActions = {
  /** A page showing full ID numbers (the case page). */
  idNumber: 'view.idNumber',
  /** A search by ID number (cases.findByIdNumber, the output window's card tap and collector check). */
  lookup: 'lookup.idNumber',
  /** A full-size photo of a material (ID documents, authorisation letters). */
  photo: 'view.photo',
  /** An A4 sheet (names, addresses) shown on screen or fetched as a PDF. */
  document: 'view.document',
} as const

export type ViewEntry = AuditEntry & { action: (typeof viewActions)[keyof typeof viewActions] }

export function recordView(store: Store, entry: ViewEntry, log: (line: string) => void = (line) => console.error(line)): void {
  if (store.writesRefusedBecause !== undefined) {
    log(`[audit] 数据库已停止写入，以下查看未能记入审计链：${entry.at ?? ''} ${entry.operator} ${entry.action} ${entry.caseNo ?? ''} ${canonicalJson(entry.details ?? {})}`)
    return
  }
  store.transaction(() => store.audit(entry))
}
