/**
 * The output window's rows (migration 015): the agent named on a case with
 * their authorisation letter, the collection itself, and the lookups by ID
 * number — always by the keyed hash (IdCipher.lookupHash), so finding or
 * checking a collector decrypts nothing.
 */
import { AUTHORISATION_LETTER_MATERIAL, type CollectorRole, type IdentityMatch } from '../domain/collection'
import { maskIdNumber } from '../domain/masking'
import type { CaseSummary } from './caseRecords'
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './caseRowMapping'
import type { IdCipher } from './idCipher'
import type { Db, Statement } from './sqlite'

export interface AgentRecord {
  caseNo: string
  name: string
  idMasked: string
  /** The 委托书 photo naming this agent; null when named at intake without one. */
  letterAttachmentId: string | null
  recordedAt: string
  recordedWhere: 'intake' | 'output'
  operator: string
  stationId: string
}

export interface NewAgent {
  caseId: number
  name: string
  idNumber: string
  letterAttachmentId: string | null
  recordedAt: string
  recordedWhere: 'intake' | 'output'
  operator: string
  stationId: string
}

export interface NewCollection {
  caseId: number
  role: CollectorRole
  collectorName: string
  collectorIdNumber: string
  certificateNo: string | null
  isCertificateChecked: boolean
  signatureFile: string | null
  signatureSha256: string | null
  collectedAt: string
  operator: string
  stationId: string
}

export interface CollectionRecord {
  caseNo: string
  role: CollectorRole
  collectorName: string
  collectorIdMasked: string
  certificateNo: string | null
  isCertificateChecked: boolean
  signatureSha256: string | null
  collectedAt: string
  operator: string
}

interface AgentRow {
  case_no: string
  name: string
  id_masked: string
  letter_attachment_id: string | null
  recorded_at: string
  recorded_where: string
  operator: string
  station_id: string
}

interface CollectionRow {
  case_no: string
  role: string
  collector_name: string
  collector_id_masked: string
  certificate_no: string | null
  certificate_checked: number
  signature_sha256: string | null
  collected_at: string
  operator: string
}

export class CollectionRepository {
  private readonly upsertAgentStmt: Statement
  private readonly agentStmt: Statement
  private readonly matchStmt: Statement
  private readonly readyStmt: Statement
  private readonly letterStmt: Statement
  private readonly newestLetterStmt: Statement
  private readonly insertCollectionStmt: Statement
  private readonly collectionStmt: Statement
  private readonly handlerStmt: Statement

  constructor(
    db: Db,
    private readonly cipher: IdCipher,
  ) {
    this.upsertAgentStmt = db.prepare(`
      INSERT INTO case_agents (case_id, case_no, name, id_hash, id_cipher, id_masked, letter_attachment_id, recorded_at, recorded_where, operator, station_id)
      VALUES (@caseId, (SELECT case_no FROM cases WHERE id = @caseId), @name, @idHash, @idCipher, @idMasked, @letterAttachmentId, @recordedAt, @recordedWhere, @operator, @stationId)
      ON CONFLICT (case_id) DO UPDATE SET name = excluded.name, id_hash = excluded.id_hash, id_cipher = excluded.id_cipher, id_masked = excluded.id_masked,
        letter_attachment_id = excluded.letter_attachment_id, recorded_at = excluded.recorded_at, recorded_where = excluded.recorded_where,
        operator = excluded.operator, station_id = excluded.station_id`)
    this.agentStmt = db.prepare('SELECT * FROM case_agents WHERE case_id = ?')
    // Three comparisons of one hash on one row: nothing is decrypted.
    this.matchStmt = db.prepare(`
      SELECT coalesce(c.id_hash = @hash, 0) AS applicant, coalesce(c.handler_id_hash = @hash, 0) AS handler, coalesce(a.id_hash = @hash, 0) AS agent
      FROM cases c LEFT JOIN case_agents a ON a.case_id = c.id WHERE c.id = @caseId`)
    this.readyStmt = db.prepare(`
      SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
      WHERE c.id IN (SELECT id FROM cases WHERE id_hash = @hash UNION SELECT id FROM cases WHERE handler_id_hash = @hash
                     UNION SELECT case_id FROM case_agents WHERE id_hash = @hash)
        AND c.state = 'ready'
      ORDER BY c.accepted_at, c.id LIMIT @limit`)
    this.letterStmt = db.prepare('SELECT id FROM attachments WHERE id = ? AND case_id = ? AND material_id = ?').pluck()
    this.newestLetterStmt = db.prepare('SELECT id FROM attachments WHERE case_id = ? AND material_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').pluck()
    this.insertCollectionStmt = db.prepare(`
      INSERT INTO case_collections (case_id, case_no, role, collector_name, collector_id_hash, collector_id_masked, certificate_no, certificate_checked,
        signature_file, signature_sha256, collected_at, operator, station_id)
      VALUES (@caseId, (SELECT case_no FROM cases WHERE id = @caseId), @role, @collectorName, @idHash, @idMasked, @certificateNo, @checked,
        @signatureFile, @signatureSha256, @collectedAt, @operator, @stationId)`)
    this.collectionStmt = db.prepare('SELECT * FROM case_collections WHERE case_id = ?')
    this.handlerStmt = db.prepare('SELECT handler_name AS name, handler_id_masked AS idMasked FROM cases WHERE id = ? AND handler_id_hash IS NOT NULL')
  }

