/**
 * 好差评 rows (migration 016): ratings, written once and never changed, and
 * the follow-ups a 差评 opens. The caller holds the transaction and writes
 * the audit row beside each write.
 */
import { AppError } from '../domain/errors'
import type { PlainDate } from '../domain/plainDate'
import type { FollowUpState, RatingGrade, RatingReason, RatingVisit } from '../domain/ratings'
import type { Db, Statement } from './sqlite'

export interface NewRating {
  caseNo: string
  visit: RatingVisit
  grade: RatingGrade
  reasons: RatingReason[]
  text: string | null
  signed: boolean
  staff: string | null
  stationId: string
  ratedAt: string
  ratedOn: PlainDate
}

export interface RatingRecord extends NewRating {
  id: number
}

export interface ReturnVisitRecord {
  at: string
  by: string
  note: string
  /** The applicant confirmed the outcome by signing. */
  signed: boolean
}

export interface FollowUpRecord {
  rating: RatingRecord
  openedOn: PlainDate
  days: number
  state: FollowUpState
  returnVisit: ReturnVisitRecord | null
  closedAt: string | null
  closedBy: string | null
  closeNote: string | null
  /** From the local case row; null when the case is not on this station. */
  itemName: string | null
  applicantName: string | null
  applicantPhone: string | null
}

interface RatingRow {
  id: number
  case_no: string
  visit: RatingVisit
  grade: RatingGrade
  reasons: string
  text: string | null
  signed: number
  staff: string | null
  station_id: string
  rated_at: string
  rated_on: string
}

interface FollowUpRow extends RatingRow {
  opened_on: string
  days: number
  state: FollowUpState
  return_visit_at: string | null
  return_visit_by: string | null
  return_visit_note: string | null
  return_visit_signed: number | null
  closed_at: string | null
  closed_by: string | null
  close_note: string | null
  item_name: string | null
  applicant_name: string | null
  applicant_phone: string | null
}

function toRating(r: RatingRow): RatingRecord {
  return {
    id: r.id,
    caseNo: r.case_no,
    visit: r.visit,
    grade: r.grade,
    reasons: JSON.parse(r.reasons) as RatingReason[],
    text: r.text,
    signed: r.signed === 1,
    staff: r.staff,
    stationId: r.station_id,
    ratedAt: r.rated_at,
    ratedOn: r.rated_on,
  }
}

function toFollowUp(r: FollowUpRow): FollowUpRecord {
  return {
    rating: toRating(r),
    openedOn: r.opened_on,
    days: r.days,
    state: r.state,
    returnVisit:
      r.return_visit_at === null ? null : { at: r.return_visit_at, by: r.return_visit_by ?? '', note: r.return_visit_note ?? '', signed: r.return_visit_signed === 1 },
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    closeNote: r.close_note,
    itemName: r.item_name,
    applicantName: r.applicant_name,
    applicantPhone: r.applicant_phone,
  }
}

const FOLLOW_UP_SELECT = `
  SELECT r.*, f.opened_on, f.days, f.state, f.return_visit_at, f.return_visit_by, f.return_visit_note, f.return_visit_signed,
    f.closed_at, f.closed_by, f.close_note, c.item_name, c.applicant_name, c.applicant_phone
  FROM rating_follow_ups f JOIN ratings r ON r.id = f.rating_id LEFT JOIN cases c ON c.case_no = f.case_no`

export class RatingsRepository {
  private readonly insertRating: Statement
  private readonly byVisit: Statement
  private readonly ofCase: Statement
  private readonly insertFollowUp: Statement
  private readonly followUpByVisit: Statement
  private readonly followUpsOfCase: Statement
  private readonly openStmt: Statement
  private readonly returnVisitStmt: Statement
  private readonly closeStmt: Statement

