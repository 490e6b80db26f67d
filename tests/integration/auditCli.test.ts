/**
 * `npm run cli -- audit verify / audit anchor` against a seeded station,
 * after what an attacker with the data directory but not the key does: cut
 * off the newest rows, rebuild the chain with plain SHA-256, move the HMAC
 * switch, delete the anchor, slip in a case or a timeline row.
 */
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { captureConsole } from '../fixtures/captureConsole'
import { databaseFile } from '../../main/store/database'
import type { Db } from '../../main/store/sqlite'

let template: string
const dirs: string[] = []
let out: string[]
let err: string[]

beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), 'onewindow-audit-cli-'))
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  expect(await runCli(['seed', '--data', template, '--cases', '60', '--seed', '11', '--now', '2026-06-15T10:00:00+08:00'])).toBe(0)
  expect(await runCli(['audit', 'anchor', '--data', template])).toBe(0)
  vi.restoreAllMocks()
})
afterAll(() => rmSync(template, { recursive: true, force: true }))

beforeEach(() => {
  ;({ out, err } = captureConsole())
})
afterEach(() => {
  vi.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A copy of the seeded, anchored station. */
function station(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-audit-cli-'))
  dirs.push(dir)
  cpSync(template, dir, { recursive: true })
  return dir
}

/** The sqlite3 shell on the file: guards dropped first. */
function tamper(dir: string, work: (db: Db) => void): void {
  const db = new Database(databaseFile(dir))
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;')
    work(db)
  } finally {
    db.close()
  }
}

function headSeq(dir: string): number {
  const db = new Database(databaseFile(dir), { readonly: true })
  try {
    return db.prepare('SELECT MAX(seq) FROM audit_log').pluck().get() as number
  } finally {
    db.close()
  }
}

/** Every row rehashed as the chain used to be: plain SHA-256 of the previous hash and the content, in JS. */
function rewriteWithPlainSha256(db: Db): void {
  let prev = '0'.repeat(64)
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?')
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<Record<string, string | number | null>>) {
    const hash = createHash('sha256').update(prev).update('\n').update(JSON.stringify([r.seq, r.at, r.operator, r.station_id, r.action, r.case_no, r.details])).digest('hex')
    update.run(prev, hash, r.seq)
    prev = hash
  }
}

const verify = (dir: string, ...more: string[]) => runCli(['audit', 'verify', '--data', dir, ...more])

