/**
 * The outbox's SQL (table in migrations/011_outbox.ts; the worker is
 * main/outbox/outboxWorker.ts). `enqueue` is synchronous on the one writer
 * connection: called inside a change's transaction, the effect commits or
 * rolls back with it. Every method after a lease is fenced by `leaseSeq`, so
 * only the holder of the current lease can settle a row.
 */
import { utcTimestamp } from '../domain/timestamps'
import { toOutboxRecord as toRecord, type OutboxRecord, type OutboxRow as Row } from './outboxRowMapping'
import type { Db, Statement } from './sqlite'

export type { OutboxRecord, OutboxState } from './outboxRowMapping'

export interface OutboxRowInput {
  /** The consumer that will carry it out (`carrier`, `upstream`, `hall`…). */
  lane: string
  /** What to do, for the consumer (`shipment.create`, `shipment.cancel`…). */
  kind: string
  /** Names the effect: enqueuing it again returns the first row, never a second one. */
  idempotencyKey: string
  caseNo?: string | null
  /** Rows with the same order key in a lane run strictly one after the other, in enqueue order. */
  orderKey?: string | null
  /** Plain JSON; never a full ID number. */
  payload: unknown
  /** Not before this moment (UTC timestamp or Date). */
  notBefore?: string | Date
  /** The enqueue moment (UTC timestamp); defaults to the store's clock. */
  at?: string
}

export interface OutboxLaneCounts {
  waiting: number
  leased: number
  parked: number
  oldestWaitingAt: string | null
}

export interface OutboxCounts {
  /** Waiting and leased rows: effects not yet carried out. */
  backlog: number
  /** The enqueue moment of the oldest row in the backlog. */
  oldestWaitingAt: string | null
  parked: number
  byLane: Record<string, OutboxLaneCounts>
}

/** How the worker takes rows: due ones, heads of their order only, not those it already holds. */
export interface ClaimRequest {
  now: string
  leaseUntil: string
  limit: number
  /** Rows this worker is still running (their lease may have run out while it waited). */
  excludeIds: ReadonlySet<number>
  /** A row cut off this many times is parked instead of run again (a row that crashes its worker). */
  maxAttempts: number
}

export interface Settlement {
  at: string
  reason?: string
  errorClass?: string | null
  /** true/false sets the mark, undefined keeps it. */
  uncertain?: boolean
}

/** Due and the head of its order: no earlier row with the same order key is still open (a parked one holds the rest back). */
const ELIGIBLE = `o.lane = @lane AND o.state IN ('waiting', 'leased')
  AND (o.order_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM outbox p WHERE p.lane = o.lane AND p.order_key = o.order_key AND p.state IN ('waiting', 'leased', 'parked') AND p.id < o.id))`

const uncertainParam = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0)