  constructor(db: Db) {
    this.insertRating = db.prepare(`
      INSERT INTO ratings (case_no, visit, grade, reasons, text, signed, staff, station_id, rated_at, rated_on)
      VALUES (@caseNo, @visit, @grade, @reasons, @text, @signed, @staff, @stationId, @ratedAt, @ratedOn)`)
    this.byVisit = db.prepare('SELECT * FROM ratings WHERE case_no = ? AND visit = ?')
    this.ofCase = db.prepare('SELECT * FROM ratings WHERE case_no = ? ORDER BY id')
    this.insertFollowUp = db.prepare(`
      INSERT INTO rating_follow_ups (rating_id, case_no, visit, grade, signed, opened_on, days, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'open')`)
    this.followUpByVisit = db.prepare(`${FOLLOW_UP_SELECT} WHERE f.case_no = ? AND f.visit = ?`)
    this.followUpsOfCase = db.prepare(`${FOLLOW_UP_SELECT} WHERE f.case_no = ? ORDER BY f.rating_id`)
    this.openStmt = db.prepare(`${FOLLOW_UP_SELECT} WHERE f.state = 'open' ORDER BY f.opened_on, f.rating_id`)
    this.returnVisitStmt = db.prepare(`
      UPDATE rating_follow_ups SET return_visit_at = ?, return_visit_by = ?, return_visit_note = ?, return_visit_signed = ?
      WHERE rating_id = ? AND state = 'open' AND return_visit_at IS NULL`)
    this.closeStmt = db.prepare(`
      UPDATE rating_follow_ups SET state = 'closed', closed_at = ?, closed_by = ?, close_note = ?
      WHERE rating_id = ? AND state = 'open'`)
  }

  /** Inserts the rating; a second one for the same case and visit is refused by the unique key. */
  insert(r: NewRating): RatingRecord {
    try {
      const id = Number(this.insertRating.run({ ...r, reasons: JSON.stringify(r.reasons), signed: r.signed ? 1 : 0 }).lastInsertRowid)
      return { ...r, id }
    } catch (err) {
      if (err instanceof Error && /UNIQUE constraint failed: ratings\.case_no, ratings\.visit/.test(err.message)) {
        throw new AppError('CONFLICT', `办件 ${r.caseNo} 的这次${r.visit === 'intake' ? '受理' : '出件'}已经评价过（一次一评）`, 'visit')
      }
      throw err
    }
  }

  rating(caseNo: string, visit: RatingVisit): RatingRecord | undefined {
    const row = this.byVisit.get(caseNo, visit) as RatingRow | undefined
    return row ? toRating(row) : undefined
  }

  ratingsOf(caseNo: string): RatingRecord[] {
    return (this.ofCase.all(caseNo) as RatingRow[]).map(toRating)
  }

  openFollowUp(rating: RatingRecord, days: number): void {
    this.insertFollowUp.run(rating.id, rating.caseNo, rating.visit, rating.grade, rating.signed ? 1 : 0, rating.ratedOn, days)
  }

  followUp(caseNo: string, visit: RatingVisit): FollowUpRecord | undefined {
    const row = this.followUpByVisit.get(caseNo, visit) as FollowUpRow | undefined
    return row ? toFollowUp(row) : undefined
  }

  followUpsOf(caseNo: string): FollowUpRecord[] {
    return (this.followUpsOfCase.all(caseNo) as FollowUpRow[]).map(toFollowUp)
  }

  /** Open follow-ups, the oldest first. */
  open(): FollowUpRecord[] {
    return (this.openStmt.all() as FollowUpRow[]).map(toFollowUp)
  }

  /** Returns false when the follow-up is closed or its return visit is recorded already. */
  recordReturnVisit(ratingId: number, visit: ReturnVisitRecord): boolean {
    return this.returnVisitStmt.run(visit.at, visit.by, visit.note, visit.signed ? 1 : 0, ratingId).changes === 1
  }

  /** Returns false when it was closed already. */
  close(ratingId: number, at: string, by: string, note: string): boolean {
    return this.closeStmt.run(at, by, note, ratingId).changes === 1
  }
}