  /** Names (or renames) the case's agent; the caller holds the transaction and writes the audit row. */
  recordAgent(a: NewAgent): void {
    this.upsertAgentStmt.run({
      caseId: a.caseId,
      name: a.name,
      idHash: this.cipher.lookupHash(a.idNumber),
      idCipher: this.cipher.encryptId(a.idNumber),
      idMasked: maskIdNumber(a.idNumber),
      letterAttachmentId: a.letterAttachmentId,
      recordedAt: a.recordedAt,
      recordedWhere: a.recordedWhere,
      operator: a.operator,
      stationId: a.stationId,
    })
  }

  agentOf(caseId: number): AgentRecord | undefined {
    const r = this.agentStmt.get(caseId) as AgentRow | undefined
    if (!r) return undefined
    return {
      caseNo: r.case_no,
      name: r.name,
      idMasked: r.id_masked,
      letterAttachmentId: r.letter_attachment_id,
      recordedAt: r.recorded_at,
      recordedWhere: r.recorded_where as AgentRecord['recordedWhere'],
      operator: r.operator,
      stationId: r.station_id,
    }
  }

  /** The enterprise's handler (经办人) as lists may show them: name and masked ID, nothing decrypted. */
  handlerOf(caseId: number): { name: string; idMasked: string } | null {
    const row = this.handlerStmt.get(caseId) as { name: string | null; idMasked: string | null } | undefined
    return row && row.name !== null && row.idMasked !== null ? { name: row.name, idMasked: row.idMasked } : null
  }

  /** Is this ID number the applicant's, the handler's, the agent's on this case? */
  match(caseId: number, idNumber: string): IdentityMatch {
    const row = this.matchStmt.get({ caseId, hash: this.cipher.lookupHash(idNumber) }) as { applicant: number; handler: number; agent: number } | undefined
    return { applicant: row?.applicant === 1, handler: row?.handler === 1, agent: row?.agent === 1 }
  }

  /** Cases waiting at the output window (待出件) for this person as applicant, handler or agent; oldest first. */
  readyFor(idNumber: string, limit: number): CaseSummary[] {
    return (this.readyStmt.all({ hash: this.cipher.lookupHash(idNumber), limit }) as SummaryRow[]).map(toSummary)
  }

  /** True when `attachmentId` is a 委托书 photo of this case. */
  isLetterOf(caseId: number, attachmentId: string): boolean {
    return this.letterStmt.get(attachmentId, caseId, AUTHORISATION_LETTER_MATERIAL) !== undefined
  }

  /** The newest 委托书 photo of the case (taken at intake and adopted, or at the output window). */
  newestLetter(caseId: number): string | null {
    return (this.newestLetterStmt.get(caseId, AUTHORISATION_LETTER_MATERIAL) as string | undefined) ?? null
  }

  /** The caller holds the transaction; a second collection of one case is a constraint error. */
  recordCollection(c: NewCollection): void {
    this.insertCollectionStmt.run({
      caseId: c.caseId,
      role: c.role,
      collectorName: c.collectorName,
      idHash: this.cipher.lookupHash(c.collectorIdNumber),
      idMasked: maskIdNumber(c.collectorIdNumber),
      certificateNo: c.certificateNo,
      checked: c.isCertificateChecked ? 1 : 0,
      signatureFile: c.signatureFile,
      signatureSha256: c.signatureSha256,
      collectedAt: c.collectedAt,
      operator: c.operator,
      stationId: c.stationId,
    })
  }

  collectionOf(caseId: number): CollectionRecord | undefined {
    const r = this.collectionStmt.get(caseId) as CollectionRow | undefined
    if (!r) return undefined
    return {
      caseNo: r.case_no,
      role: r.role as CollectorRole,
      collectorName: r.collector_name,
      collectorIdMasked: r.collector_id_masked,
      certificateNo: r.certificate_no,
      isCertificateChecked: r.certificate_checked === 1,
      signatureSha256: r.signature_sha256,
      collectedAt: r.collected_at,
      operator: r.operator,
    }
  }
}
