import Database from 'better-sqlite3'
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { databaseFile } from '../../main/store/database'
import { aPersonForm, openCaseWorld, tempDataDir, type CaseWorld } from '../fixtures/caseWorld'

const dirs: string[] = []
let out: string[]
let err: string[]

beforeEach(() => {
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')))
})

afterEach(() => {
  vi.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function dir(): string {
  const d = tempDataDir('onewindow-cli-')
  dirs.push(d)
  return d
}

describe('npm run cli -- seed / audit verify', () => {
  it('seeds into a data directory that does not exist yet, made private to this user', async () => {
    const data = join(dir(), 'new-station')
    expect(await runCli(['seed', '--data', data, '--cases', '3', '--seed', '7']), err.join('\n')).toBe(0)
    expect(out.join('\n')).toMatch(/已生成 3 件办件/)
    if (process.platform !== 'win32') expect(statSync(data).mode & 0o777).toBe(0o700)
  })

  it('seeds realistic cases through the services and the audit chain verifies, until a row is edited', async () => {
    const data = dir()
    expect(await runCli(['seed', '--data', data, '--cases', '120', '--seed', '7'])).toBe(0)
    expect(out.join('\n')).toMatch(/已生成 120 件办件/)

    const db = new Database(databaseFile(data))
    const states = db.prepare('SELECT COUNT(DISTINCT state) FROM cases').pluck().get() as number
    const items = db.prepare('SELECT COUNT(DISTINCT item_code) FROM cases').pluck().get() as number
    const span = db.prepare('SELECT julianday(MAX(accepted_date)) - julianday(MIN(accepted_date)) FROM cases').pluck().get() as number
    const numbers = db.prepare('SELECT COUNT(DISTINCT case_no) FROM cases').pluck().get() as number
    expect(states).toBeGreaterThanOrEqual(5)
    expect(items).toBeGreaterThanOrEqual(20)
    expect(span).toBeGreaterThan(60)
    expect(numbers).toBe(120)

    out = []
    expect(await runCli(['audit', 'verify', '--data', data])).toBe(0)
    const rows = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number
    expect(out[0]).toBe(`审计链完整：${rows} 条`)
    expect(out[1]).toMatch(new RegExp(`^末条：第 ${rows} 条 [0-9a-f]{64}$`))

    db.exec('DROP TRIGGER audit_log_no_update')
    db.prepare("UPDATE audit_log SET operator = 'Z999' WHERE seq = 42").run()
    db.close()
    expect(await runCli(['audit', 'verify', '--data', data])).toBe(1)
    expect(err.join('\n')).toMatch(/第 42 条：内容与哈希不符/)
  })

  it('fails with one line when the data directory has no database', async () => {
    expect(await runCli(['audit', 'verify', '--data', join(dir(), 'nowhere')])).toBe(1)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(/找不到数据库/)
  })
})

describe('npm run cli -- backup', () => {
  it('copies a consistent, checked database while another connection keeps accepting intakes', async () => {
    const world: CaseWorld = openCaseWorld({ dataDir: dir() })
    for (let i = 0; i < 200; i++) world.services.intake.accept({ form: aPersonForm() })
    let writing = true
    let written = 0
    // The counter goes on between the backup's steps, on its own connection.
    const writer = (async () => {
      while (writing) {
        world.services.intake.accept({ form: aPersonForm() })
        written++
        await new Promise((r) => setImmediate(r))
      }
    })()
    const target = join(dir(), 'backup.sqlite')
    const code = await runCli(['backup', '--data', world.dataDir, '--to', target])
    writing = false
    await writer
    expect(err).toEqual([])
    expect(code).toBe(0)
    expect(written).toBeGreaterThan(0)
    expect(existsSync(`${target}-wal`)).toBe(false)

    const copy = new Database(target, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    const cases = copy.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number
    const audits = copy.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number
    copy.close()
    expect(cases).toBeGreaterThanOrEqual(200)
    expect(cases).toBeLessThanOrEqual(200 + written)
    // A snapshot of one moment: every case in it has its audit row, and no audit row lacks its case.
    expect(audits).toBe(cases)
    world.close()
  })

  it('will not overwrite an earlier backup', async () => {
    const world = openCaseWorld({ dataDir: dir() })
    world.close()
    const target = join(dir(), 'exists.sqlite')
    writeFileSync(target, 'an older backup')
    expect(await runCli(['backup', '--data', world.dataDir, '--to', target])).toBe(1)
    expect(err.join('')).toMatch(/已存在/)
  })
})

describe('npm run cli -- calendar import / catalog import', () => {
  it('stores a calendar year that the running app then counts with, and refuses a broken one writing nothing', async () => {
    const data = dir()
    const file = join(dir(), '2027.json')
    writeFileSync(file, JSON.stringify({ year: 2027, source: '测试：2027 年安排（虚构）', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], makeupWorkdays: [] }))
    const world = openCaseWorld({ dataDir: data })
    expect(() => world.services.calendar.deadline('2026-12-31', 1)).toThrow(/2027/)
    expect(await runCli(['calendar', 'import', file, '--data', data])).toBe(0)
    // 2026-12-31 (Thu) + 1 working day skips New Year's Day 2027: Monday 01-04.
    expect(world.services.calendar.deadline('2026-12-31', 1)).toBe('2027-01-04')
    expect(world.services.calendar.years().find((y) => y.year === 2027)).toMatchObject({ from: 'imported' })
    const auditRows = world.store.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.import'").pluck().get()
    expect(auditRows).toBe(1)
    world.close()

    const broken = join(dir(), 'broken.json')
    writeFileSync(broken, JSON.stringify({ year: 2028, source: 'x', holidays: [{ name: '元旦', from: '2028-01-03', to: '2028-01-01' }], makeupWorkdays: ['2028-01-05'] }))
    expect(await runCli(['calendar', 'import', broken, '--data', data])).toBe(1)
    expect(err.join('\n')).toMatch(/晚于结束日/)
    const db = new Database(databaseFile(data), { readonly: true })
    expect(db.prepare('SELECT year FROM calendar_years').pluck().all()).toEqual([2027])
    db.close()
  })

  it('refuses a broken catalog file with errors naming the item and field', async () => {
    const data = dir()
    const file = join(dir(), 'catalog.json')
    writeFileSync(file, JSON.stringify({ catalogVersion: 'v', hallName: 'h', regionCode: '320300', departments: [{ code: 'A', name: 'a' }], items: [{ code: 'XK00000001', name: '某事项', department: 'A', promisedDays: -1 }] }))
    expect(await runCli(['catalog', 'import', file, '--data', data])).toBe(1)
    expect(err.join('\n')).toMatch(/XK00000001（某事项）的 promisedDays/)
  })
})