export class OutboxRepository {
  private readonly insertStmt: Statement
  private readonly byKeyStmt: Statement
  private readonly byIdStmt: Statement
  private readonly doneManyStmt: Statement
  private readonly dueStmt: Statement
  private readonly nextDueStmt: Statement
  private readonly leaseStmt: Statement
  private readonly parkCutOffStmt: Statement
  private readonly doneStmt: Statement
  private readonly retryStmt: Statement
  private readonly parkStmt: Statement
  private readonly releaseExpiredStmt: Statement
  private readonly countsStmt: Statement
  private readonly requeueParkedStmt: Statement
  private readonly cancelParkedStmt: Statement
  private readonly cancelOpenStmt: Statement
  private readonly reopenStmt: Statement
  private readonly listStmts: Record<'parked' | 'waiting', Statement>
  private hasWaitingStmt: Statement | undefined
  private readonly enqueueListeners = new Set<(lanes: ReadonlySet<string>) => void>()
  private enqueuedLanes: Set<string> | null = null

  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (lane, kind, idempotency_key, case_no, order_key, payload, state, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    this.byKeyStmt = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?')
    this.byIdStmt = db.prepare('SELECT * FROM outbox WHERE id = ?')
    // Ids and attempts only: the payloads are read once, by the lease that returns them.
    this.dueStmt = db.prepare(
      `SELECT o.id, o.attempts FROM outbox o WHERE ${ELIGIBLE} AND o.next_attempt_at <= @now ORDER BY o.next_attempt_at, o.id LIMIT @limit`,
    )
    this.nextDueStmt = db.prepare(`SELECT o.id, o.next_attempt_at FROM outbox o WHERE ${ELIGIBLE} ORDER BY o.next_attempt_at, o.id LIMIT @limit`)
    // A lease that ran out was cut off mid-attempt: whatever it was doing may have happened.
    this.leaseStmt = db.prepare(
      `UPDATE outbox SET state = 'leased', attempts = attempts + 1, lease_seq = lease_seq + 1, lease_until = @leaseUntil, next_attempt_at = @leaseUntil,
         uncertain = CASE WHEN state = 'leased' THEN 1 ELSE uncertain END, updated_at = @now
       WHERE id IN (SELECT value FROM json_each(@ids)) AND state IN ('waiting', 'leased') RETURNING *`,
    )
    this.parkCutOffStmt = db.prepare(
      `UPDATE outbox SET state = 'parked', lease_until = NULL, uncertain = 1, last_error = @reason, last_error_class = 'cut_off', updated_at = @now
       WHERE id = @id AND state IN ('waiting', 'leased') RETURNING *`,
    )
    this.doneStmt = db.prepare(
      `UPDATE outbox SET state = 'done', lease_until = NULL, done_at = @at, updated_at = @at, result = @result
       WHERE id = @id AND state = 'leased' AND lease_seq = @leaseSeq`,
    )
    this.doneManyStmt = db.prepare(
      `UPDATE outbox SET state = 'done', lease_until = NULL, done_at = @at, updated_at = @at, result = d.result
       FROM (SELECT value ->> '$.id' AS id, value ->> '$.leaseSeq' AS lease_seq, value -> '$.result' AS result FROM json_each(@rows)) AS d
       WHERE outbox.id = d.id AND outbox.state = 'leased' AND outbox.lease_seq = d.lease_seq RETURNING outbox.id`,
    )
    this.retryStmt = db.prepare(
      `UPDATE outbox SET state = 'waiting', lease_until = NULL, next_attempt_at = @nextAttemptAt, last_error = @reason, last_error_class = @errorClass,
         uncertain = COALESCE(@uncertain, uncertain), updated_at = @at
       WHERE id = @id AND state = 'leased' AND lease_seq = @leaseSeq`,
    )
    this.parkStmt = db.prepare(
      `UPDATE outbox SET state = 'parked', lease_until = NULL, last_error = @reason, last_error_class = @errorClass,
         uncertain = COALESCE(@uncertain, uncertain), updated_at = @at
       WHERE id = @id AND state = 'leased' AND lease_seq = @leaseSeq`,
    )
    this.releaseExpiredStmt = db.prepare(
      `UPDATE outbox SET state = 'waiting', lease_until = NULL, uncertain = 1, updated_at = @now
       WHERE state IN ('waiting', 'leased') AND state = 'leased' AND lease_until <= @now`,
    )
    this.countsStmt = db.prepare(
      `SELECT lane, state, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state IN ('waiting', 'leased', 'parked') GROUP BY state, lane`,
    )
    // A person's retry starts the count again: the cause was looked at (and maybe fixed).
    this.requeueParkedStmt = db.prepare(
      `UPDATE outbox SET state = 'waiting', attempts = 0, next_attempt_at = @at, updated_at = @at WHERE id = @id AND state = 'parked'`,
    )
    this.cancelParkedStmt = db.prepare(`UPDATE outbox SET state = 'cancelled', updated_at = @at WHERE id = @id AND state = 'parked'`)
    this.cancelOpenStmt = db.prepare(`UPDATE outbox SET state = 'cancelled', updated_at = @at WHERE id = @id AND state IN ('waiting', 'parked')`)
    this.reopenStmt = db.prepare(
      `UPDATE outbox SET state = 'waiting', attempts = 0, next_attempt_at = @at, updated_at = @at WHERE id = @id AND state = 'cancelled' RETURNING lane`,
    ).pluck()
    // The index's own state list repeated: SQLite uses a partial index only where the query says its WHERE in so many words.
    const open = "state IN ('waiting', 'leased', 'parked')"
    this.listStmts = {
      parked: db.prepare(`SELECT * FROM outbox WHERE ${open} AND state = 'parked' ORDER BY created_at, id LIMIT ?`),
      waiting: db.prepare(`SELECT * FROM outbox WHERE ${open} AND state IN ('waiting', 'leased') ORDER BY created_at, id LIMIT ?`),
    }
  }

