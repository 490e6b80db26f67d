/**
 * The hall push under a backlog (docs/hall.md "Push"): the events the worker
 * hands over together go to the hall in one transaction, one that the hall
 * refuses does not hold back the others, and a burst of changes taken while
 * the hall was away queues one audit row, which still brings the whole chain.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { joinHall } from '../../main/cli/hallJoin'
import { loadStationConfig } from '../../main/config/loadConfig'
import { HALL_AUDIT_KIND, HALL_LANE } from '../../main/hall/hallLane'
import { hallAuditBrokenLink } from '../../main/hall/hallPush'
import { OutboxWorker } from '../../main/outbox/outboxWorker'
import { openHallLink } from '../../main/services/hall/hallLink'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { openStore } from '../../main/store/store'
import { hallDatabasePerTest } from '../fixtures/hallHooks'
import { openHallStation } from '../fixtures/hallStation'

const SECRET = 'hall-secret-for-tests-0002'
const hall = hallDatabasePerTest({ migrated: true })

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.restoreAllMocks()
})

async function stationWithIntakes(code: string, n: number): Promise<{ data: string; caseNos: string[]; auditWaiting: number; auditRows: number }> {
  const data = hall.dataDir()
  await joinHall({ dataDir: data, url: hall.url, station: code, secret: SECRET, tls: false })
  const station = openHallStation(data)
  try {
    const caseNos = station.accept(n)
    const auditWaiting = station.store.db.prepare("SELECT COUNT(*) FROM outbox WHERE lane = ? AND kind = ? AND state = 'waiting'").pluck().get(HALL_LANE, HALL_AUDIT_KIND) as number
    const auditRows = station.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number
    return { data, caseNos, auditWaiting, auditRows }
  } finally {
    await station.close()
  }
}

/** The real consumer on the `hall` lane, as the app registers it, until nothing is due. */
async function drain(data: string): Promise<{ done: number; waiting: number; parked: number; lastErrors: string[] }> {
  const config = loadStationConfig({ dataDir: data })
  const store = openStore({ dataDir: data, keyProvider: new FileKeyProvider(data) })
  const link = openHallLink(config, store)!
  try {
    const worker = new OutboxWorker({ store, stationId: config.stationId })
    link.attach({ worker })
    const drained = await worker.drain({ timeoutMs: 60_000, dueOnly: true })
    await worker.close()
    const lastErrors = store.db.prepare("SELECT last_error_class FROM outbox WHERE state = 'parked' ORDER BY id").pluck().all() as string[]
    return { ...drained, lastErrors }
  } finally {
    await link.close()
    store.close()
  }
}

const count = (sql: string, params: unknown[] = []): Promise<number> => hall.count(sql, params)

it('queues one audit row for a burst taken offline and pushes the burst in one hall transaction, the whole chain with it', async () => {
  const { data, caseNos, auditWaiting, auditRows } = await stationWithIntakes('011', 30)
  expect(auditWaiting).toBe(1)

  const drained = await drain(data)
  expect(drained).toMatchObject({ waiting: 0, parked: 0 })
  expect(await count('SELECT COUNT(*) AS n FROM cases')).toBe(30)
  expect((await hall.pool.query<{ case_no: string }>('SELECT case_no FROM cases ORDER BY case_no')).rows.map((r) => r.case_no)).toEqual([...caseNos].sort())
  // Rows written by one transaction share its xmin: the 30 events were handed over together.
  expect(await count('SELECT COUNT(DISTINCT xmin::text) AS n FROM case_events')).toBe(1)
  expect(await count("SELECT COUNT(*) AS n FROM audit_rows WHERE station = '011'")).toBe(auditRows)
  expect(await hallAuditBrokenLink(hall.pool, '011')).toBeNull()
})

it('parks the one event the hall refuses and lands the others handed over with it', async () => {
  const { data, caseNos } = await stationWithIntakes('012', 6)
  const taken = caseNos[2]!
  // Another writer already holds version 1 of one case under another key: a conflict for that event alone.
  await hall.pool.query(
    `INSERT INTO case_events (hall_seq, idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload)
     VALUES (nextval('hall_seq'), 'elsewhere', $1, '099', 'accept', 'accept', NULL, 'accepted', 1, '2026-01-05T00:00:00.000Z', 'B001', '{}')`,
    [taken],
  )

  const drained = await drain(data)
  expect(drained).toMatchObject({ waiting: 0, parked: 1, lastErrors: ['hall_conflict'] })
  expect((await hall.pool.query<{ case_no: string }>('SELECT case_no FROM cases ORDER BY case_no')).rows.map((r) => r.case_no)).toEqual(caseNos.filter((c) => c !== taken).sort())
  expect(await count("SELECT COUNT(*) AS n FROM case_events WHERE station = '012'")).toBe(5)
  expect(await hallAuditBrokenLink(hall.pool, '012')).toBeNull()
})
