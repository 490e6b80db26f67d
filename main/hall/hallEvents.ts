/**
 * Writes `hall.event` rows into the hall, inside the caller's transaction
 * (under the hall lock): one multi-row INSERT into case_events keyed on the
 * event (`ON CONFLICT (idempotency_key) DO NOTHING`: an event already there
 * is done), then the cases rows the new ones make or move. The push sends a
 * batch of events of distinct cases this way, or a single one.
 */
import type { HallClient } from './hallDb'
import type { HallEventRow } from './hallLane'

/** A push the hall must not take as it is: parked for a person, not retried. */
export class HallPushRefusal extends Error {}

const EVENT_COLUMNS = 11

export async function insertHallEvents(client: HallClient, events: readonly HallEventRow[]): Promise<void> {
  const values: unknown[] = []
  const tuples = events.map((e, i) => {
    values.push(`${e.station}:${e.caseNo}:${e.version}`, e.caseNo, e.station, e.kind, e.action, e.from, e.to, e.version, e.at, e.operator, JSON.stringify(e.payload))
    return `(nextval('hall_seq'), ${Array.from({ length: EVENT_COLUMNS }, (_, k) => `$${i * EVENT_COLUMNS + k + 1}`).join(', ')})`
  })
  const inserted = await client.query<{ idempotency_key: string; hall_seq: string }>(
    `INSERT INTO case_events (hall_seq, idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload)
     VALUES ${tuples.join(', ')} ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key, hall_seq`,
    values,
  )
  const seqOf = new Map(inserted.rows.map((r) => [r.idempotency_key, r.hall_seq]))
  // Already there (an earlier attempt committed, or the shared-case claim wrote it): done, and the cases row is as it made it.
  const fresh = events.flatMap((e) => {
    const seq = seqOf.get(`${e.station}:${e.caseNo}:${e.version}`)
    return seq === undefined ? [] : [{ e, seq }]
  })
  const accepts = fresh.filter(({ e }) => e.kind === 'accept')
  const moves = fresh.filter(({ e }) => e.kind !== 'accept')
  if (accepts.length > 0) {
    const caseValues: unknown[] = []
    const caseTuples = accepts.map(({ e, seq }, i) => {
      if (!e.item) throw new HallPushRefusal(`办件 ${e.caseNo} 的受理事件缺少事项信息`)
      caseValues.push(e.caseNo, e.station, e.to, e.version, e.item.code, e.item.name, e.at, seq)
      const p = (k: number): string => `$${i * 8 + k}`
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(7)}, ${p(8)})`
    })
    await client.query(
      `INSERT INTO cases (case_no, station, state, version, item_code, item_name, accepted_at, updated_at, hall_seq)
       VALUES ${caseTuples.join(', ')} ON CONFLICT (case_no) DO NOTHING`,
      caseValues,
    )
  }
  if (moves.length > 0) {
    // Only forward: an event older than the row's version (pushed late, after another station's) leaves it.
    await client.query(
      `UPDATE cases c SET state = v.state, version = v.version, updated_at = v.at, hall_seq = v.seq
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bigint[]) AS v(case_no, state, version, at, seq)
       WHERE c.case_no = v.case_no AND c.version < v.version`,
      [moves.map(({ e }) => e.caseNo), moves.map(({ e }) => e.to), moves.map(({ e }) => e.version), moves.map(({ e }) => e.at), moves.map(({ seq }) => seq)],
    )
  }
}
