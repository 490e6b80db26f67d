/**
 * Cases: one row each, applicant and materials checklist included (see
 * migration 006), plus the express address and the timeline. ID numbers are
 * encrypted here on the way in, so no caller ever handles ciphertext and no
 * plaintext ID number reaches the file.
 */
import type { CaseState } from '../domain/caseMachine'
import { maskIdNumber } from '../domain/masking'
import type { ProvisionalMark } from '../domain/provisionalDeadline'
import type {
  CaseDetailRecord,
  CaseEventRecord,
  CaseMaterialRecord,
  CaseStateUpdate,
  CaseSummary,
  NewCase,
  NewCaseEvent,
} from './caseRecords'
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './caseRowMapping'
import type { IdCipher } from './idCipher'
import type { Db, Statement } from './sqlite'

/** The case page's one row: summary, applicant secrets, checklist and express address in a single lookup. */
interface DetailRow extends SummaryRow {
  fee_name: string | null
  fee_receipt_no: string | null
  note: string | null
  materials: string
  id_cipher: Buffer | null
  id_kind: string | null
  applicant_address: string | null
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

interface EventRow {
  seq: number
  case_no: string
  at: string
  operator: string
  station_id: string
  action: string
  from_state: string | null
  to_state: string
  note: string | null
  details: string | null
}

function markText(mark: ProvisionalMark | null): string | null {
  return mark === null ? null : JSON.stringify(mark)
}

function toEventRecord(e: EventRow): CaseEventRecord {
  return {
    seq: e.seq,
    caseNo: e.case_no,
    at: e.at,
    operator: e.operator,
    stationId: e.station_id,
    action: e.action,
    fromState: e.from_state as CaseState | null,
    toState: e.to_state as CaseState,
    note: e.note,
    details: e.details === null ? null : (JSON.parse(e.details) as Record<string, unknown>),
  }
}

/** The checklist column: written only here, always from CaseMaterialRecord, so the parse is a restatement. */
function parseMaterials(text: string): CaseMaterialRecord[] {
  return JSON.parse(text) as CaseMaterialRecord[]
}

export class CaseRepository {
  private readonly insertCaseStmt: Statement
  private readonly insertExpressStmt: Statement
  private readonly insertEventStmt: Statement
  private readonly byNoStmt: Statement
  private readonly byDraftStmt: Statement
  private readonly updateStateStmt: Statement
  private readonly materialsStmt: Statement
  private readonly writeMaterialsStmt: Statement
  private readonly eventsStmt: Statement
  private readonly eventsByNoStmt: Statement
  private readonly detailStmt: Statement

  constructor(
    private readonly db: Db,
    private readonly cipher: IdCipher,
  ) {
    this.insertCaseStmt = db.prepare(`
      INSERT INTO cases (case_no, item_code, item_name, department, state, clock, station_id, operator, accepted_at, accepted_date,
        promised_days, deadline, warn_date, provisional_deadline, delivery, fee_cents, fee_name, fee_receipt_no, note, draft_id, updated_at,
        applicant_kind, applicant_name, applicant_phone, applicant_address, id_kind, id_hash, id_cipher, id_masked, uscc,
        handler_name, handler_id_hash, handler_id_cipher, handler_id_masked, materials,
        agent_branch_code, agent_branch_name, agent_name, authorisation_sha256, station)
      VALUES (@caseNo, @itemCode, @itemName, @department, @state, @clock, @stationId, @operator, @acceptedAt, @acceptedDate,
        @promisedDays, @deadline, @warnDate, @provisionalDeadline, @delivery, @feeCents, @feeName, @feeReceiptNo, @note, @draftId, @acceptedAt,
        @applicantKind, @applicantName, @applicantPhone, @applicantAddress, @idKind, @idHash, @idCipher, @idMasked, @uscc,
        @handlerName, @handlerIdHash, @handlerIdCipher, @handlerIdMasked, @materials,
        @agentBranchCode, @agentBranchName, @agentName, @authorisationSha256, @stationId)`)
    this.insertExpressStmt = db.prepare(
      'INSERT INTO case_deliveries (case_id, case_no, recipient, phone, province, city, district, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    // seq: the case's next timeline number, read from the same (case_id, seq) leaf the row goes into.
    // case_no: copied from the case row (a page the transaction just touched), so a shared event names its case.
    this.insertEventStmt = db.prepare(`
      INSERT INTO case_events (case_id, seq, case_no, at, operator, station_id, action, from_state, to_state, note, details)
      VALUES (@caseId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = @caseId), (SELECT case_no FROM cases WHERE id = @caseId),
        @at, @operator, @stationId, @action, @fromState, @toState, @note, @details)
      RETURNING seq`)
    this.byNoStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.case_no = ?`)
    this.byDraftStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.draft_id = ?`)
    this.updateStateStmt = db.prepare(`
      UPDATE cases SET state = @state, clock = @clock, deadline = @deadline, warn_date = @warnDate,
        provisional_deadline = @provisionalDeadline, paused_days = @pausedDays,
        paused_since = @pausedSince, updated_at = @updatedAt, version = version + 1
      WHERE id = @id AND version = @expectedVersion`)
    // Prepared once: the case page runs these per scan, and preparing costs more than the lookups.
    this.materialsStmt = db.prepare('SELECT materials FROM cases WHERE id = ?').pluck()
    this.writeMaterialsStmt = db.prepare('UPDATE cases SET materials = ? WHERE id = ?')
    this.eventsStmt = db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq')
    // By number: through the unique case_no index to case_id, then the timeline's own key (no index of its own to write at intake).
    this.eventsByNoStmt = db.prepare('SELECT * FROM case_events WHERE case_id = (SELECT id FROM cases WHERE case_no = ?) ORDER BY seq')
    this.detailStmt = db.prepare(`
      SELECT ${SUMMARY_COLUMNS}, c.fee_name, c.fee_receipt_no, c.note, c.materials,
        c.id_cipher, c.id_kind, c.applicant_address, c.handler_name, c.handler_id_cipher, c.handler_id_masked,
        d.recipient, d.phone AS express_phone, d.province, d.city, d.district, d.address AS express_address
      FROM ${SUMMARY_FROM} LEFT JOIN case_deliveries d ON d.case_id = c.id
      WHERE c.case_no = ?`)
  }

