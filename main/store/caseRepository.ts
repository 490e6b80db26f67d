/**
 * Cases, their applicant, materials, express address and timeline. ID numbers
 * are encrypted here on the way in, so no caller ever handles ciphertext and
 * no plaintext ID number reaches the file.
 */
import type { CaseState } from '../domain/caseMachine'
import { maskIdNumber } from '../domain/masking'
import type {
  CaseDetailRecord,
  CaseEventRecord,
  CaseMaterialRecord,
  CaseStateUpdate,
  CaseSummary,
  MaterialForm,
  MaterialStatus,
  NewCase,
  NewCaseEvent,
} from './caseRecords'
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './caseRowMapping'
import type { IdCipher } from './idCipher'
import type { Db, Statement } from './sqlite'

/** The case page's one row: summary, applicant secrets and express address in a single lookup. */
interface DetailRow extends SummaryRow {
  fee_name: string | null
  fee_receipt_no: string | null
  note: string | null
  id_cipher: Buffer | null
  id_kind: string | null
  address: string | null
  handler_name: string | null
  handler_id_cipher: Buffer | null
  handler_id_masked: string | null
  recipient: string | null
  express_phone: string | null
  province: string | null
  city: string | null
  district: string | null
  express_address: string | null
}

interface MaterialRow {
  material_id: string
  name: string
  form: string
  copies: number
  required: number
  received_copies: number
  status: string
  promise_date: string | null
  supplied_at: string | null
}

interface EventRow {
  id: number
  at: string
  operator: string
  station_id: string
  action: string
  from_state: string | null
  to_state: string
  note: string | null
  details: string | null
}

export class CaseRepository {
  private readonly insertCaseStmt: Statement
  private readonly insertApplicantStmt: Statement
  private readonly insertMaterialStmt: Statement
  private readonly insertExpressStmt: Statement
  private readonly insertEventStmt: Statement
  private readonly byNoStmt: Statement
  private readonly byDraftStmt: Statement
  private readonly updateStateStmt: Statement
  private readonly supplyStmt: Statement
  private readonly materialsStmt: Statement
  private readonly eventsStmt: Statement
  private readonly detailStmt: Statement

