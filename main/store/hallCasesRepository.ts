/**
 * Hall mode, the local side (docs/hall.md "Pull"): cases accepted at other
 * stations, and their later steps, written into this station's store as the
 * follower reads them from the hall. Every write is idempotent — the same
 * event applied twice changes nothing — because the follower may read an
 * event again after a crash between the hall and the local commit (its
 * position is written in the batch's own transaction, but the hall does not
 * know it). Each applied change also writes one audit row linked to its
 * timeline row (like CaseChangeRecorder), so `audit verify` finds no
 * timeline row without its audit row; the row says where the change came
 * from. The caller holds the transaction; `here` is this station's id.
 *
 * A hall version is a timeline entry number (1 = the acceptance, one more
 * per step, deferred materials included: main/hall/hallLane.ts), so an
 * event is new here exactly when its version is above `hall_version`, and
 * applying it appends the timeline entry of that same number. The row's own
 * `version` (SQLite's optimistic lock) just moves on by one.
 */
import { clockOf } from '../domain/caseClock'
import type { CaseState } from '../domain/caseMachine'
import type { ProvisionalMark } from '../domain/provisionalDeadline'
import { timelineEventDigest } from './auditCrossCheck'
import { appendAudit } from './auditChain'
import type { CaseRepository } from './caseRepository'
import type { CertificatesRepository } from './certificatesRepository'
import type { NewCase } from './caseRecords'
import type { Db, Statement } from './sqlite'
import type { StoreClock } from './store'
import type { StoreMeta } from './storeMeta'
import { utcTimestamp } from '../domain/timestamps'

/** store_meta: the highest hall_seq this station has applied (or skipped as its own). */
export const HALL_PULLED_SEQ = 'hall_pulled_seq'
/** The audit chain's operator for a change that came from the hall (the origin's operator is in the details). */
export const HALL_OPERATOR = 'hall'

/** One hall event as the follower read it (hall table case_events). */
export interface PulledEvent {
  hallSeq: number
  caseNo: string
  /** The station where the event happened. */
  station: string
  action: string
  fromState: CaseState | null
  toState: CaseState
  version: number
  at: string
  operator: string
  /** The case's timeline row as the origin wrote it. */
  note: string | null
  details: Record<string, unknown> | null
}

/** A case row's clock after a step, when the origin sent it (it counted the pause with its calendar). */
export interface PulledClock {
  deadline: string
  warnDate: string
  provisional: ProvisionalMark | null
  pausedDays: number
  pausedSince: string | null
}

/** What the hall gate and the follower need of a local case. */
export interface HallCaseState {
  id: number
  caseNo: string
  station: string
  state: CaseState
  version: number
  /** The hall's version of the case as last seen here; null: the hall does not know it yet (not pushed). */
  hallVersion: number | null
  /** Timeline entries here: the version this station's next step will make is one more. */
  steps: number
}

interface StateRow {
  id: number
  case_no: string
  station: string
  state: string
  version: number
  hall_version: number | null
  steps: number
  deadline: string
  warn_date: string
  provisional_deadline: string | null
  paused_days: number
  paused_since: string | null
}

export class HallCasesRepository {
  private readonly stateStmt: Statement
  private readonly adoptStmt: Statement
  private readonly stepStmt: Statement
  private readonly knownStmt: Statement

  constructor(
    private readonly db: Db,
    private readonly cases: CaseRepository,
    private readonly certificates: CertificatesRepository,
    private readonly meta: StoreMeta,
    private readonly clock: StoreClock,
  ) {
    this.stateStmt = db.prepare(`SELECT id, case_no, station, state, version, hall_version, deadline, warn_date, provisional_deadline, paused_days, paused_since,
        (SELECT COALESCE(MAX(seq), 0) FROM case_events e WHERE e.case_id = cases.id) AS steps
      FROM cases WHERE case_no = ?`)
    this.adoptStmt = db.prepare('UPDATE cases SET station = ?, hall_version = ? WHERE id = ?')
    this.stepStmt = db.prepare(`
      UPDATE cases SET state = @state, clock = @clock, deadline = @deadline, warn_date = @warnDate, provisional_deadline = @provisional,
        paused_days = @pausedDays, paused_since = @pausedSince, updated_at = @at, version = version + 1, hall_version = @version
      WHERE id = @id`)
    // Never lowers it: an older event read again (a replayed batch) must not undo a newer one.
    this.knownStmt = db.prepare('UPDATE cases SET hall_version = max(COALESCE(hall_version, 0), ?) WHERE case_no = ?')
  }

  /** The last hall_seq applied here (0: nothing pulled yet). */
  pulledSeq(): number {
    return Number(this.meta.get(HALL_PULLED_SEQ) ?? 0)
  }

