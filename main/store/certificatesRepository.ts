/**
 * Certificates recorded at approval (migration 014): one per case, written in
 * the approval's transaction (the caller holds it), read by the case page and
 * the output window.
 */
import type { Db, Statement } from './sqlite'

export interface CertificateRecord {
  caseNo: string
  type: string
  number: string
  /** `YYYY-MM-DD`, the hall's day. */
  issuedOn: string
  recordedAt: string
  operator: string
  stationId: string
}

interface Row {
  case_no: string
  type: string
  number: string
  issued_on: string
  recorded_at: string
  operator: string
  station_id: string
}

const toRecord = (r: Row): CertificateRecord => ({
  caseNo: r.case_no,
  type: r.type,
  number: r.number,
  issuedOn: r.issued_on,
  recordedAt: r.recorded_at,
  operator: r.operator,
  stationId: r.station_id,
})

export class CertificatesRepository {
  private readonly insertStmt: Statement
  private readonly byCaseStmt: Statement
  private readonly byCaseNoStmt: Statement

  constructor(db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO case_certificates (case_id, case_no, type, number, issued_on, recorded_at, operator, station_id)
      VALUES (@caseId, @caseNo, @type, @number, @issuedOn, @recordedAt, @operator, @stationId)`)
    this.byCaseStmt = db.prepare('SELECT * FROM case_certificates WHERE case_id = ?')
    this.byCaseNoStmt = db.prepare('SELECT * FROM case_certificates WHERE case_no = ?')
  }

  /** The caller holds the transaction; a second certificate for the same case is a constraint error (准予 happens once). */
  record(c: CertificateRecord & { caseId: number }): void {
    this.insertStmt.run(c)
  }

  ofCase(caseId: number): CertificateRecord | undefined {
    const row = this.byCaseStmt.get(caseId) as Row | undefined
    return row ? toRecord(row) : undefined
  }

  ofCaseNo(caseNo: string): CertificateRecord | undefined {
    const row = this.byCaseNoStmt.get(caseNo) as Row | undefined
    return row ? toRecord(row) : undefined
  }
}