  /**
   * Adds an effect, or finds the one already under its key. Call it inside
   * the transaction of the change that needs it; the worker hears of it once
   * that has committed (or finds nothing, if it rolled back).
   */
  enqueue(input: OutboxRowInput): { id: number; isNew: boolean } {
    const at = input.at ?? utcTimestamp(this.clock.now())
    const notBefore = input.notBefore instanceof Date ? utcTimestamp(input.notBefore) : input.notBefore
    const payload = JSON.stringify(input.payload ?? null)
    const info = this.insertStmt.run(input.lane, input.kind, input.idempotencyKey, input.caseNo ?? null, input.orderKey ?? null, payload, notBefore ?? at, at, at)
    if (info.changes === 1) {
      this.announce(input.lane)
      return { id: Number(info.lastInsertRowid), isNew: true }
    }
    const existing = this.byKeyStmt.get(input.idempotencyKey) as Row
    // One key, one effect: the same key for another kind of effect is a caller's bug, not a duplicate.
    if (existing.lane !== input.lane || existing.kind !== input.kind) {
      throw new Error(`幂等键 ${input.idempotencyKey} 已用于 ${existing.lane}/${existing.kind}，不能再用于 ${input.lane}/${input.kind}`)
    }
    return { id: existing.id, isNew: false }
  }

  /** Called (lanes with new rows) on the turn after the enqueue: by then the caller's transaction has ended. */
  onEnqueued(listener: (lanes: ReadonlySet<string>) => void): () => void {
    this.enqueueListeners.add(listener)
    return () => this.enqueueListeners.delete(listener)
  }

  get(id: number): OutboxRecord | undefined {
    const row = this.byIdStmt.get(id) as Row | undefined
    return row ? toRecord(row) : undefined
  }

  byKey(idempotencyKey: string): OutboxRecord | undefined {
    const row = this.byKeyStmt.get(idempotencyKey) as Row | undefined
    return row ? toRecord(row) : undefined
  }

  /** Leases up to `limit` due rows of a lane in one transaction; a row cut off too often is parked instead. */
  claim(lane: string, req: ClaimRequest): { leased: OutboxRecord[]; parked: OutboxRecord[] } {
    return this.db.transaction(() => {
      const rows = this.dueStmt.all({ lane, now: req.now, limit: req.limit + req.excludeIds.size }) as Array<Pick<Row, 'id' | 'attempts'>>
      const toLease: number[] = []
      const parked: OutboxRecord[] = []
      for (const row of rows) {
        if (toLease.length >= req.limit) break
        if (req.excludeIds.has(row.id)) continue
        // Only a cut-off attempt leaves a row at the limit (an outcome at the limit parks it): a row that kills its worker.
        if (row.attempts >= req.maxAttempts) {
          const reason = `处理中断 ${row.attempts} 次（工作进程退出或超时），已搁置待人工处理`
          parked.push(toRecord(this.parkCutOffStmt.get({ id: row.id, reason, now: req.now }) as Row))
          continue
        }
        toLease.push(row.id)
      }
      if (toLease.length === 0) return { leased: [], parked }
      // One statement for the batch; RETURNING has no order of its own, so the rows go back in due order.
      const returned = this.leaseStmt.all({ ids: JSON.stringify(toLease), leaseUntil: req.leaseUntil, now: req.now }) as Row[]
      const byId = new Map(returned.map((r) => [r.id, r]))
      const leased = toLease.map((id) => toRecord(byId.get(id) as Row))
      return { leased, parked }
    })()
  }

  /**
   * Waiting rows of a lane due later are made due now: the remote end is back
   * (an operator's `hall sync` just reached the hall), so the backoff has
   * nothing left to wait for. Leased and parked rows stay as they are.
   */
  dueNow(lane: string, at: string): number {
    return this.db.prepare("UPDATE outbox SET next_attempt_at = @at WHERE lane = @lane AND state = 'waiting' AND next_attempt_at > @at").run({ lane, at }).changes
  }

  /** When the lane's next row falls due (an abandoned lease included), skipping rows this worker holds. */
  nextDueAt(lane: string, excludeIds: ReadonlySet<number>): string | null {
    const rows = this.nextDueStmt.all({ lane, limit: excludeIds.size + 1 }) as Array<{ id: number; next_attempt_at: string }>
    return rows.find((r) => !excludeIds.has(r.id))?.next_attempt_at ?? null
  }

  /** Many rows done at once (one statement): the ids whose lease was still this worker's; the others are left as they are. */
  markDoneMany(rows: ReadonlyArray<{ id: number; leaseSeq: number; result: unknown }>, at: string): Set<number> {
    const payload = JSON.stringify(rows.map((r) => (r.result === undefined ? { id: r.id, leaseSeq: r.leaseSeq } : { id: r.id, leaseSeq: r.leaseSeq, result: r.result })))
    return new Set(this.doneManyStmt.pluck().all({ rows: payload, at }) as number[])
  }

