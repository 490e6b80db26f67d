/**
 * The outbox consumer of lane `hall`: writes a station's case events and
 * audit rows into the hall's PostgreSQL, in transactions under the hall
 * lock: the events the worker hands over in one turn together (a drain
 * after the hall was away is thousands), one by one when one of them fails.
 * Exactly once: an event is keyed (`ON CONFLICT (idempotency_key) DO
 * NOTHING`), so a push repeated after a crash or a lost reply finds its
 * event there and is done; audit rows are keyed by (station, seq). In order
 * per case: the outbox runs a case's rows one after the other.
 *
 * The hall away → retry (the outbox backs off, nothing is lost). A refusal
 * retrying cannot fix (no schema, another station's event at this version,
 * a broken audit link) → parked with the reason, for a person.
 */
import type { OutboxConsumer, OutboxContext, OutboxOutcome, OutboxRow } from '../outbox/outboxConsumer'
import { auditHeadSeq, auditRowsBetween } from '../store/auditRows'
import { GENESIS_HASH } from '../store/auditChain'
import type { Store } from '../store/store'
import { hallErrorText, isHallOffline, isHallSchemaError, withHallTransaction, type HallClient, type HallPool } from './hallDb'
import { HallPushRefusal, insertHallEvents } from './hallEvents'
import { HALL_AUDIT_KIND, HALL_EVENT_BATCH, HALL_EVENT_KIND, type HallEventRow } from './hallLane'
import { checkHallSchema, HallSchemaError } from './hallSchema'

/** What the link tells its status light after each attempt. */
export type HallPushReport = { ok: true; at: Date } | { ok: false; offline: boolean; reason: string }

export interface HallPushDeps {
  pool: HallPool
  store: Store
  station: string
  report?: (result: HallPushReport) => void
}

/** Audit rows per transaction: they travel as one JSON document to one prepared statement, so the count costs no statement text. */
const AUDIT_BATCH = 2_000

interface PendingEvent {
  row: OutboxRow
  ctx: OutboxContext
  resolve: (outcome: OutboxOutcome) => void
}

export class HallPushConsumer implements OutboxConsumer {
  // Checked once per reachable hall, again after any failure (the hall may have been migrated meanwhile).
  private schemaChecked = false
  // The chain is already in the hall up to here (this process pushed it): an audit row with nothing newer needs no round trip.
  private auditPushedThrough = 0
  // The events handed over in this turn of the event loop (the worker starts a lane's leased rows together): one transaction for them all.
  private pending: PendingEvent[] = []

  constructor(private readonly deps: HallPushDeps) {}

