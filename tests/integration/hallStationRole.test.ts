/**
 * The per-station PostgreSQL role (resources/hall/station-role.sql, shown in
 * the README's "Hall mode"), run with psql as an installer runs it against a
 * throwaway cluster: two stations joined under their own roles push, pull,
 * claim a shared case and keep operator accounts; the same roles cannot
 * change the schema or remove rows; every table and sequence a migration
 * adds is covered by the grants.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { joinHall } from '../../main/cli/hallJoin'
import { appRoot } from '../../main/config/paths'
import { openHallPool, type HallPool } from '../../main/hall/hallDb'
import { loadLocalHallKey } from '../../main/hall/hallKey'
import { HallOperators } from '../../main/hall/hallOperators'
import { migrateHall } from '../../main/hall/hallSchema'
import { HallGate } from '../../main/services/hall/hallGate'
import { syncHall } from '../../main/services/hall/hallSync'
import { tempDataDir } from '../fixtures/caseWorld'
import { openHallStation } from '../fixtures/hallStation'
import { startPgCluster, type PgCluster } from '../fixtures/pgCluster'

const SQL_FILE = join(appRoot(), 'resources', 'hall', 'station-role.sql')
const SECRET = 'hall-secret-for-role-tests'
const DB = 'hallrole'

let cluster: PgCluster
let admin: HallPool
const dirs: string[] = []

const urlAs = (station: string): string => `postgresql://onewindow_station_${station}:pw-${station}@127.0.0.1:${cluster.port}/${DB}`

/** What the installer runs for one station. */
function installRole(station: string): void {
  const adminUrl = `postgresql://postgres@127.0.0.1:${cluster.port}/${DB}`
  execFileSync('psql', [adminUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', `station=${station}`, '-v', `password=pw-${station}`, '-f', SQL_FILE], { stdio: 'pipe' })
}

async function joined(station: string): Promise<string> {
  const dataDir = tempDataDir(`onewindow-role-${station}-`)
  dirs.push(dataDir)
  await joinHall({ dataDir, url: urlAs(station), station, secret: SECRET, tls: false })
  return dataDir
}

beforeAll(async () => {
  cluster = await startPgCluster()
  const root = new pg.Client(cluster.url)
  await root.connect()
  await root.query(`CREATE DATABASE ${DB}`)
  await root.end()
  admin = openHallPool({ url: `postgresql://postgres@127.0.0.1:${cluster.port}/${DB}` }, { max: 2 })
  await migrateHall(admin)
  installRole('003')
  installRole('004')
  // Run twice, as after a later `hall init`: nothing fails, nothing changes.
  installRole('003')
}, 120_000)

afterAll(async () => {
  await admin?.end()
  cluster?.destroy()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('a station’s own PostgreSQL role', () => {
  it('lets two stations join, push, pull, claim a shared case and keep operator accounts', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const a = await joined('003')
    const b = await joined('004')

    const atA = openHallStation(a)
    const [caseNo] = atA.accept(2)
    await atA.close()
    expect(await syncHall(a, 60_000)).toMatchObject({ waiting: 0, parked: 0 })
    expect((await syncHall(b, 60_000)).pulled).toBe(2)

    // B takes a step on A's case: the gate claims the hall's version under B's role.
    const atB = openHallStation(b)
    try {
      const gate = new HallGate({ store: atB.store, pool: atB.link.pool, station: '004' })
      await gate.step(caseNo!, () => atB.services.cases.transition({ caseNo: caseNo!, action: 'startReview' }))
    } finally {
      await atB.close()
    }
    expect(await syncHall(b, 60_000)).toMatchObject({ waiting: 0, parked: 0 })
    expect(await syncHall(a, 60_000)).toMatchObject({ pulled: 1, waiting: 0 })
    const inHall = await admin.query('SELECT state, version FROM cases WHERE case_no = $1', [caseNo])
    expect(inHall.rows).toEqual([{ state: 'in_review', version: 2 }])
    const anchored = await admin.query<{ code: string; anchored: boolean }>('SELECT code, audit_head_seq IS NOT NULL AS anchored FROM stations ORDER BY code')
    expect(anchored.rows).toEqual([{ code: '003', anchored: true }, { code: '004', anchored: true }])

    const again = openHallStation(a)
    try {
      expect(again.store.hallCases.stateOf(caseNo!)?.state).toBe('in_review')
      const operators = new HallOperators({ pool: again.link.pool, store: again.store, station: '003', hallKey: loadLocalHallKey(again.store)! })
      await operators.add({ id: 'W301', name: '窗口甲', role: 'window', pinHash: 'pin-hash', idLookup: null, createdAt: '2026-03-02T01:30:00.000Z' })
      expect(await operators.setDisabled('W301', true, '2026-03-02T01:31:00.000Z')).toBe(true)
      expect(await operators.pull()).toBeGreaterThan(0)
    } finally {
      await again.close()
    }
  }, 120_000)

  it('cannot change the schema, remove rows or rewrite what it does not own', async () => {
    const client = new pg.Client(urlAs('004'))
    await client.connect()
    const refused: Record<string, string | undefined> = {}
    try {
      for (const sql of [
        'DROP TABLE case_events',
        'ALTER TABLE cases ADD COLUMN note text',
        'CREATE TABLE scratch (a int)',
        'CREATE TEMP TABLE scratch (a int)',
        'ALTER SEQUENCE hall_seq RESTART',
        'DROP TRIGGER case_events_notify ON case_events',
        'DELETE FROM case_events',
        'TRUNCATE audit_rows',
        "UPDATE cases SET station = '004'",
        "UPDATE stations SET name = 'x'",
        'UPDATE audit_rows SET hash = prev_hash',
        'UPDATE hall_schema SET version = 99',
      ]) {
        refused[sql] = await client.query(sql).then(
          () => 'allowed',
          (err: { code?: string }) => err.code,
        )
      }
    } finally {
      await client.end()
    }
    // 42501: insufficient privilege (or "must be owner").
    expect(Object.entries(refused).filter(([, code]) => code !== '42501')).toEqual([])
  })

  it('covers every table and sequence of the hall schema (a new migration needs its grants here)', async () => {
    const uncovered = await admin.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND ((c.relkind = 'r' AND NOT has_table_privilege('onewindow_station', c.oid, 'SELECT'))
         OR (c.relkind = 'S' AND NOT has_sequence_privilege('onewindow_station', c.oid, 'USAGE')))
       ORDER BY 1`,
    )
    expect(uncovered.rows).toEqual([])
  })

  it('is the SQL the README gives the installer, word for word', () => {
    const readme = readFileSync(join(appRoot(), 'README.md'), 'utf8')
    expect(readme).toContain(readFileSync(SQL_FILE, 'utf8').trim())
  })
})