  /** false: the lease was no longer this worker's (it ran out and another took the row); nothing written. */
  markDone(id: number, leaseSeq: number, at: string, result: unknown): boolean {
    return this.doneStmt.run({ id, leaseSeq, at, result: result === undefined ? null : JSON.stringify(result) }).changes === 1
  }

  markRetry(id: number, leaseSeq: number, nextAttemptAt: string, s: Settlement): boolean {
    const params = { id, leaseSeq, nextAttemptAt, at: s.at, reason: s.reason ?? null, errorClass: s.errorClass ?? null, uncertain: uncertainParam(s.uncertain) }
    return this.retryStmt.run(params).changes === 1
  }

  markParked(id: number, leaseSeq: number, s: Settlement): boolean {
    const params = { id, leaseSeq, at: s.at, reason: s.reason ?? null, errorClass: s.errorClass ?? null, uncertain: uncertainParam(s.uncertain) }
    return this.parkStmt.run(params).changes === 1
  }

  /** At start: leases that ran out return to waiting, marked uncertain (their attempt may have had its effect). */
  releaseExpired(now: string): number {
    return this.releaseExpiredStmt.run({ now }).changes
  }

  requeueParked(id: number, at: string): boolean {
    return this.requeueParkedStmt.run({ id, at }).changes === 1
  }

  cancelParked(id: number, at: string): boolean {
    return this.cancelParkedStmt.run({ id, at }).changes === 1
  }

  /**
   * Drops an effect no longer wanted (a create whose shipment is cancelled)
   * while no worker holds it: false when it is leased right now, or finished.
   */
  cancelOpen(id: number, at: string): boolean {
    return this.cancelOpenStmt.run({ id, at }).changes === 1
  }

  /** A cancelled effect wanted again under its own key (the same effect, so not a new row): waiting from now. */
  reopenCancelled(id: number, at: string): boolean {
    const lane = this.reopenStmt.get({ id, at }) as string | undefined
    if (lane === undefined) return false
    this.announce(lane)
    return true
  }

  counts(): OutboxCounts {
    const rows = this.countsStmt.all() as Array<{ lane: string; state: 'waiting' | 'leased' | 'parked'; n: number; oldest: string }>
    const counts: OutboxCounts = { backlog: 0, oldestWaitingAt: null, parked: 0, byLane: {} }
    for (const r of rows) {
      const lane = (counts.byLane[r.lane] ??= { waiting: 0, leased: 0, parked: 0, oldestWaitingAt: null })
      lane[r.state] = r.n
      if (r.state === 'parked') {
        counts.parked += r.n
        continue
      }
      counts.backlog += r.n
      if (lane.oldestWaitingAt === null || r.oldest < lane.oldestWaitingAt) lane.oldestWaitingAt = r.oldest
      if (counts.oldestWaitingAt === null || r.oldest < counts.oldestWaitingAt) counts.oldestWaitingAt = r.oldest
    }
    return counts
  }

  /** Whether a row of this kind waits (not yet leased) under the order key: one not started yet covers whatever it reads when it runs. */
  hasWaiting(lane: string, orderKey: string, kind: string): boolean {
    const sql = "SELECT 1 FROM outbox WHERE lane = ? AND order_key = ? AND state IN ('waiting', 'leased', 'parked') AND state = 'waiting' AND kind = ? LIMIT 1"
    this.hasWaitingStmt ??= this.db.prepare(sql).pluck()
    return this.hasWaitingStmt.get(lane, orderKey, kind) !== undefined
  }

  /** Parked rows, or the backlog (waiting and leased), oldest first. */
  list(which: 'parked' | 'waiting', limit: number): OutboxRecord[] {
    return (this.listStmts[which].all(limit) as Row[]).map(toRecord)
  }

  private announce(lane: string): void {
    if (this.enqueuedLanes) {
      this.enqueuedLanes.add(lane)
      return
    }
    this.enqueuedLanes = new Set([lane])
    // better-sqlite3 transactions are synchronous: the caller's has committed or rolled back before this runs.
    setImmediate(() => {
      const lanes = this.enqueuedLanes ?? new Set<string>()
      this.enqueuedLanes = null
      for (const listener of [...this.enqueueListeners]) {
        try {
          listener(lanes)
        } catch (err) {
          console.error('[outbox] a listener failed:', err instanceof Error ? err.message : err)
        }
      }
    })
  }
}
