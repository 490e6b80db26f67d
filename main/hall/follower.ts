/**
 * The pull (docs/hall.md "Pull"): follows the hall's events from this
 * station's last position and applies the other stations' ones locally, so
 * the queue, search, output and courier screens show hall cases.
 *
 * - Position = hall_seq (store_meta `hall_pulled_seq`), never a time: events
 *   commit in hall_seq order (the hall lock), so "> position" misses none.
 * - LISTEN hall_changes wakes it within milliseconds; a catch-up runs on
 *   every (re)connect and every few seconds anyway, because a NOTIFY sent
 *   while the link was down is lost.
 * - A batch is applied in one SQLite transaction together with the new
 *   position: a crash keeps both or neither, and a batch read twice applies
 *   nothing twice (HallCasesRepository is idempotent).
 * - This station's own events are not applied (they are local already); they
 *   only tell the store that the hall now knows the case at that version.
 * - The hall away: the listener reconnects with backoff; nothing is lost.
 */
import pg from 'pg'
import type { CaseState } from '../domain/caseMachine'
import type { NewCase } from '../store/caseRecords'
import type { PulledClock, PulledEvent } from '../store/hallCasesRepository'
import type { Store } from '../store/store'
import { hallErrorText, isHallOffline, type HallConnection, type HallPool } from './hallDb'
import type { HallSealer } from './hallKey'
import type { HallCaseImage } from './hallLane'

export const HALL_CHANNEL = 'hall_changes'
const BATCH = 500

/** Where applied changes are told: the app's EventBus, as `case.changed` like a change made here (screens refresh). */
export interface CaseChangedSink {
  emit(name: 'case.changed', payload: { caseNo: string; state: CaseState; previousState: CaseState | null; action: string; at: string; operator: string; stationId: string }): void
}

export type HallFollowerReport = { ok: true; pulledSeq: number } | { ok: false; offline: boolean; reason: string }

export interface HallFollowerDeps {
  hall: HallConnection
  /** Catch-up queries and the gate's reads; the LISTEN gets its own connection (it must stay open). */
  pool: HallPool
  store: Store
  events: CaseChangedSink
  /** This station's code: its own events are skipped. */
  station: string
  sealer: HallSealer
  report?: (r: HallFollowerReport) => void
  /** Pulled on every wake after the events: the operator accounts' cache (hallOperators.ts; their NOTIFY wakes this too). */
  pullAlso?: () => Promise<unknown>
  /** Catch-up period without any NOTIFY. Default 5 s. */
  catchUpMs?: number
  /** Reconnect backoff bounds. Default 200 ms … 5 s. */
  backoffMs?: { min: number; max: number }
}

interface EventRow {
  hall_seq: string
  case_no: string
  station: string
  kind: 'accept' | 'transition' | 'materials'
  action: string
  from_state: string | null
  to_state: string
  version: number
  at: string
  operator: string
  payload: Record<string, unknown>
}

export class HallFollower {
  private listener: pg.Client | null = null
  private stopped = true
  private pulling: Promise<number> | null = null
  private again = false
  private timer: ReturnType<typeof setInterval> | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private backoff: number

