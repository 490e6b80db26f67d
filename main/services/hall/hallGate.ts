/**
 * Who may change a shared case (docs/hall.md): a step of a case the hall
 * knows first claims the hall's version in a PostgreSQL transaction (under
 * the hall lock), then runs the local step (sync, SQLite, committed), then
 * writes the hall's event and commits. Two windows acting at once: one
 * claim updates the row, the other finds the version moved on and gets
 * CONFLICT naming the state the case is in now (and pulls it at once).
 *
 * A case the hall does not know (accepted here and not pushed yet, or with
 * this station's earlier step still queued) changes locally; its events
 * push in order later. The hall unreachable → HALL_OFFLINE for a case it
 * knows: another station may be changing it right now.
 *
 * The event written here has the idempotency key the local step's own
 * outbox row carries (`<station>:<caseNo>:<version>`, version = timeline
 * entry number), so when that row is pushed the hall already has it: done.
 * Async, so it sits in front of the sync services (the handlers await it).
 */
import { stateLabels, type CaseState } from '../../domain/caseMachine'
import { AppError } from '../../domain/errors'
import { hallEventKey } from '../../hall/hallLane'
import { isHallOffline, withHallTransaction, type HallClient, type HallPool } from '../../hall/hallDb'
import type { Store } from '../../store/store'

export interface HallGateDeps {
  store: Store
  /** null: a standalone station; every step is local. */
  pool: HallPool | null
  /** This station's code. */
  station: string
  /** After a conflict the current state is pulled at once, so the screen's refresh shows it. */
  pullNow?: () => Promise<number>
}

const OFFLINE = '其他工作站的办件要等大厅连接恢复后才能办理'

export class HallGate {
  constructor(private readonly deps: HallGateDeps) {}

  /** Runs `step` (a sync local change of `caseNo`), claiming the hall's version first when the hall knows the case. */
  async step<T>(caseNo: string, step: () => T): Promise<T> {
    const { store, pool } = this.deps
    const local = pool ? store.hallCases.stateOf(caseNo.trim()) : undefined
    // Unknown here (the step says NOT_FOUND), unknown to the hall, or this station's own earlier step still on its way: local.
    if (!pool || !local || local.hallVersion === null || local.hallVersion < local.steps) return step()
    const expected = local.steps
    // Set once the local step has run: from then on a failure is the hall's write only, never the clerk's step.
    let stepped = null as { result: T } | null
    try {
      const result = await withHallTransaction(pool, async (client) => {
        const claimed = await client.query('UPDATE cases SET version = version + 1 WHERE case_no = $1 AND version = $2', [local.caseNo, expected])
        if (claimed.rowCount !== 1) {
          const now = await client.query<{ state: CaseState; station: string }>('SELECT state, station FROM cases WHERE case_no = $1', [local.caseNo])
          throw new HallConflict(now.rows[0]?.state)
        }
        stepped = { result: step() }
        await this.writeEvent(client, local.caseNo, expected + 1)
        return stepped.result
      })
      store.transaction(() => store.hallCases.markKnown(local.caseNo, expected + 1))
      return result
    } catch (err) {
      // The local step has committed: its own outbox row brings the event to the hall later; the clerk's step stands.
      if (stepped) {
        console.warn(`[hall] 办件 ${caseNo} 已在本站办理，写入大厅失败，将由外发队列补推：${err instanceof Error ? err.message : String(err)}`)
        return stepped.result
      }
      if (err instanceof HallConflict) {
        // Rolled back by now: the pull sees the other station's step, so the screen's refresh shows it.
        void this.deps.pullNow?.().catch(() => undefined)
        throw new AppError('CONFLICT', `另一工作站已将该办件（${local.caseNo}）办理为“${err.state ? stateLabels[err.state] : '未知状态'}”，请刷新后按当前状态办理`, 'caseNo')
      }
      throw isHallOffline(err) ? offline(caseNo) : err
    }
  }

  /** The hall's event for the step just made here: its timeline row, and the case row's clock for the other stations. */
  private async writeEvent(client: HallClient, caseNo: string, version: number): Promise<void> {
    const { store, station } = this.deps
    const entry = store.cases.eventsOf(caseNo).find((e) => e.seq === version)
    const row = store.cases.summary(caseNo)
    // Not the entry the claim was for (a step that wrote no timeline row): leave the event to the push, which numbers it itself.
    if (!entry || !row) throw new Error(`hall gate: 办件 ${caseNo} 第 ${version} 条时间线不在本地`)
    const kind = entry.action === 'supplyMaterials' ? 'materials' : 'transition'
    const clock = { deadline: row.deadline, warnDate: row.warnDate, provisional: row.provisional, pausedDays: row.pausedDays, pausedSince: row.pausedSince }
    const payload = kind === 'materials' ? { materialIds: entry.details?.materialIds ?? [], at: entry.at } : { note: entry.note, details: entry.details, clock }
    const inserted = await client.query<{ hall_seq: string }>(
      `INSERT INTO case_events (hall_seq, idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload)
       VALUES (nextval('hall_seq'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING hall_seq`,
      [hallEventKey(station, caseNo, version), caseNo, station, kind, entry.action, entry.fromState, entry.toState, version, entry.at, entry.operator, JSON.stringify(payload)],
    )
    await client.query('UPDATE cases SET state = $2, updated_at = $3, hall_seq = $4 WHERE case_no = $1', [caseNo, entry.toState, entry.at, inserted.rows[0]!.hall_seq])
  }

}

/** The claim found the hall's version moved on: thrown inside the transaction so it rolls back, answered as CONFLICT outside. */
class HallConflict extends Error {
  constructor(readonly state: CaseState | undefined) {
    super('hall version moved on')
  }
}

function offline(caseNo: string): AppError {
  return new AppError('HALL_OFFLINE', `大厅连接中断：办件 ${caseNo.trim()} 已在大厅登记，${OFFLINE}（本站新受理的办件不受影响）`, 'caseNo')
}