  constructor(
    private readonly db: Db,
    private readonly cipher: IdCipher,
  ) {
    this.insertCaseStmt = db.prepare(`
      INSERT INTO cases (case_no, item_code, item_name, department, state, clock, station_id, operator, accepted_at, accepted_date,
        promised_days, deadline, warn_date, delivery, fee_cents, fee_name, fee_receipt_no, note, draft_id, updated_at)
      VALUES (@caseNo, @itemCode, @itemName, @department, @state, @clock, @stationId, @operator, @acceptedAt, @acceptedDate,
        @promisedDays, @deadline, @warnDate, @delivery, @feeCents, @feeName, @feeReceiptNo, @note, @draftId, @acceptedAt)`)
    this.insertApplicantStmt = db.prepare(`
      INSERT INTO case_applicants (case_id, kind, name, accepted_at, phone, address, id_kind, id_hash, id_cipher, id_masked, uscc,
        handler_name, handler_id_hash, handler_id_cipher, handler_id_masked)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertMaterialStmt = db.prepare(`
      INSERT INTO case_materials (case_id, position, material_id, name, form, copies, required, received_copies, status, promise_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertExpressStmt = db.prepare(
      'INSERT INTO case_deliveries (case_id, recipient, phone, province, city, district, address) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.insertEventStmt = db.prepare(`
      INSERT INTO case_events (case_id, at, operator, station_id, action, from_state, to_state, note, details)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.byNoStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.case_no = ?`)
    this.byDraftStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.draft_id = ?`)
    this.updateStateStmt = db.prepare(`
      UPDATE cases SET state = @state, clock = @clock, deadline = @deadline, warn_date = @warnDate, paused_days = @pausedDays,
        paused_since = @pausedSince, updated_at = @updatedAt, version = version + 1
      WHERE id = @id AND version = @expectedVersion`)
    // Prepared once: the case page runs all of these per scan, and preparing costs more than the lookups.
    this.supplyStmt = db.prepare(
      "UPDATE case_materials SET status = 'received', received_copies = copies, supplied_at = ? WHERE case_id = ? AND material_id = ? AND status = 'deferred'",
    )
    this.materialsStmt = db.prepare('SELECT * FROM case_materials WHERE case_id = ? ORDER BY position')
    this.eventsStmt = db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY id')
    this.detailStmt = db.prepare(`
      SELECT ${SUMMARY_COLUMNS}, c.fee_name, c.fee_receipt_no, c.note,
        a.id_cipher, a.id_kind, a.address, a.handler_name, a.handler_id_cipher, a.handler_id_masked,
        d.recipient, d.phone AS express_phone, d.province, d.city, d.district, d.address AS express_address
      FROM ${SUMMARY_FROM} LEFT JOIN case_deliveries d ON d.case_id = c.id
      WHERE c.case_no = ?`)
  }

  /** Inserts the case with everything that hangs off it; the caller holds the transaction. */
  insert(c: NewCase): number {
    const id = Number(
      this.insertCaseStmt.run({
        ...c,
        feeCents: c.fee?.cents ?? null,
        feeName: c.fee?.name ?? null,
        feeReceiptNo: c.fee?.receiptNo ?? null,
        draftId: c.draftId,
      }).lastInsertRowid,
    )
    const a = c.applicant
    this.insertApplicantStmt.run(
      id,
      a.kind,
      a.name,
      c.acceptedAt,
      a.phone,
      a.address,
      a.idKind,
      a.idNumber === null ? null : this.cipher.lookupHash(a.idNumber),
      a.idNumber === null ? null : this.cipher.encryptId(a.idNumber),
      a.idNumber === null ? null : maskIdNumber(a.idNumber),
      a.uscc,
      a.handlerName,
      a.handlerIdNumber === null ? null : this.cipher.lookupHash(a.handlerIdNumber),
      a.handlerIdNumber === null ? null : this.cipher.encryptId(a.handlerIdNumber),
      a.handlerIdNumber === null ? null : maskIdNumber(a.handlerIdNumber),
    )
    c.materials.forEach((m, position) => {
      this.insertMaterialStmt.run(id, position, m.materialId, m.name, m.form, m.copies, m.required ? 1 : 0, m.receivedCopies, m.status, m.promiseDate)
    })
    if (c.express) {
      const e = c.express
      this.insertExpressStmt.run(id, e.recipient, e.phone, e.province, e.city, e.district, e.address)
    }
    return id
  }

  addEvent(e: NewCaseEvent): number {
    const details = e.details === null ? null : JSON.stringify(e.details)
    return Number(this.insertEventStmt.run(e.caseId, e.at, e.operator, e.stationId, e.action, e.fromState, e.toState, e.note, details).lastInsertRowid)
  }

  summary(caseNo: string): CaseSummary | undefined {
    const row = this.byNoStmt.get(caseNo) as SummaryRow | undefined
    return row ? toSummary(row) : undefined
  }

  /** The case accepted from this draft, if it was. */
  byDraftId(draftId: string): CaseSummary | undefined {
    const row = this.byDraftStmt.get(draftId) as SummaryRow | undefined
    return row ? toSummary(row) : undefined
  }

  /** Returns false when the row changed since it was read (its version moved on). */
  updateState(u: CaseStateUpdate): boolean {
    return this.updateStateStmt.run(u).changes === 1
  }

  /** Marks deferred (容缺) materials as supplied; returns the ids that were still outstanding. */
  supplyMaterials(caseId: number, materialIds: readonly string[], at: string): string[] {
    const supplied: string[] = []
    for (const id of materialIds) if (this.supplyStmt.run(at, caseId, id).changes === 1) supplied.push(id)
    return supplied
  }

  materials(caseId: number): CaseMaterialRecord[] {
    const rows = this.materialsStmt.all(caseId) as MaterialRow[]
    return rows.map((m) => ({
      materialId: m.material_id,
      name: m.name,
      form: m.form as MaterialForm,
      copies: m.copies,
      required: m.required === 1,
      receivedCopies: m.received_copies,
      status: m.status as MaterialStatus,
      promiseDate: m.promise_date,
      suppliedAt: m.supplied_at,
    }))
  }

  events(caseId: number): CaseEventRecord[] {
    const rows = this.eventsStmt.all(caseId) as EventRow[]
    return rows.map((e) => ({
      id: e.id,
      at: e.at,
      operator: e.operator,
      stationId: e.station_id,
      action: e.action,
      fromState: e.from_state as CaseState | null,
      toState: e.to_state as CaseState,
      note: e.note,
      details: e.details === null ? null : (JSON.parse(e.details) as Record<string, unknown>),
    }))
  }

  /** The case page: the applicant's ID number decrypted, materials, address and timeline. */
  detail(caseNo: string): CaseDetailRecord | undefined {
    const row = this.detailStmt.get(caseNo) as DetailRow | undefined
    if (!row) return undefined
    const summary = toSummary(row)
    return {
      ...summary,
      feeName: row.fee_name,
      feeReceiptNo: row.fee_receipt_no,
      note: row.note,
      applicant: {
        kind: summary.applicantKind,
        name: summary.applicantName,
        phone: summary.applicantPhone,
        address: row.address,
        idNumber: row.id_cipher ? this.cipher.decryptId(row.id_cipher) : null,
        idKind: row.id_kind,
        uscc: summary.uscc,
        handlerName: row.handler_name,
        handlerIdNumber: row.handler_id_cipher ? this.cipher.decryptId(row.handler_id_cipher) : null,
        handlerIdMasked: row.handler_id_masked,
      },
      materials: this.materials(summary.id),
      express: row.recipient === null ? null : { recipient: row.recipient, phone: row.express_phone ?? '', province: row.province ?? '', city: row.city ?? '', district: row.district ?? '', address: row.express_address ?? '' },
      events: this.events(summary.id),
    }
  }

  /** Cases where this ID number is the applicant's or the handler's, found by keyed hash; newest first. */
  byIdNumber(idNumber: string, states: readonly CaseState[], limit: number): CaseSummary[] {
    const hash = this.cipher.lookupHash(idNumber)
    const marks = states.map(() => '?').join(', ')
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
         WHERE c.id IN (SELECT case_id FROM case_applicants WHERE id_hash = ? UNION SELECT case_id FROM case_applicants WHERE handler_id_hash = ?)
           AND c.state IN (${marks})
         ORDER BY c.accepted_at DESC, c.id DESC LIMIT ?`,
      )
      .all(hash, hash, ...states, limit) as SummaryRow[]
    return rows.map(toSummary)
  }
}
