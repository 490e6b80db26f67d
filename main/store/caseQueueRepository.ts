/**
 * The Cases queue: filtered, keyset-paged listing over 100,000+ cases. Keyset
 * (WHERE (sort key, id) beyond the last row seen) keeps every page as cheap
 * as the first, where OFFSET would re-read every skipped row. Each query is
 * shaped so an index delivers rows already in order:
 * - one ordered range per state (state, key, id), merged — also for "any state";
 * - a search: its own index narrows first when the hits are few, and the
 *   per-state ordered scans filter when they are many (a common surname);
 * - an item alone: its (item_code, accepted_at) range.
 */
import { pausedStates, runningStates } from '../domain/caseClock'
import { caseStates, type CaseState } from '../domain/caseMachine'
import { addDays, type PlainDate } from '../domain/plainDate'
import { hallDayStart } from '../domain/timestamps'
import type { CaseSummary } from './caseRecords'
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './caseRowMapping'
import type { IdCipher } from './idCipher'
import type { Db, Statement } from './sqlite'

/** What a search text was recognised as (the service decides; the store just matches). */
export type QueueMatch =
  | { by: 'caseNo'; caseNo: string }
  | { by: 'caseNoPrefix'; prefix: string }
  | { by: 'idNumber'; idNumber: string }
  | { by: 'uscc'; uscc: string }
  | { by: 'phone'; phone: string }
  | { by: 'namePrefix'; prefix: string }

export type QueueLight = 'green' | 'yellow' | 'red' | 'paused'
export type QueueSort = 'newest' | 'oldest' | 'deadline'

export interface QueueFilter {
  states?: readonly CaseState[]
  itemCode?: string
  /** Any of these items (a department's, for a review station's queue); empty matches nothing. */
  itemCodes?: readonly string[]
  /** 代办: true = only cases a bank branch took, false = none of them. */
  agent?: boolean
  /** 代办: the cases of one branch (its code). */
  branchCode?: string
  light?: QueueLight
  acceptedFrom?: PlainDate
  acceptedTo?: PlainDate
  match?: QueueMatch
  /** The hall's today, for the lights. */
  today: PlainDate
}

/** The last row of the previous page: its sort key and id. */
export interface QueueCursor {
  key: string
  id: number
}

/** The highest code point: `prefix + MAX` bounds every string that starts with `prefix`, rare names included. */
const MAX_CHAR = String.fromCodePoint(0x10ffff)
/**
 * Above this share of all cases (and at least MIN_BROAD_NAME_HITS), a name's
 * hits are dense enough that scanning each state in sort order and filtering
 * beats collecting and sorting them all (measured at 1,000,000 cases).
 */
const BROAD_NAME_SHARE = 0.03
const MIN_BROAD_NAME_HITS = 2000

interface Where {
  clauses: string[]
  params: unknown[]
}

/** The states a filter allows (its states, narrowed by the light); undefined = any state. */
function allowedStates(f: QueueFilter): readonly CaseState[] | undefined {
  const byLight = f.light === undefined ? undefined : f.light === 'paused' ? pausedStates : runningStates
  if (!f.states || f.states.length === 0) return byLight
  const chosen = [...new Set(f.states)]
  return byLight ? chosen.filter((s) => byLight.includes(s)) : chosen
}

/**
 * The filter's acceptance days (the hall's days, as `accepted_date`) as a range on `column`:
 * accepted_at is a UTC instant, so the range runs from the hall's midnight starting the first day
 * to the one ending the last — a case at 00:30 local time belongs to its local day though its UTC
 * date is the day before. A range on accepted_at, not a test of accepted_date, because the queue's
 * indexes sort by accepted_at: the range is a seek, where a date test would read every row.
 */
function acceptedRange(f: QueueFilter, column: string, into: Where): void {
  if (f.acceptedFrom !== undefined) {
    into.clauses.push(`${column} >= ?`)
    into.params.push(acceptedInstants(f.acceptedFrom, f.acceptedFrom).start)
  }
  if (f.acceptedTo !== undefined) {
    into.clauses.push(`${column} < ?`)
    into.params.push(acceptedInstants(f.acceptedTo, f.acceptedTo).end)
  }
}

/** Acceptance days `from`–`to` (both included) as stored instants: accepted_at >= start AND accepted_at < end (the reports count by it too). */
export function acceptedInstants(from: PlainDate, to: PlainDate): { start: string; end: string } {
  return { start: hallDayStart(from), end: hallDayStart(addDays(to, 1)) }
}