  constructor(private readonly deps: HallFollowerDeps) {
    this.backoff = deps.backoffMs?.min ?? 200
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.timer = setInterval(() => this.wake(), this.deps.catchUpMs ?? 5_000)
    void this.connect()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.retry) clearTimeout(this.retry)
    const listener = this.listener
    this.listener = null
    await listener?.end().catch(() => undefined)
    await this.pulling?.catch(() => undefined)
  }

  /** Pulls now until the hall has nothing newer; answers how many events were applied. Throws when the hall is away. */
  pullNow(): Promise<number> {
    if (this.pulling) {
      // One pull at a time; whoever asks during one gets the pass that follows it.
      this.again = true
      return this.pulling.then(() => this.pullNow())
    }
    this.pulling = this.drain().finally(() => {
      this.pulling = null
    })
    return this.pulling
  }

  /** A NOTIFY, the timer or a reconnect: pull, and report a failure instead of throwing. */
  private wake(): void {
    if (this.stopped) return
    if (this.pulling) {
      this.again = true
      return
    }
    this.pullNow().catch((err: unknown) => this.deps.report?.({ ok: false, offline: isHallOffline(err), reason: hallErrorText(err) }))
  }

  private async drain(): Promise<number> {
    let applied = 0
    for (;;) {
      this.again = false
      const rows = await this.deps.pool.query<EventRow>(
        `SELECT hall_seq, case_no, station, kind, action, from_state, to_state, version, at, operator, payload
         FROM case_events WHERE hall_seq > $1 ORDER BY hall_seq LIMIT ${BATCH}`,
        [this.deps.store.hallCases.pulledSeq()],
      )
      if (rows.rows.length > 0) applied += this.apply(rows.rows)
      if (rows.rows.length < BATCH && !this.again) break
    }
    await this.deps.pullAlso?.()
    this.deps.report?.({ ok: true, pulledSeq: this.deps.store.hallCases.pulledSeq() })
    return applied
  }

  /** One batch, one transaction, with the position; screens hear of it once committed. */
  private apply(rows: EventRow[]): number {
    const { store, station, events } = this.deps
    const here = station
    const changed: PulledEvent[] = []
    store.transaction(() => {
      for (const row of rows) {
        const e = toPulled(row)
        if (row.station === station) store.hallCases.markKnown(e.caseNo, e.version)
        else if (row.kind === 'accept' ? store.hallCases.insertCase(here, e, this.imageOf(row)) : row.kind === 'materials' ? store.hallCases.applyMaterials(here, e, materialIdsOf(row.payload)) : store.hallCases.applyStep(here, e, clockIn(row.payload))) {
          changed.push(e)
        }
      }
      store.hallCases.setPulledSeq(Number(rows[rows.length - 1]!.hall_seq))
    })
    for (const e of changed) {
      events.emit('case.changed', { caseNo: e.caseNo, state: e.toState, previousState: e.fromState, action: e.action, at: e.at, operator: e.operator, stationId: e.station })
    }
    return changed.length
  }

  /** The accept's image with the ID numbers opened with the hall key; the store seals them again with this station's key. */
  private imageOf(row: EventRow): NewCase {
    const payload = row.payload as { case: HallCaseImage; idSealed: string | null; handlerIdSealed: string | null }
    const { sealer } = this.deps
    return {
      ...payload.case,
      applicant: {
        ...payload.case.applicant,
        idNumber: payload.idSealed ? sealer.open(payload.idSealed) : null,
        handlerIdNumber: payload.handlerIdSealed ? sealer.open(payload.handlerIdSealed) : null,
      },
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return
    const { hall } = this.deps
    const client = new pg.Client({ connectionString: hall.url, ...(hall.tls ? { ssl: { rejectUnauthorized: true } } : {}), connectionTimeoutMillis: 5_000, application_name: 'onewindow-follower' })
    // Registered before connect: a failure during it must not become an unhandled 'error'.
    client.on('error', () => this.lost(client))
    client.on('end', () => this.lost(client))
    client.on('notification', () => this.wake())
    try {
      await client.connect()
      await client.query(`LISTEN ${HALL_CHANNEL}`)
    } catch (err) {
      this.deps.report?.({ ok: false, offline: isHallOffline(err), reason: hallErrorText(err) })
      this.lost(client)
      return
    }
    if (this.stopped) {
      await client.end().catch(() => undefined)
      return
    }
    this.listener = client
    this.backoff = this.deps.backoffMs?.min ?? 200
    // Whatever was committed while the link was down: no NOTIFY will ever say so.
    this.wake()
  }

  /** The link broke (or never came up): try again later, waiting longer each time. */
  private lost(client: pg.Client): void {
    if (this.listener === client) this.listener = null
    client.removeAllListeners('end')
    client.on('error', () => undefined)
    void client.end().catch(() => undefined)
    if (this.stopped || this.retry) return
    const wait = this.backoff
    this.backoff = Math.min(this.backoff * 2, this.deps.backoffMs?.max ?? 5_000)
    this.retry = setTimeout(() => {
      this.retry = null
      void this.connect()
    }, wait)
  }
}

function toPulled(row: EventRow): PulledEvent {
  const p = row.payload as { note?: unknown; details?: unknown }
  return {
    hallSeq: Number(row.hall_seq),
    caseNo: row.case_no,
    station: row.station,
    action: row.action,
    fromState: row.from_state as CaseState | null,
    toState: row.to_state as CaseState,
    version: row.version,
    at: row.at,
    operator: row.operator,
    note: typeof p.note === 'string' ? p.note : null,
    details: p.details && typeof p.details === 'object' ? (p.details as Record<string, unknown>) : row.kind === 'materials' ? { materialIds: materialIdsOf(row.payload) } : null,
  }
}

function materialIdsOf(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.materialIds) ? payload.materialIds.map(String) : []
}

/** The case row's clock after the step, when the event carries it (the shared-case gate sends it); else the row keeps its own. */
function clockIn(payload: Record<string, unknown>): PulledClock | null {
  const c = payload.clock as PulledClock | undefined
  return c && typeof c.deadline === 'string' ? c : null
}
