/**
 * Hall mode's foundation and push against a real PostgreSQL (a throwaway
 * cluster): the schema is created once and versioned, a station joins under
 * a free code with the hall's secret, every intake reaches the hall exactly
 * once with its ID number sealed, the audit chain follows link by link, and
 * a hall that is away keeps everything queued until it is back.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../main/app'
import { runCli } from '../../main/cli'
import { parseStationConfig } from '../../main/config/stationConfig'
import { hallAuditBrokenLink } from '../../main/hall/hallPush'
import { databaseFile } from '../../main/store/database'
import { PERSON_ID } from '../fixtures/caseWorld'
import { hallDatabasePerTest } from '../fixtures/hallHooks'
import { openHallStation } from '../fixtures/hallStation'
import { createTestApp } from '../fixtures/testApp'
import { waitFor } from '../fixtures/waitFor'

const SECRET = 'hall-secret-for-tests-0001'
const hall = hallDatabasePerTest()
let out: string[]
let err: string[]

beforeEach(() => {
  process.env.HALL_SECRET = SECRET
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')))
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.restoreAllMocks()
})

const dir = (): string => hall.dataDir()

async function cli(...args: string[]): Promise<number> {
  out = []
  err = []
  return runCli(args)
}

async function joined(code: string): Promise<string> {
  const data = dir()
  expect(await cli('hall', 'join', '--data', data, '--url', hall.url, '--station', code, '--secret-env', 'HALL_SECRET'), err.join('\n')).toBe(0)
  return data
}

const count = (sql: string, params: unknown[] = []): Promise<number> => hall.count(sql, params)

function hallBacklog(data: string): number {
  const db = new Database(databaseFile(data), { readonly: true })
  try {
    return db.prepare("SELECT COUNT(*) FROM outbox WHERE lane = 'hall' AND state IN ('waiting', 'leased')").pluck().get() as number
  } finally {
    db.close()
  }
}

async function intakes(data: string, n: number): Promise<string[]> {
  const station = openHallStation(data)
  try {
    return station.accept(n)
  } finally {
    await station.close()
  }
}

describe('hall init', () => {
  it('creates the schema once, records its version, and says so when run again', async () => {
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
    expect(out.join('\n')).toMatch(/从版本 0 升级到 2：001_hall、002_operators/)
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
    expect(out.join('\n')).toMatch(/已是最新结构（版本 2）/)
    const versions = await hall.pool.query<{ version: number; name: string }>('SELECT version, name FROM hall_schema ORDER BY version')
    expect(versions.rows).toEqual([{ version: 1, name: 'hall' }, { version: 2, name: 'operators' }])
    expect(await count("SELECT COUNT(*) AS n FROM hall_meta WHERE key = 'hall_key_salt'")).toBe(1)
  })
})

describe('hall join', () => {
  beforeEach(async () => {
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
  })

  it('refuses a code another station holds, and lets the same station join again', async () => {
    const a = await joined('001')
    const b = dir()
    expect(await cli('hall', 'join', '--data', b, '--url', hall.url, '--station', '001', '--secret-env', 'HALL_SECRET')).toBe(1)
    expect(err.join('\n')).toMatch(/工作站代码 001 已被大厅中的另一工作站使用/)
    expect(await cli('hall', 'join', '--data', a, '--url', hall.url, '--station', '001', '--secret-env', 'HALL_SECRET')).toBe(0)
    expect(out.join('\n')).toMatch(/已在大厅中/)
    expect(await count('SELECT COUNT(*) AS n FROM stations')).toBe(1)
  })

  it('refuses a secret that is not the hall’s', async () => {
    await joined('001')
    process.env.HALL_SECRET = 'another-secret-entirely'
    expect(await cli('hall', 'join', '--data', dir(), '--url', hall.url, '--station', '002', '--secret-env', 'HALL_SECRET')).toBe(1)
    expect(err.join('\n')).toMatch(/口令与大厅登记的不符/)
    expect(await count("SELECT COUNT(*) AS n FROM stations WHERE code = '002'")).toBe(0)
  })

  it('refuses a station whose cases are numbered under another id', async () => {
    const a = await joined('001')
    await intakes(a, 1)
    expect(await cli('hall', 'join', '--data', a, '--url', hall.url, '--station', '004', '--secret-env', 'HALL_SECRET')).toBe(1)
    expect(err.join('\n')).toMatch(/已以代码 001 加入大厅，不能改为 004/)
  })
})

describe('hall sync (push)', () => {
  beforeEach(async () => {
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
  })

  it('lands a burst of intakes in the hall once each, ID numbers sealed, the audit chain linked', async () => {
    const a = await joined('003')
    const caseNos = await intakes(a, 40)
    expect(new Set(caseNos).size).toBe(40)
    expect(caseNos.every((no) => no.slice(14, 17) === '003')).toBe(true)

    expect(await cli('hall', 'sync', '--data', a, '--timeout', '60'), err.join('\n')).toBe(0)
    const first = JSON.parse(out.at(-1)!) as { pushed: number; pulled: number; waiting: number }
    expect(first.waiting).toBe(0)
    expect(first.pushed).toBeGreaterThanOrEqual(40)
    expect(await count('SELECT COUNT(*) AS n FROM cases')).toBe(40)
    expect(await count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'accept' AND version = 1")).toBe(40)
    expect((await hall.pool.query<{ case_no: string }>('SELECT case_no FROM cases ORDER BY case_no')).rows.map((r) => r.case_no)).toEqual([...caseNos].sort())
    // The hall never holds a plaintext ID number.
    expect(await count('SELECT COUNT(*) AS n FROM case_events WHERE payload::text LIKE $1', [`%${PERSON_ID}%`])).toBe(0)
    expect(await count("SELECT COUNT(*) AS n FROM case_events WHERE payload->>'idSealed' IS NOT NULL")).toBe(40)
    const localAudit = new Database(databaseFile(a), { readonly: true })
    const auditRows = localAudit.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number
    localAudit.close()
    expect(await count("SELECT COUNT(*) AS n FROM audit_rows WHERE station = '003'")).toBe(auditRows)
    expect(await hallAuditBrokenLink(hall.pool, '003')).toBeNull()

    // Again: nothing new, nothing doubled.
    expect(await cli('hall', 'sync', '--data', a)).toBe(0)
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ waiting: 0 })
    expect(await count('SELECT COUNT(*) AS n FROM case_events')).toBe(40)
  })

  it('with the hall stopped exits 1 in one line and keeps every change queued; after the restart all of them land', async () => {
    const a = await joined('005')
    await intakes(a, 12)
    const queued = hallBacklog(a)
    expect(queued).toBeGreaterThanOrEqual(12)
    await hall.stop()
    try {
      expect(await cli('hall', 'sync', '--data', a, '--timeout', '20')).toBe(1)
      expect(err).toHaveLength(1)
      expect(err[0]).toMatch(/大厅数据库无法连接.*待同步/)
      expect(out).toEqual([])
      expect(hallBacklog(a)).toBe(queued)
    } finally {
      hall.start()
    }
    expect(await cli('hall', 'sync', '--data', a, '--timeout', '60'), err.join('\n')).toBe(0)
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ waiting: 0 })
    expect(hallBacklog(a)).toBe(0)
    expect(await count('SELECT COUNT(*) AS n FROM cases')).toBe(12)
  })

  it('a sync killed mid-push (SIGKILL) loses and doubles nothing once run again', async () => {
    const BURST = 3_000
    const a = await joined('006')
    // Three of the push's transactions (1,000 events each): killed after the first lands, the others are still to come.
    const caseNos = await intakes(a, BURST)
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'hall', 'sync', '--data', a], { stdio: 'ignore' })
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    let seen = 0
    await waitFor('the first pushes to reach the hall', () => {
      void count('SELECT COUNT(*) AS n FROM case_events').then((n) => (seen = n))
      return seen > 0
    }, 60_000)
    child.kill('SIGKILL')
    await exited
    // Killed mid-push: some events are in the hall, some rows are leased or waiting at the station.
    expect(await count('SELECT COUNT(*) AS n FROM case_events')).toBeLessThan(BURST)
    // Time passes for the dead process's leases: they run out, as they would after the lease time.
    const db = new Database(databaseFile(a))
    db.prepare("UPDATE outbox SET lease_until = '2000-01-01T00:00:00.000Z', next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE state = 'leased'").run()
    db.close()
    expect(await cli('hall', 'sync', '--data', a, '--timeout', '120'), err.join('\n')).toBe(0)
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ waiting: 0 })
    expect(await count('SELECT COUNT(*) AS n FROM cases')).toBe(BURST)
    expect(await count('SELECT COUNT(DISTINCT idempotency_key) AS n FROM case_events')).toBe(BURST)
    expect(await count('SELECT COUNT(*) AS n FROM case_events')).toBe(BURST)
    expect((await hall.pool.query<{ case_no: string }>('SELECT case_no FROM cases ORDER BY case_no')).rows.map((r) => r.case_no)).toEqual([...caseNos].sort())
    expect(await hallAuditBrokenLink(hall.pool, '006')).toBeNull()
  }, 180_000)
})

describe('hall sync (push) of later changes', () => {
  it('pushes a transition after its accept, in order, and the hall case follows its version', async () => {
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
    const a = await joined('009')
    const station = openHallStation(a)
    let caseNo: string
    try {
      caseNo = station.accept(1)[0]!
      station.services.cases.transition({ caseNo, action: 'startReview' })
    } finally {
      await station.close()
    }
    expect(await cli('hall', 'sync', '--data', a), err.join('\n')).toBe(0)
    const events = await hall.pool.query<{ kind: string; version: number; to_state: string; idempotency_key: string }>('SELECT kind, version, to_state, idempotency_key FROM case_events ORDER BY hall_seq')
    expect(events.rows).toEqual([
      { kind: 'accept', version: 1, to_state: 'accepted', idempotency_key: `009:${caseNo}:1` },
      { kind: 'transition', version: 2, to_state: 'in_review', idempotency_key: `009:${caseNo}:2` },
    ])
    expect((await hall.pool.query('SELECT state, version FROM cases WHERE case_no = $1', [caseNo])).rows).toEqual([{ state: 'in_review', version: 2 }])
  })
})

describe('cases list --json', () => {
  it('lists every case the station knows with its state and station', async () => {
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
    const a = await joined('007')
    const caseNos = await intakes(a, 3)
    expect(await cli('cases', 'list', '--data', a, '--json')).toBe(0)
    expect(JSON.parse(out.join(''))).toEqual(caseNos.map((caseNo) => ({ caseNo, state: 'accepted', station: '007' })))
  })
})

describe('the network light', () => {
  it('is the hall link of a joined station: amber while the hall is away, green with the backlog once it is back', async () => {
    expect(await cli('hall', 'init', '--url', hall.url)).toBe(0)
    const a = await joined('008')
    const raw = JSON.parse(readFileSync(join(a, 'station.json'), 'utf8')) as Record<string, unknown>
    await hall.stop()
    const app = await createApp(parseStationConfig({ ...raw, devices: { idcard: { mode: 'off' } } }, a)).catch((e: unknown) => {
      hall.start()
      throw e
    })
    try {
      const light = () => app.services.devices.get('network')
      try {
        await waitFor('the light to say the hall is away', () => light().reason === 'hall_offline', 15_000)
        expect(light().state).toBe('warning')
        expect(light().message).toMatch(/大厅连接中断：本站照常受理，\d+ 条待同步/)
      } finally {
        hall.start()
      }
      await waitFor('the light to say the hall is back', () => light().reason === 'hall_ok', 15_000)
      expect(light().state).toBe('ok')
      expect(light().message).toMatch(/^大厅已连接 · 待同步 \d+ 条 · 上次同步 /)
    } finally {
      await app.close()
    }
  }, 60_000)

  it('stays the standalone light on a station that has not joined', async () => {
    const t = await createTestApp()
    try {
      expect(t.app.services.devices.get('network')).toMatchObject({ state: 'ok', reason: 'standalone' })
      expect(t.app.services.hall).toBeNull()
    } finally {
      await t.dispose()
    }
  })
})
