/**
 * The hall ingest measurement (tests/bench/figures/hall.ts): a station joined
 * to a throwaway PostgreSQL takes 10,000 intakes through its real case
 * services while its pusher is not running (as with the hall away: every
 * change waits in the outbox's `hall` lane), then the real push consumer
 * drains them through the outbox, as after the hall comes back. The same
 * event rows, read from the outbox, are also written by a bare batched
 * INSERT into a copy of case_events in the same PostgreSQL — the baseline,
 * measured before and after the drain (their mean), so both sides see the
 * same server and the same load.
 */
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { joinHall } from '../../main/cli/hallJoin'
import { loadStationConfig } from '../../main/config/loadConfig'
import { openHallPool, type HallPool } from '../../main/hall/hallDb'
import { HALL_EVENT_KIND, HALL_LANE, type HallEventRow } from '../../main/hall/hallLane'
import { migrateHall } from '../../main/hall/hallSchema'
import { OutboxWorker } from '../../main/outbox/outboxWorker'
import { openHallLink } from '../../main/services/hall/hallLink'
import { databaseFile } from '../../main/store/database'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { openStore } from '../../main/store/store'
import { MONDAY, tempDataDir } from '../fixtures/caseWorld'
import { openHallStation } from '../fixtures/hallStation'
import { startPgCluster } from '../fixtures/pgCluster'

export const INTAKES = 10_000
/** Cases a day: the case number's sequence has four digits, so the intakes spread over the week. */
const PER_DAY = 2_000
const RAW_BATCH = 500
/** Not the figure's limit: only how long a broken run may take before it is called broken. */
const DRAIN_GIVE_UP_MS = 300_000
const SECRET = 'bench-hall-secret-0001'

export interface IngestMeasured {
  drainMs: number
  rawMs: number
  rawRuns: number[]
  pushed: number
}

const verbose = (line: string): void => {
  if (process.env.BENCH_VERBOSE) console.error(`hall: ${line}`)
}

/** The `hall.event` rows the intakes queued, as the push consumer will send them. */
function queuedEvents(dataDir: string): HallEventRow[] {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    const rows = db.prepare('SELECT payload FROM outbox WHERE lane = ? AND kind = ? ORDER BY id').pluck().all(HALL_LANE, HALL_EVENT_KIND) as string[]
    return rows.map((p) => JSON.parse(p) as HallEventRow)
  } finally {
    db.close()
  }
}

/** The baseline: the same rows into a fresh copy of case_events (its columns and indexes), RAW_BATCH rows per INSERT. */
async function rawInsertMs(pool: HallPool, events: HallEventRow[], run: number): Promise<number> {
  const table = `raw_events_${run}`
  await pool.query(`CREATE TABLE ${table} (LIKE case_events INCLUDING ALL)`)
  const started = performance.now()
  for (let from = 0; from < events.length; from += RAW_BATCH) {
    const values: unknown[] = []
    const tuples = events.slice(from, from + RAW_BATCH).map((e, i) => {
      values.push(from + i + 1, `${e.station}:${e.caseNo}:${e.version}`, e.caseNo, e.station, e.kind, e.action, e.from, e.to, e.version, e.at, e.operator, JSON.stringify(e.payload))
      return `(${Array.from({ length: 12 }, (_, k) => `$${i * 12 + k + 1}`).join(', ')})`
    })
    await pool.query(`INSERT INTO ${table} (hall_seq, idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload) VALUES ${tuples.join(', ')}`, values)
  }
  const ms = performance.now() - started
  await pool.query(`DROP TABLE ${table}`)
  return ms
}

async function acceptOffline(dataDir: string): Promise<void> {
  const station = openHallStation(dataDir)
  try {
    for (let day = 0; day * PER_DAY < INTAKES; day++) {
      // Monday to Friday of one working week.
      station.clock.set(new Date(MONDAY.getTime() + day * 86_400_000))
      station.accept(Math.min(PER_DAY, INTAKES - day * PER_DAY))
    }
  } finally {
    await station.close()
  }
}

/** The real consumer on the `hall` lane, as the app and `hall sync` register it; answers the drain's time. */
async function drainToHall(dataDir: string): Promise<{ ms: number; pushed: number; waiting: number; parked: number }> {
  const config = loadStationConfig({ dataDir })
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  const link = openHallLink(config, store)!
  try {
    const worker = new OutboxWorker({ store, stationId: config.stationId })
    link.attach({ worker })
    const started = performance.now()
    const drained = await worker.drain({ timeoutMs: DRAIN_GIVE_UP_MS })
    const ms = performance.now() - started
    await worker.close()
    return { ms, pushed: drained.done, waiting: drained.waiting, parked: drained.parked }
  } finally {
    await link.close()
    store.close()
  }
}

export async function measureIngest(): Promise<IngestMeasured> {
  const cluster = await startPgCluster()
  // Killed or crashed midway, the bench must not leave a server running.
  const destroyOnExit = (): void => cluster.destroy()
  process.once('exit', destroyOnExit)
  const dataDir = tempDataDir('onewindow-bench-hall-')
  const pool = openHallPool({ url: cluster.url }, { max: 2 })
  try {
    await migrateHall(pool)
    await joinHall({ dataDir, url: cluster.url, station: '001', secret: SECRET, tls: false })
    let started = performance.now()
    await acceptOffline(dataDir)
    verbose(`${INTAKES} offline intakes in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const events = queuedEvents(dataDir)
    if (events.length !== INTAKES) throw new Error(`expected ${INTAKES} queued hall events, found ${events.length}`)
    // A warm-up run (plans, buffers), then one before and one after the drain.
    await rawInsertMs(pool, events, 0)
    const rawRuns = [await rawInsertMs(pool, events, 1)]
    started = performance.now()
    const drained = await drainToHall(dataDir)
    verbose(`drain ${drained.ms.toFixed(0)} ms (outbox rows done: ${drained.pushed}, waiting ${drained.waiting}, parked ${drained.parked})`)
    rawRuns.push(await rawInsertMs(pool, events, 2))
    verbose(`raw batched INSERT ${rawRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`)
    // Not a measurement unless every intake is in the hall exactly once.
    const inHall = await pool.query<{ events: string; keys: string; cases: string }>('SELECT (SELECT COUNT(*) FROM case_events) AS events, (SELECT COUNT(DISTINCT idempotency_key) FROM case_events) AS keys, (SELECT COUNT(*) FROM cases) AS cases')
    const c = inHall.rows[0]!
    if (drained.waiting + drained.parked > 0 || Number(c.events) !== INTAKES || Number(c.keys) !== INTAKES || Number(c.cases) !== INTAKES) {
      throw new Error(`the drain did not land every intake once: hall events ${c.events}, keys ${c.keys}, cases ${c.cases}; outbox waiting ${drained.waiting}, parked ${drained.parked}`)
    }
    return { drainMs: drained.ms, rawMs: (rawRuns[0]! + rawRuns[1]!) / 2, rawRuns, pushed: drained.pushed }
  } finally {
    await pool.end()
    cluster.destroy()
    process.off('exit', destroyOnExit)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