/** A 代办 filter is a condition the name page (which reads ids off the name index alone) cannot apply. */
function isAgentFiltered(f: QueueFilter): boolean {
  return f.agent !== undefined || f.branchCode !== undefined
}

export class CaseQueueRepository {
  private readonly broadNameHits: number | undefined
  /** Queries are built from the filters; the same shapes repeat page after page, so keep them prepared. */
  private readonly prepared = new Map<string, Statement>()

  constructor(
    private readonly db: Db,
    private readonly cipher: IdCipher,
    /** Tests lower the threshold to exercise the ordered-scan plan on a small table. */
    options: { broadNameHits?: number } = {},
  ) {
    this.broadNameHits = options.broadNameHits
  }

  /** One page, sorted; pass the previous page's last row as `after` for the next. */
  page(filter: QueueFilter, sort: QueueSort, after: QueueCursor | undefined, limit: number): CaseSummary[] {
    const states = allowedStates(filter)
    if ((states && states.length === 0) || filter.itemCodes?.length === 0) return []
    const keyColumn = sort === 'deadline' ? 'c.deadline' : 'c.accepted_at'
    const direction = sort === 'newest' ? 'DESC' : 'ASC'
    const order = `ORDER BY ${keyColumn} ${direction}, c.id ${direction}`
    const orderedScan = this.prefersOrderedScan(filter.match)
    if (filter.match?.by === 'namePrefix' && !orderedScan && !states && filter.itemCode === undefined && filter.itemCodes === undefined && !isAgentFiltered(filter) && sort !== 'deadline') {
      return this.namePage(filter, filter.match.prefix, direction, after, limit)
    }
    const common = this.where(filter, orderedScan)
    if (after) {
      common.clauses.push(`(${keyColumn}, c.id) ${direction === 'DESC' ? '<' : '>'} (?, ?)`)
      common.params.push(after.key, after.id)
    }
    // A search whose own index finds few rows, or an item's (item_code, accepted_at) range: one query,
    // the narrowing index first. Everything else: one ordered range per state (state, key, id), each cut
    // at `limit`, then merged — never a sort of every match, and no state-less index for intakes to update.
    const narrowed = (filter.match !== undefined && !orderedScan) || (filter.itemCode !== undefined && !states && sort !== 'deadline')
    if (narrowed) {
      const clauses = [...common.clauses]
      const params = [...common.params]
      if (states) {
        clauses.unshift(`c.state IN (${states.map(() => '?').join(', ')})`)
        params.unshift(...states)
      }
      const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${clauses.join(' AND ')} ${order} LIMIT ?`
      return (this.statement(sql).all(...params, limit) as SummaryRow[]).map(toSummary)
    }
    const merged = states ?? caseStates
    const branch = `SELECT * FROM (SELECT c.id FROM cases c WHERE ${['c.state = ?', ...common.clauses].join(' AND ')} ${order} LIMIT ?)`
    const ids = merged.length === 1 ? branch : merged.map(() => branch).join(' UNION ALL ')
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.id IN (${ids}) ${order} LIMIT ?`
    const params = [...merged.flatMap((s) => [s, ...common.params, limit]), limit]
    return (this.statement(sql).all(...params) as SummaryRow[]).map(toSummary)
  }

  /**
   * The search box with a name alone: the name index carries accepted_at, so
   * the page's ids come from the index by itself (no case row read per hit),
   * and only those rows are read.
   */
  private namePage(f: QueueFilter, prefix: string, direction: 'ASC' | 'DESC', after: QueueCursor | undefined, limit: number): CaseSummary[] {
    const clauses = ['applicant_name >= ?', 'applicant_name < ?']
    const params: unknown[] = [prefix, prefix + MAX_CHAR]
    acceptedRange(f, 'accepted_at', { clauses, params })
    if (after) {
      clauses.push(`(accepted_at, id) ${direction === 'DESC' ? '<' : '>'} (?, ?)`)
      params.push(after.key, after.id)
    }
    const ids = `SELECT id FROM cases WHERE ${clauses.join(' AND ')} ORDER BY accepted_at ${direction}, id ${direction} LIMIT ?`
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.id IN (${ids}) ORDER BY c.accepted_at ${direction}, c.id ${direction}`
    return (this.statement(sql).all(...params, limit) as SummaryRow[]).map(toSummary)
  }

  count(filter: QueueFilter): number {
    const states = allowedStates(filter)
    if ((states && states.length === 0) || filter.itemCodes?.length === 0) return 0
    const orderedScan = this.prefersOrderedScan(filter.match)
    const { clauses, params } = this.where(filter, orderedScan)
    if (states) {
      clauses.unshift(`c.state IN (${states.map(() => '?').join(', ')})`)
      params.unshift(...states)
    }
    const sql = `SELECT COUNT(*) FROM cases c ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}`
    return this.statement(sql).pluck().get(...params) as number
  }

  private statement(sql: string): Statement {
    let stmt = this.prepared.get(sql)
    if (!stmt) {
      if (this.prepared.size >= 256) this.prepared.clear()
      stmt = this.db.prepare(sql)
      this.prepared.set(sql, stmt)
    }
    return stmt
  }

  /** The cursor value of a row under a sort. */
  static cursorOf(row: CaseSummary, sort: QueueSort): QueueCursor {
    return { key: sort === 'deadline' ? row.deadline : row.acceptedAt, id: row.id }
  }

  /** A name prefix matching thousands of applicants (a surname): filter while scanning in order instead. */
  private prefersOrderedScan(match: QueueMatch | undefined): boolean {
    if (match?.by !== 'namePrefix') return false
    const cases = (this.statement('SELECT MAX(id) FROM cases').pluck().get() as number | null) ?? 0
    const threshold = this.broadNameHits ?? Math.max(MIN_BROAD_NAME_HITS, Math.ceil(cases * BROAD_NAME_SHARE))
    const hits = this.statement('SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE applicant_name >= ? AND applicant_name < ? LIMIT ?)')
      .pluck()
      .get(match.prefix, match.prefix + MAX_CHAR, threshold) as number
    return hits >= threshold
  }

  /**
   * Every condition except the state (which `page` places per branch). With
   * `orderedScan` the name test is kept off the name index (unary +).
   */
  private where(f: QueueFilter, orderedScan: boolean): Where {
    const clauses: string[] = []
    const params: unknown[] = []
    if (f.itemCode !== undefined) {
      clauses.push('c.item_code = ?')
      params.push(f.itemCode)
    }
    // A review station's open cases: each state's ordered range is read and filtered, a department being a large share of them.
    if (f.itemCodes !== undefined) {
      clauses.push(`c.item_code IN (${f.itemCodes.map(() => '?').join(', ')})`)
      params.push(...f.itemCodes)
    }
    // 代办 cases are a small share: the partial index of migration 013 holds exactly them.
    if (f.branchCode !== undefined) {
      clauses.push('c.agent_branch_code = ?')
      params.push(f.branchCode)
    } else if (f.agent !== undefined) {
      clauses.push(f.agent ? 'c.agent_branch_code IS NOT NULL' : 'c.agent_branch_code IS NULL')
    }
    acceptedRange(f, 'c.accepted_at', { clauses, params })
    // The light's states come from allowedStates; here only its dates.
    if (f.light === 'red') {
      clauses.push('c.deadline < ?')
      params.push(f.today)
    } else if (f.light === 'yellow' || f.light === 'green') {
      clauses.push(`c.deadline >= ? AND c.warn_date ${f.light === 'yellow' ? '<=' : '>'} ?`)
      params.push(f.today, f.today)
    }
    const m = f.match
    // A search is an id subquery on its own index, so the planner narrows by it first whatever else is filtered.
    switch (m?.by) {
      case undefined:
        break
      case 'caseNo':
        clauses.push('c.case_no = ?')
        params.push(m.caseNo)
        break
      case 'caseNoPrefix':
        clauses.push('c.case_no >= ? AND c.case_no < ?')
        params.push(m.prefix, m.prefix + MAX_CHAR)
        break
      case 'idNumber': {
        const hash = this.cipher.lookupHash(m.idNumber)
        clauses.push('c.id IN (SELECT id FROM cases WHERE id_hash = ? UNION SELECT id FROM cases WHERE handler_id_hash = ?)')
        params.push(hash, hash)
        break
      }
      case 'uscc':
        clauses.push('c.id IN (SELECT id FROM cases WHERE uscc = ?)')
        params.push(m.uscc)
        break
      case 'phone':
        clauses.push('c.id IN (SELECT id FROM cases WHERE applicant_phone = ?)')
        params.push(m.phone)
        break
      case 'namePrefix':
        if (orderedScan) {
          // Unary + keeps SQLite off the name index, so the sort-order index drives and 50 hits come quickly.
          clauses.push('+c.applicant_name >= ? AND +c.applicant_name < ?')
        } else {
          clauses.push('c.id IN (SELECT id FROM cases WHERE applicant_name >= ? AND applicant_name < ?)')
        }
        params.push(m.prefix, m.prefix + MAX_CHAR)
        break
    }
    return { clauses, params }
  }
}
