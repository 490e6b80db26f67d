/**
 * Writes `hall.event` rows into the hall, inside the caller's transaction
 * (under the hall lock), in ONE statement of fixed text (prepared once per
 * connection; the rows travel as one JSON document, whatever their number): the
 * events into case_events keyed on the event (`ON CONFLICT (idempotency_key)
 * DO NOTHING`: an event already there is done), then the cases rows the new
 * ones make or move. The push sends a batch of events of distinct cases this
 * way (the statement's parts share one snapshot, so an accept and a later
 * step of one case must not travel together), or a single one.
 */
import type { HallClient } from './hallDb'
import type { HallEventRow } from './hallLane'

/** A push the hall must not take as it is: parked for a person, not retried. */
export class HallPushRefusal extends Error {}

const INSERT_EVENTS = `WITH v AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS v(idempotency_key text, case_no text, station text, kind text, action text, from_state text, to_state text, version int, at text, operator text, payload jsonb, item_code text, item_name text)
), ins AS (
  INSERT INTO case_events (hall_seq, idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload)
  SELECT nextval('hall_seq'), idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload FROM v
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING hall_seq, idempotency_key, case_no, station, kind, to_state, version, at
), accepted AS (
  INSERT INTO cases (case_no, station, state, version, item_code, item_name, accepted_at, updated_at, hall_seq)
  SELECT i.case_no, i.station, i.to_state, i.version, v.item_code, v.item_name, i.at, i.at, i.hall_seq FROM ins i JOIN v USING (idempotency_key) WHERE i.kind = 'accept'
  ON CONFLICT (case_no) DO NOTHING
), moved AS (
  UPDATE cases c SET state = i.to_state, version = i.version, updated_at = i.at, hall_seq = i.hall_seq
  FROM ins i WHERE i.kind <> 'accept' AND c.case_no = i.case_no AND c.version < i.version
)
SELECT count(*)::int AS inserted FROM ins`
// Already there (an earlier attempt committed, or the shared-case claim wrote it): not in `ins`, so its cases row stays as that write made it.
// Only forward: an event older than the cases row's version (pushed late, after another station's) leaves the row.

export async function insertHallEvents(client: HallClient, events: readonly HallEventRow[]): Promise<void> {
  const rows = events.map((e) => {
    if (e.kind === 'accept' && !e.item) throw new HallPushRefusal(`办件 ${e.caseNo} 的受理事件缺少事项信息`)
    return {
      idempotency_key: `${e.station}:${e.caseNo}:${e.version}`,
      case_no: e.caseNo,
      station: e.station,
      kind: e.kind,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      version: e.version,
      at: e.at,
      operator: e.operator,
      payload: e.payload,
      item_code: e.item?.code ?? null,
      item_name: e.item?.name ?? null,
    }
  })
  await client.query({ name: 'hall_insert_events', text: INSERT_EVENTS, values: [JSON.stringify(rows)] })
}
