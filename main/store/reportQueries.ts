/**
 * The reads behind 统计 (main/domain/reports, main/services/reports), on
 * the report worker's own read-only connection. Every figure is a range on
 * an index: the period's cases are the queue's own (state, accepted_at)
 * ranges — the same acceptance days as the queue's date filter
 * (`acceptedInstants`) — and the rest use the indexes of migration 019 and
 * those the ratings and shipments came with.
 */
import { clockOf } from '../domain/caseClock'
import { caseStates, type CaseState } from '../domain/caseMachine'
import { AppError } from '../domain/errors'
import { parseHolidayCalendar, type HolidayCalendarYear } from '../domain/holidayCalendar'
import { plainDateOf, type PlainDate } from '../domain/plainDate'
import { isRatingGrade, type RatingGrade } from '../domain/ratings'
import type { ReportCaseRow } from '../domain/reports/reportFigures'
import { acceptedInstants } from './caseQueueRepository'
import { openDatabaseReadOnly } from './database'
import type { Db, Statement } from './sqlite'

/** States in which the hall has given its result (the promise clock stopped, not by a withdrawal). */
export const decidedStates: readonly CaseState[] = caseStates.filter((s) => clockOf(s) === 'stopped' && s !== 'withdrawn')
/** The states a decision leads to: the first event entering one is the decision (a later `unship` back to ready is not). */
const DECISION_STATES = ['ready', 'rejected'] as const

/**
 * The report connection: read-only, on an existing file (never a new empty
 * database where the station's should be), no migrations and no integrity
 * pass — the writer does those; this one only reads beside it (WAL).
 */
export function openReportConnection(file: string): Db {
  return openDatabaseReadOnly(file, { quickCheck: false })
}

interface CaseRow {
  case_no: string
  item_code: string
  item_name: string
  department: string
  state: CaseState
  operator: string
  station_id: string
  accepted_date: string
  deadline: string
  decided: number
  decided_at: string | null
  deferred: number
}

export interface ExpressCounts {
  shipped: number
  delivered: number
  exceptions: number
}

export class ReportQueries {
  private readonly casesStmt: Statement
  private readonly ratingsStmt: Statement
  private readonly openFollowUpsStmt: Statement
  private readonly supplementsStmt: Statement
  private readonly shippedStmt: Statement
  private readonly statusInRangeStmt: Statement
  private readonly operatorsStmt: Statement
  private readonly calendarStmt: Statement
  private readonly headStmt: Statement

  constructor(private readonly db: Db) {
    const states = caseStates.map(() => '?').join(', ')
    const decided = decidedStates.map((s) => `'${s}'`).join(', ')
    const decisions = DECISION_STATES.map((s) => `'${s}'`).join(', ')
    // Every state listed: SQLite walks cases_by_state once per state over the acceptance range — the
    // queue's own plan — where a bare accepted_at range has no index of its own to use.
    // 容缺: a material accepted deferred keeps its promise date after it is supplied; compact JSON or jsonb's spaced form.
    this.casesStmt = db.prepare(`
      SELECT c.case_no, c.item_code, c.item_name, c.department, c.state, c.operator, c.station_id, c.accepted_date, c.deadline,
        c.state IN (${decided}) AS decided,
        CASE WHEN c.state IN (${decided}) THEN (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_state IN (${decisions})) END AS decided_at,
        (instr(c.materials, '"promiseDate":"') > 0 OR instr(c.materials, '"promiseDate": "') > 0) AS deferred
      FROM cases c
      WHERE c.state IN (${states}) AND c.accepted_at >= ? AND c.accepted_at < ?`)
    this.ratingsStmt = db.prepare('SELECT grade, COUNT(*) AS n FROM ratings WHERE rated_on >= ? AND rated_on <= ? GROUP BY grade')
    this.openFollowUpsStmt = db.prepare("SELECT COUNT(*) FROM rating_follow_ups WHERE state = 'open'").pluck()
    // The action is written out, not bound: only then may SQLite use the partial index of migration 019.
    this.supplementsStmt = db.prepare("SELECT COUNT(*) FROM case_events WHERE action = 'requestSupplement' AND at >= ? AND at < ?").pluck()
    this.shippedStmt = db.prepare("SELECT COUNT(*) FROM shipments WHERE created_at >= ? AND created_at < ? AND status <> 'cancelled'").pluck()
    this.statusInRangeStmt = db.prepare('SELECT COUNT(*) FROM shipments WHERE status = ? AND status_at >= ? AND status_at < ?').pluck()
    this.operatorsStmt = db.prepare('SELECT id, name FROM operators')
    this.calendarStmt = db.prepare('SELECT year, json FROM calendar_years ORDER BY year')
    this.headStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
  }