  /** Moves the position; in the transaction of the batch it covers, so a crash keeps both or neither. */
  setPulledSeq(seq: number): void {
    if (seq > this.pulledSeq()) this.meta.set(HALL_PULLED_SEQ, String(seq))
  }

  stateOf(caseNo: string): HallCaseState | undefined {
    const row = this.stateStmt.get(caseNo) as StateRow | undefined
    return row && { id: row.id, caseNo: row.case_no, station: row.station, state: row.state as CaseState, version: row.version, hallVersion: row.hall_version, steps: row.steps }
  }

  /** The hall has this case at `version` (this station's own push came back, or a claim committed). */
  markKnown(caseNo: string, version: number): void {
    this.knownStmt.run(version, caseNo)
  }

  /**
   * A case accepted at another station: `image` with its ID numbers already
   * opened with the hall key; the case repository seals them with this
   * station's key and lookup hash, so a card tap here finds the case.
   * Returns false when the case is already here.
   */
  insertCase(here: string, e: PulledEvent, image: NewCase): boolean {
    if (this.stateOf(e.caseNo)) {
      this.markKnown(e.caseNo, e.version)
      return false
    }
    const id = this.cases.insert({ ...image, caseNo: e.caseNo, draftId: null })
    this.adoptStmt.run(e.station, e.version, id)
    this.recordTimeline(here, id, e)
    return true
  }

  /**
   * A later step of a case (a transition): the state, clock and version the
   * origin reached, and its timeline row. Skipped when this station already
   * has that version (applied before, or it is this station's own claim).
   * The hall is the truth for a shared case: its step wins over anything
   * local that never reached it.
   */
  applyStep(here: string, e: PulledEvent, clock: PulledClock | null): boolean {
    const row = this.stateStmt.get(e.caseNo) as StateRow | undefined
    if (!row || (row.hall_version ?? 0) >= e.version) return false
    const keep: PulledClock = {
      deadline: row.deadline,
      warnDate: row.warn_date,
      provisional: row.provisional_deadline === null ? null : (JSON.parse(row.provisional_deadline) as ProvisionalMark),
      pausedDays: row.paused_days,
      pausedSince: row.paused_since,
    }
    const next = clock ?? keep
    this.stepStmt.run({
      id: row.id,
      state: e.toState,
      clock: clockOf(e.toState),
      ...next,
      provisional: next.provisional === null ? null : JSON.stringify(next.provisional),
      at: e.at,
      version: e.version,
    })
    // 准予 recorded a certificate at the origin: the output window here checks the number against it.
    const cert = e.action === 'approve' ? (e.details?.certificate as { type?: unknown; number?: unknown; issuedOn?: unknown } | undefined) : undefined
    if (cert && typeof cert.type === 'string' && typeof cert.number === 'string' && typeof cert.issuedOn === 'string') {
      this.certificates.record({ caseId: row.id, caseNo: e.caseNo, type: cert.type, number: cert.number, issuedOn: cert.issuedOn, recordedAt: e.at, operator: e.operator, stationId: e.station })
    }
    this.recordTimeline(here, row.id, e)
    return true
  }

  /** 容缺 materials brought in at another station: no state change, but the timeline entry (it numbers the versions). */
  applyMaterials(here: string, e: PulledEvent, materialIds: readonly string[]): boolean {
    const row = this.stateStmt.get(e.caseNo) as StateRow | undefined
    if (!row || (row.hall_version ?? 0) >= e.version) return false
    this.cases.supplyMaterials(row.id, materialIds, e.at)
    this.markKnown(e.caseNo, e.version)
    this.recordTimeline(here, row.id, e)
    return true
  }

  /** The origin's timeline row, and this station's audit row naming it (the cross-check pairs them). */
  private recordTimeline(here: string, caseId: number, e: PulledEvent): void {
    const event = { at: e.at, operator: e.operator, stationId: e.station, action: e.action, fromState: e.fromState, toState: e.toState, note: e.note }
    const seq = this.cases.addEvent({ caseId, ...event, details: e.details })
    const sha256 = timelineEventDigest({ caseNo: e.caseNo, seq, ...event, details: e.details === null ? null : JSON.stringify(e.details) })
    appendAudit(this.db, {
      at: utcTimestamp(this.clock.now()),
      operator: HALL_OPERATOR,
      stationId: here,
      action: 'hall.apply',
      caseNo: e.caseNo,
      details: { hallSeq: e.hallSeq, from: { station: e.station, operator: e.operator, at: e.at }, action: e.action, version: e.version, timelineEvent: { seq, sha256 } },
    })
  }
}