  /** Inserts the case with everything that hangs off it; the caller holds the transaction. */
  insert(c: NewCase): number {
    const a = c.applicant
    const materials: CaseMaterialRecord[] = c.materials.map((m) => ({ ...m, suppliedAt: null }))
    const id = Number(
      this.insertCaseStmt.run({
        ...c,
        provisionalDeadline: markText(c.provisional),
        feeCents: c.fee?.cents ?? null,
        feeName: c.fee?.name ?? null,
        feeReceiptNo: c.fee?.receiptNo ?? null,
        applicantKind: a.kind,
        applicantName: a.name,
        applicantPhone: a.phone,
        applicantAddress: a.address,
        idKind: a.idKind,
        idHash: a.idNumber === null ? null : this.cipher.lookupHash(a.idNumber),
        idCipher: a.idNumber === null ? null : this.cipher.encryptId(a.idNumber),
        idMasked: a.idNumber === null ? null : maskIdNumber(a.idNumber),
        uscc: a.uscc,
        handlerName: a.handlerName,
        handlerIdHash: a.handlerIdNumber === null ? null : this.cipher.lookupHash(a.handlerIdNumber),
        handlerIdCipher: a.handlerIdNumber === null ? null : this.cipher.encryptId(a.handlerIdNumber),
        handlerIdMasked: a.handlerIdNumber === null ? null : maskIdNumber(a.handlerIdNumber),
        materials: JSON.stringify(materials),
        agentBranchCode: c.agent?.branchCode ?? null,
        agentBranchName: c.agent?.branchName ?? null,
        agentName: c.agent?.agentName ?? null,
        authorisationSha256: c.agent?.authorisationSha256 ?? null,
      }).lastInsertRowid,
    )
    if (c.express) {
      const e = c.express
      this.insertExpressStmt.run(id, c.caseNo, e.recipient, e.phone, e.province, e.city, e.district, e.address)
    }
    return id
  }

  /** Appends to the case's timeline; returns the entry's number within the case (1, 2, …). */
  addEvent(e: NewCaseEvent): number {
    const details = e.details === null ? null : JSON.stringify(e.details)
    return (this.insertEventStmt.get({ ...e, details }) as { seq: number }).seq
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
    const { provisional, ...rest } = u
    return this.updateStateStmt.run({ ...rest, provisionalDeadline: markText(provisional) }).changes === 1
  }

  /** Cases in `states` whose deadline is provisional (暂定), oldest first: what a calendar import recounts. */
  withProvisionalDeadline(states: readonly CaseState[]): CaseSummary[] {
    const marks = states.map(() => '?').join(', ')
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.provisional_deadline IS NOT NULL AND c.state IN (${marks}) ORDER BY c.id`)
      .all(...states) as SummaryRow[]
    return rows.map(toSummary)
  }

  /** Marks deferred (容缺) materials as supplied; returns the ids that were still outstanding. The caller holds the transaction. */
  supplyMaterials(caseId: number, materialIds: readonly string[], at: string): string[] {
    const wanted = new Set(materialIds)
    const supplied: string[] = []
    const lines = this.materials(caseId).map((m) => {
      if (!wanted.has(m.materialId) || m.status !== 'deferred') return m
      supplied.push(m.materialId)
      return { ...m, status: 'received' as const, receivedCopies: m.copies, suppliedAt: at }
    })
    if (supplied.length > 0) this.writeMaterialsStmt.run(JSON.stringify(lines), caseId)
    return [...wanted].filter((id) => supplied.includes(id))
  }

  materials(caseId: number): CaseMaterialRecord[] {
    const text = this.materialsStmt.get(caseId) as string | undefined
    return text === undefined ? [] : parseMaterials(text)
  }

  events(caseId: number): CaseEventRecord[] {
    return (this.eventsStmt.all(caseId) as EventRow[]).map(toEventRecord)
  }

  /** A case's timeline by its number, the name it has on every station; empty for an unknown number. */
  eventsOf(caseNo: string): CaseEventRecord[] {
    return (this.eventsByNoStmt.all(caseNo) as EventRow[]).map(toEventRecord)
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
        address: row.applicant_address,
        idNumber: row.id_cipher ? this.cipher.decryptId(row.id_cipher) : null,
        idKind: row.id_kind,
        uscc: summary.uscc,
        handlerName: row.handler_name,
        handlerIdNumber: row.handler_id_cipher ? this.cipher.decryptId(row.handler_id_cipher) : null,
        handlerIdMasked: row.handler_id_masked,
      },
      materials: parseMaterials(row.materials),
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
         WHERE c.id IN (SELECT id FROM cases WHERE id_hash = ? UNION SELECT id FROM cases WHERE handler_id_hash = ?)
           AND c.state IN (${marks})
         ORDER BY c.accepted_at DESC, c.id DESC LIMIT ?`,
      )
      .all(hash, hash, ...states, limit) as SummaryRow[]
    return rows.map(toSummary)
  }
}