  /** Runs `read` in one read transaction: every figure of a report from the same snapshot. */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read)()
  }

  /** Tries a write that would change nothing (the worker's self-check): on this connection it must be refused. */
  tryWrite(): { refused: true; code: string; message: string } | { refused: false } {
    try {
      this.db.prepare('UPDATE store_meta SET value = value WHERE 0').run()
      return { refused: false }
    } catch (err) {
      return { refused: true, code: String((err as { code?: unknown }).code ?? ''), message: err instanceof Error ? err.message : String(err) }
    }
  }

  /** The cases accepted on the days `from`–`to`, each with what its report line needs. */
  periodCases(from: PlainDate, to: PlainDate): ReportCaseRow[] {
    const { start, end } = acceptedInstants(from, to)
    return (this.casesStmt.all(...caseStates, start, end) as CaseRow[]).map((r) => ({
      caseNo: r.case_no,
      itemCode: r.item_code,
      itemName: r.item_name,
      department: r.department,
      state: r.state,
      operator: r.operator,
      stationId: r.station_id,
      acceptedDate: r.accepted_date,
      deadline: r.deadline,
      decided: r.decided === 1,
      // The hall's day of the decision (stored instants are UTC).
      decidedDate: r.decided_at === null ? null : plainDateOf(new Date(r.decided_at)),
      deferred: r.deferred === 1,
    }))
  }

  /** Ratings given on the days `from`–`to`, by grade. */
  ratingsByGrade(from: PlainDate, to: PlainDate): Partial<Record<RatingGrade, number>> {
    const out: Partial<Record<RatingGrade, number>> = {}
    for (const r of this.ratingsStmt.all(from, to) as Array<{ grade: number; n: number }>) if (isRatingGrade(r.grade)) out[r.grade] = r.n
    return out
  }

  openFollowUps(): number {
    return this.openFollowUpsStmt.get() as number
  }

  supplementRequests(from: PlainDate, to: PlainDate): number {
    const { start, end } = acceptedInstants(from, to)
    return this.supplementsStmt.get(start, end) as number
  }

  /** Shipments made in the period (not cancelled), delivered in it, and returned or failed in it. */
  express(from: PlainDate, to: PlainDate): ExpressCounts {
    const { start, end } = acceptedInstants(from, to)
    const inStatus = (status: string): number => this.statusInRangeStmt.get(status, start, end) as number
    return {
      shipped: this.shippedStmt.get(start, end) as number,
      delivered: inStatus('delivered'),
      exceptions: inStatus('returned') + inStatus('failed'),
    }
  }

  operatorNames(): Map<string, string> {
    return new Map((this.operatorsStmt.all() as Array<{ id: string; name: string }>).map((o) => [o.id, o.name]))
  }

  /** Holiday calendar years imported into the database (`calendar import`). */
  importedCalendarYears(): HolidayCalendarYear[] {
    return (this.calendarStmt.all() as Array<{ year: number; json: string }>).map((row) => {
      try {
        return parseHolidayCalendar(JSON.parse(row.json) as unknown)
      } catch (err) {
        throw new AppError('STORE_ERROR', `数据库中导入的 ${row.year} 年节假日日历无法读取：${err instanceof Error ? err.message : String(err)}；请重新导入`)
      }
    })
  }

  /** The audit chain's newest row; null for an empty chain. */
  auditHead(): { seq: number; hash: string } | null {
    return (this.headStmt.get() as { seq: number; hash: string } | undefined) ?? null
  }
}