describe('npm run cli -- audit verify', () => {
  it('passes a whole station, naming the anchor and the cases it cross-checked', async () => {
    const dir = station()
    expect(await verify(dir)).toBe(0)
    const rows = headSeq(dir)
    expect(out[0]).toBe(`审计链完整：${rows} 条`)
    expect(out[2]).toMatch(new RegExp(`^锚点：第 ${rows} 条（写于 .+），自第 1 条起以 HMAC 保护$`))
    expect(out[3]).toMatch(/^办件核对：60 件办件、\d+ 条时间线记录均有审计记录$/)
  })

  it('fails naming the cut-off tail when the newest 50 rows are deleted with the triggers dropped', async () => {
    const dir = station()
    const rows = headSeq(dir)
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows - 50))
    expect(await verify(dir)).toBe(1)
    expect(err).toEqual([`审计链断裂：链只有 ${rows - 50} 条，短于锚点第 ${rows} 条（末尾记录被删除）（此前 ${rows - 50} 条完好）`])
  })

  it('fails when the whole chain is rewritten with plain SHA-256', async () => {
    const dir = station()
    tamper(dir, rewriteWithPlainSha256)
    expect(await verify(dir)).toBe(1)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(/^审计链断裂：第 1 条：内容与哈希不符（HMAC 校验失败/)
  })

  it('fails when the rewrite also moves the HMAC switch past the head, or deletes it', async () => {
    const dir = station()
    const rows = headSeq(dir)
    tamper(dir, (db) => {
      rewriteWithPlainSha256(db)
      db.prepare("UPDATE store_meta SET value = ? WHERE key = 'audit_hmac_from_seq'").run(String(rows + 1))
    })
    expect(await verify(dir)).toBe(1)
    expect(err[0]).toMatch(new RegExp(`HMAC 起点被改动：锚点记为自第 1 条起，数据库记为第 ${rows + 1} 条`))
    tamper(dir, (db) => db.prepare("DELETE FROM store_meta WHERE key = 'audit_hmac_from_seq'").run())
    expect(await verify(dir)).toBe(1)
    expect(err[1]).toMatch(/HMAC 起点被改动：.*数据库中没有这一记录/)
  })

  it('fails when the switch point alone is moved', async () => {
    const dir = station()
    tamper(dir, (db) => db.prepare("UPDATE store_meta SET value = '40' WHERE key = 'audit_hmac_from_seq'").run())
    expect(await verify(dir)).toBe(1)
    expect(err[0]).toMatch(/HMAC 起点被改动/)
  })

  it('fails when the anchor file is deleted or edited', async () => {
    const dir = station()
    cpSync(join(dir, 'audit.anchor'), join(dir, 'kept.anchor'))
    rmSync(join(dir, 'audit.anchor'))
    expect(await verify(dir)).toBe(1)
    expect(err[0]).toMatch(/^找不到审计锚点 .*audit\.anchor（被删除？）/)
    cpSync(join(dir, 'kept.anchor'), join(dir, 'audit.anchor'))
    writeFileSync(join(dir, 'audit.anchor'), readFileSync(join(dir, 'audit.anchor'), 'utf8').replace(/"seq": \d+/, '"seq": 3'))
    expect(await verify(dir)).toBe(1)
    expect(err[1]).toMatch(/^审计锚点无效：.*签名不符/)
  })

  it('names a case and a timeline row that have no audit row', async () => {
    const dir = station()
    let caseNo = ''
    let target = ''
    tamper(dir, (db) => {
      const columns = (db.prepare('PRAGMA table_info(cases)').all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'id')
      const from = db.prepare('SELECT case_no FROM cases ORDER BY id LIMIT 1').pluck().get() as string
      caseNo = `${from.slice(0, -4)}9999`
      const values = columns.map((c) => (c === 'case_no' ? '?' : c === 'draft_id' ? 'NULL' : c))
      db.prepare(`INSERT INTO cases (${columns.join(', ')}) SELECT ${values.join(', ')} FROM cases WHERE case_no = ?`).run(caseNo, from)
      target = db.prepare("SELECT case_no FROM cases WHERE state = 'in_review' LIMIT 1").pluck().get() as string
      db.prepare(
        `INSERT INTO case_events (case_id, seq, case_no, at, operator, station_id, action, from_state, to_state, note, details)
         SELECT id, (SELECT MAX(seq) + 1 FROM case_events e WHERE e.case_id = cases.id), case_no, '2026-06-15T01:00:00.000Z', 'B002', '001', 'approve', 'in_review', 'approved', NULL, NULL
         FROM cases WHERE case_no = ?`,
      ).run(target)
    })
    expect(await verify(dir)).toBe(1)
    expect(out).toContain(`  办件 ${caseNo} 没有审计记录`)
    expect(out.some((line) => line.startsWith(`  办件 ${target} 时间线第 `) && line.endsWith('（approve）没有审计记录'))).toBe(true)
    expect(err).toEqual([expect.stringMatching(/^办件与审计链不符：2 处，例如 /)])
  })

  it('still checks a head printed earlier with --anchor SEQ:HASH', async () => {
    const dir = station()
    expect(await verify(dir)).toBe(0)
    const [, seq, hash] = /^末条：第 (\d+) 条 ([0-9a-f]{64})$/.exec(out[1]!)!
    expect(await verify(dir, '--anchor', `${seq}:${hash}`)).toBe(0)
    expect(out).toContain(`--anchor 第 ${seq} 条：相符`)
    expect(await verify(dir, '--anchor', `${seq}:${'f'.repeat(64)}`)).toBe(1)
    expect(err[0]).toMatch(/哈希与锚点 ffffffffffff… 不符（链被整体重写）/)
  })
})

describe('npm run cli -- audit anchor', () => {
  it('moves the anchor to the head, and refuses to move it over a cut-off chain', async () => {
    const dir = station()
    const rows = headSeq(dir)
    expect(await runCli(['audit', 'anchor', '--data', dir])).toBe(0)
    expect(out[0]).toMatch(new RegExp(`^锚点已是最新：第 ${rows} 条 [0-9a-f]{64}`))
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows - 5))
    expect(await runCli(['audit', 'anchor', '--data', dir])).toBe(1)
    expect(err).toEqual([`锚点未更新：链只有 ${rows - 5} 条，短于锚点第 ${rows} 条（末尾记录被删除）`])
    expect(await verify(dir)).toBe(1)
  })
})