  handle(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome> {
    if (row.kind !== HALL_EVENT_KIND) return this.handleOne(row, ctx)
    return new Promise((resolve) => {
      this.pending.push({ row, ctx, resolve })
      if (this.pending.length === 1) setImmediate(() => void this.pushPending())
    })
  }

  private async pushPending(): Promise<void> {
    const handed = this.pending
    this.pending = []
    // A transaction per slice, each slice answered as soon as it commits: the outbox stores those outcomes and leases more while the next slice is in the hall.
    for (let from = 0; from < handed.length; from += HALL_EVENT_BATCH) {
      const batch = handed.slice(from, from + HALL_EVENT_BATCH)
      if (batch.length > 1 && (await this.pushBatch(batch))) continue
      // One by one: a row the batch could not take (a conflict, a refusal) gets its own outcome and does not hold back the others.
      for (const p of batch) p.resolve(await this.handleOne(p.row, p.ctx))
    }
  }

  /** false: something in the batch needs each row's own answer (nothing of it was written). */
  private async pushBatch(batch: readonly PendingEvent[]): Promise<boolean> {
    try {
      const events = batch.map((p) => p.row.payload as HallEventRow)
      // The worker runs a case's rows one at a time, so two of one case mean something else queued them: each on its own.
      if (events.some((e) => e.station !== this.deps.station) || new Set(events.map((e) => e.caseNo)).size !== events.length) return false
      await this.checkSchema()
      await withHallTransaction(this.deps.pool, (client) => insertHallEvents(client, events))
    } catch (err) {
      this.schemaChecked = false
      // The hall away or not ready: the same answer for every row, without a round trip each.
      if (!isHallOffline(err) && !(err instanceof HallSchemaError)) return false
      for (const p of batch) p.resolve(this.failed(p.row, err))
      return true
    }
    this.deps.report?.({ ok: true, at: batch[0]!.ctx.now() })
    for (const p of batch) p.resolve({ kind: 'done' })
    return true
  }

  private async checkSchema(): Promise<void> {
    if (this.schemaChecked) return
    await checkHallSchema(this.deps.pool)
    this.schemaChecked = true
  }

  private async handleOne(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome> {
    try {
      await this.checkSchema()
      if (row.kind === HALL_EVENT_KIND) await this.pushEvent(row.payload as HallEventRow)
      else if (row.kind === HALL_AUDIT_KIND) await this.pushAudit(ctx)
      else return { kind: 'park', reason: `大厅通道没有处理“${row.kind}”任务的程序（外发作业 #${row.id}）`, errorClass: 'bad_payload' }
      this.deps.report?.({ ok: true, at: ctx.now() })
      return { kind: 'done' }
    } catch (err) {
      this.schemaChecked = false
      return this.failed(row, err)
    }
  }

  private failed(row: OutboxRow, err: unknown): OutboxOutcome {
    const reason = hallErrorText(err)
    if (isHallOffline(err)) {
      this.deps.report?.({ ok: false, offline: true, reason })
      // A lost reply after COMMIT is harmless here: the key makes the next attempt a no-op.
      return { kind: 'retry', reason: `大厅数据库无法连接：${reason}`, errorClass: 'hall_offline' }
    }
    this.deps.report?.({ ok: false, offline: false, reason })
    // A hall not yet initialised, or newer than this build: the link stops (red light) until someone acts; nothing parks.
    if (err instanceof HallSchemaError) return { kind: 'retry', reason: err.message, errorClass: 'hall_schema', retryAfterMs: 60_000 }
    if (err instanceof HallPushRefusal) return { kind: 'park', reason: err.message, errorClass: 'hall_refused' }
    const code = (err as { code?: unknown; constraint?: unknown }).code
    if (code === '23505' && (err as { constraint?: unknown }).constraint === 'case_events_case_no_version_key') {
      const e = row.payload as HallEventRow
      return { kind: 'park', reason: `大厅中办件 ${e.caseNo} 的第 ${e.version} 版已由其他工作站写入，本站的“${e.action}”与之冲突：请核对该办件`, errorClass: 'hall_conflict' }
    }
    if (code === '23503') return { kind: 'park', reason: `工作站 ${this.deps.station} 未在大厅登记：请先运行 hall join（${reason}）`, errorClass: 'hall_refused' }
    if (isHallSchemaError(err)) return { kind: 'park', reason: `大厅数据库拒绝写入（结构不符？）：${reason}`, errorClass: 'hall_schema' }
    return { kind: 'retry', reason: `大厅写入失败：${reason}`, errorClass: 'hall_error' }
  }

  private async pushEvent(e: HallEventRow): Promise<void> {
    if (e.station !== this.deps.station) throw new HallPushRefusal(`外发作业的工作站代码 ${e.station} 与本站 ${this.deps.station} 不符`)
    await withHallTransaction(this.deps.pool, (client) => insertHallEvents(client, [e]))
  }

  /** Copies the chain from the hall's head for this station up to the local head, a batch per transaction, each link checked. */
  private async pushAudit(ctx: OutboxContext): Promise<void> {
    const { store, station, pool } = this.deps
    const through = auditHeadSeq(store.db)
    if (through <= this.auditPushedThrough) return
    for (;;) {
      if (ctx.signal.aborted) throw new Error('推送已中止（租约到期或工作站停止）')
      const done = await withHallTransaction(pool, async (client) => {
        const head = await hallAuditHead(client, station)
        const rows = auditRowsBetween(store.db, head.seq, through, AUDIT_BATCH)
        if (rows.length === 0) return true
        const first = rows[0]!
        const expected = head.seq === 0 && first.seq === 1 ? GENESIS_HASH : head.hash
        if (first.seq !== head.seq + 1 && head.seq !== 0) throw new HallPushRefusal(`审计记录不连续：大厅已有至第 ${head.seq} 条，本站下一条为第 ${first.seq} 条`)
        if (expected !== null && first.prevHash !== expected) throw new HallPushRefusal(`审计链在第 ${first.seq} 条与大厅所存不衔接（前一条哈希不符）：请运行 audit verify`)
        for (let i = 1; i < rows.length; i++) {
          if (rows[i]!.prevHash !== rows[i - 1]!.hash) throw new HallPushRefusal(`本站审计链在第 ${rows[i]!.seq} 条断开：请运行 audit verify`)
        }
        await client.query({
          name: 'hall_insert_audit',
          text: `INSERT INTO audit_rows (station, seq, at, operator, action, case_no, details, prev_hash, hash)
                 SELECT $1, seq, at, operator, action, case_no, details, prev_hash, hash
                 FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, at text, operator text, action text, case_no text, details text, prev_hash text, hash text)
                 ON CONFLICT (station, seq) DO NOTHING`,
          values: [station, JSON.stringify(rows.map((r) => ({ seq: r.seq, at: r.at, operator: r.operator, action: r.action, case_no: r.caseNo, details: r.details, prev_hash: r.prevHash, hash: r.hash })))],
        })
        const last = rows[rows.length - 1]!
        // Only forward: another push of this station (the app and `hall sync` at once) may have set a later head already.
        await client.query('UPDATE stations SET audit_head_seq = $2, audit_head_hash = $3, anchored_at = now() WHERE code = $1 AND (audit_head_seq IS NULL OR audit_head_seq < $2)', [station, last.seq, last.hash])
        return last.seq >= through
      }, { kind: 'audit', station })
      if (done) {
        this.auditPushedThrough = through
        return
      }
    }
  }
}

export { HallPushRefusal }

async function hallAuditHead(client: HallClient, station: string): Promise<{ seq: number; hash: string | null }> {
  const r = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_rows WHERE station = $1 ORDER BY seq DESC LIMIT 1', [station])
  const row = r.rows[0]
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: null }
}

/** Checks a station's chain in the hall by its links alone (the keyed hashes need the station's key): the first broken seq, or null. */
export async function hallAuditBrokenLink(pool: HallPool, station: string): Promise<number | null> {
  const r = await pool.query<{ seq: string }>(
    `SELECT seq FROM (SELECT seq, prev_hash, LAG(hash) OVER (ORDER BY seq) AS before, LAG(seq) OVER (ORDER BY seq) AS before_seq FROM audit_rows WHERE station = $1) t
     WHERE (before IS NULL AND seq <> 1) OR (before IS NOT NULL AND (prev_hash <> before OR seq <> before_seq + 1)) ORDER BY seq LIMIT 1`,
    [station],
  )
  return r.rows[0] ? Number(r.rows[0].seq) : null
}
