/**
 * 统计 on the real app: cases accepted and moved through the real services on
 * a settable clock over several days, the expected figures tallied in the
 * test from what was seeded, and compared with `reports.get` through the
 * contract as a signed-in supervisor, with `reports daily` in the CLI (run
 * beside the app) and with the CSV read back by an independent parser.
 */
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { threadId } from 'node:worker_threads'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../main/app'
import type { Caller } from '../../main/api/dispatcher'
import type { Report } from '../../main/contract/reports'
import { caseStates, type CaseState } from '../../main/domain/caseMachine'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { SettableClock } from '../../main/services/cases/hallClock'
import { databaseFile } from '../../main/store/database'
import { aPersonForm, caseCatalog, ITEMS } from '../fixtures/caseWorld'
import { signedInCaller } from '../fixtures/operators'
import { createTestApp, type TestApp } from '../fixtures/testApp'

const ROOT = resolve(__dirname, '..', '..')
const run = promisify(execFile)

/** What a seeded case should count as, known by construction (not recomputed with the report's own rules). */
type Outcome = 'onTime' | 'late' | 'open' | 'pending' | 'withdrawn'
interface Seeded {
  caseNo: string
  day: string
  itemCode: string
  operator: string
  state: CaseState
  outcome: Outcome
  deferred: boolean
}

const at = (day: string, hour: number, minute = 0): Date => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d, hour, minute)
}

let t: TestApp
let app: App
let clock: SettableClock
let supervisor: Caller
const seeded: Seeded[] = []

function accept(day: string, hour: number, operator: string, form: IntakeForm, outcome: Outcome): Seeded {
  clock.set(at(day, hour))
  app.services.session.actAs(operator)
  const { caseNo } = app.services.intake.accept({ form })
  const deferred = (form.materials ?? []).some((m) => m.deferred === true)
  const s: Seeded = { caseNo, day, itemCode: form.itemCode!, operator, state: 'accepted', outcome, deferred }
  seeded.push(s)
  return s
}

function step(s: Seeded, day: string, hour: number, action: Parameters<App['services']['cases']['transition']>[0]['action'], extra: Record<string, unknown> = {}): void {
  clock.set(at(day, hour))
  app.services.session.actAs('R001')
  s.state = app.services.cases.transition({ caseNo: s.caseNo, action, ...extra }).state
}

function rate(s: Seeded, day: string, visit: 'intake' | 'output', grade: 1 | 2 | 3 | 4 | 5): void {
  clock.set(at(day, 16))
  app.services.session.actAs(s.operator)
  app.services.ratings.submit({ caseNo: s.caseNo, visit, grade, ...(grade <= 2 ? { reasons: ['efficiency'] } : {}) })
}

const reject = { note: '申请材料不符合法定形式', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' }

beforeAll(async () => {
  clock = new SettableClock(at('2026-03-02', 8))
  t = await createTestApp({}, { clock })
  app = t.app
  app.services.catalog.importCatalog(caseCatalog(), 'test-catalog.json', { operator: 'setup', stationId: '001' })

  // Monday 2 March: three quick cases (due Tuesday 3 March).
  const c1 = accept('2026-03-02', 9, 'A001', aPersonForm(), 'onTime')
  const c2 = accept('2026-03-02', 10, 'A001', aPersonForm(), 'late')
  accept('2026-03-02', 11, 'A002', aPersonForm(), 'open')
  step(c1, '2026-03-03', 9, 'startReview')
  step(c1, '2026-03-03', 10, 'approve')
  step(c1, '2026-03-03', 11, 'produce')
  step(c2, '2026-03-02', 15, 'startReview')
  step(c2, '2026-03-05', 10, 'reject', reject)
  // Tuesday 3 March: an on-the-spot item done the same day, a long item sent back for 补正, a 容缺 intake later withdrawn.
  const c4 = accept('2026-03-03', 9, 'A002', aPersonForm({ itemCode: ITEMS.windowOnly, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }] }), 'onTime')
  const c5 = accept('2026-03-03', 10, 'A001', aPersonForm({ itemCode: ITEMS.long, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }] }), 'pending')
  const c6 = accept('2026-03-03', 11, 'A001', aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-03-06' }] }), 'withdrawn')
  step(c4, '2026-03-03', 14, 'startReview')
  step(c4, '2026-03-03', 14, 'approve')
  step(c4, '2026-03-03', 15, 'produce')
  step(c5, '2026-03-04', 9, 'startReview')
  step(c5, '2026-03-04', 10, 'requestSupplement', { note: '身份证复印件不清晰，请补交' })
  step(c6, '2026-03-04', 11, 'withdraw')
  // Wednesday 4 March: due Thursday, produced Friday.
  const c7 = accept('2026-03-04', 9, 'A002', aPersonForm(), 'late')
  step(c7, '2026-03-04', 10, 'startReview')
  step(c7, '2026-03-06', 10, 'approve')
  step(c7, '2026-03-06', 11, 'produce')
  // The week after: a case outside the week, so the week's figures must leave it out.
  accept('2026-03-09', 9, 'A001', aPersonForm(), 'open')

  rate(c1, '2026-03-03', 'intake', 5)
  rate(c4, '2026-03-03', 'intake', 4)
  rate(c4, '2026-03-03', 'output', 1)
  rate(c7, '2026-03-04', 'intake', 2)

  // The hall's today when the supervisor looks: Tuesday 10 March.
  clock.set(at('2026-03-10', 17))
  app.services.session.actAs(null)
  supervisor = await signedInCaller(app, 'supervisor')
}, 60_000)

afterAll(async () => {
  await t?.dispose()
})

async function reportsGet(period: 'day' | 'week' | 'month', date: string, caller: Caller = supervisor): Promise<Report> {
  const result = await app.dispatcher.invoke('reports.get', { period, date }, caller)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as Report
}

function tally(cases: readonly Seeded[]): { byState: Record<string, number>; onTime: number; overdue: number; deferred: number } {
  const byState = Object.fromEntries(caseStates.map((s) => [s, cases.filter((c) => c.state === s).length]))
  return {
    byState,
    onTime: cases.filter((c) => c.outcome === 'onTime').length,
    overdue: cases.filter((c) => c.outcome === 'late' || c.outcome === 'open').length,
    deferred: cases.filter((c) => c.deferred).length,
  }
}

const inWeek = (c: Seeded): boolean => c.day >= '2026-03-02' && c.day <= '2026-03-08'

describe('reports from the seeded cases', () => {
  it('counts a week as the seeded cases say: states, items, operators, deadlines, 容缺, 补正 and ratings', async () => {
    const r = await reportsGet('week', '2026-03-04')
    const week = seeded.filter(inWeek)
    const expected = tally(week)
    expect([r.from, r.to]).toEqual(['2026-03-02', '2026-03-08'])
    expect(r.accepted).toBe(week.length)
    expect(Object.fromEntries(r.byState.map((s) => [s.key, s.count]))).toEqual(expected.byState)
    expect(r.deadlines.onTime).toBe(expected.onTime)
    expect(r.deadlines.overdue).toBe(expected.overdue)
    expect(r.deadlines.onTimeShare).toBeCloseTo(expected.onTime / (expected.onTime + expected.overdue))
    expect(r.deadlines.overdueCases.map((c) => c.caseNo).sort()).toEqual(week.filter((c) => c.outcome === 'late' || c.outcome === 'open').map((c) => c.caseNo).sort())
    expect(r.deferredIntakes).toBe(expected.deferred)
    expect(r.supplementRequests).toBe(1)
    for (const item of new Set(week.map((c) => c.itemCode))) {
      expect(r.byItem.find((i) => i.key === item)?.count, item).toBe(week.filter((c) => c.itemCode === item).length)
    }
    for (const op of new Set(week.map((c) => c.operator))) {
      expect(r.byOperator.find((o) => o.key === op)?.count, op).toBe(week.filter((c) => c.operator === op).length)
    }
    expect(r.byDay.map((d) => [d.key, d.count])).toEqual(['02', '03', '04', '05', '06', '07', '08'].map((d) => [`2026-03-${d}`, week.filter((c) => c.day === `2026-03-${d}`).length]))
    expect(r.byWindow).toEqual([{ key: '001', label: app.services.config.stationName, count: week.length }])
    expect(Object.fromEntries(r.ratings.byGrade.map((g) => [g.key, g.count]))).toEqual({ '5': 1, '4': 1, '3': 0, '2': 1, '1': 1 })
    expect(r.ratings.negative).toBe(2)
    expect(r.ratings.openFollowUps).toBe(2)
    expect(r.express).toEqual({ shipped: 0, delivered: 0, exceptions: 0 })
  })

  it('gives days over in working days: the rejection two days late and the case still open on the week’s last day', async () => {
    const r = await reportsGet('week', '2026-03-02')
    const late = (outcome: Outcome, day: string): string => seeded.find((c) => c.outcome === outcome && c.day === day)!.caseNo
    const overdue = new Map(r.deadlines.overdueCases.map((c) => [c.caseNo, c]))
    // Due Tuesday 3 March, rejected Thursday 5 March: 2 working days.
    expect(overdue.get(late('late', '2026-03-02'))).toMatchObject({ daysOver: 2, open: false, state: 'rejected', dueDate: '2026-03-03' })
    // Still undecided: counted to the week's last day, Sunday 8 March — 4, 5, 6 March are working days.
    expect(overdue.get(late('open', '2026-03-02'))).toMatchObject({ daysOver: 3, open: true, state: 'accepted' })
    expect(overdue.get(late('late', '2026-03-04'))).toMatchObject({ daysOver: 1, open: false, state: 'ready' })
  })

  it('counts the accepted cases of a day exactly as the queue’s own date filter does', async () => {
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-07', '2026-03-09']) {
      const r = await reportsGet('day', day)
      expect(r.accepted, day).toBe(app.services.cases.count({ filters: { acceptedFrom: day, acceptedTo: day } }).count)
      expect(r.accepted, day).toBe(seeded.filter((c) => c.day === day).length)
    }
    const month = await reportsGet('month', '2026-03-15')
    expect(month.accepted).toBe(app.services.cases.count({ filters: { acceptedFrom: '2026-03-01', acceptedTo: '2026-03-31' } }).count)
    expect(month.accepted).toBe(seeded.length)
  })

  it('prints the same day in the CLI, run beside the app, as one JSON line, and writes the CSV', async () => {
    const csvFile = join(t.dataDir, 'daily.csv')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'main/cli.ts', '--lang', 'zh', 'reports', 'daily', '--data', t.dataDir, '--date', '2026-03-03', '--csv', csvFile, '--now', clock.now().toISOString()], { cwd: ROOT })
    const lines = stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const line = JSON.parse(lines[0]!) as { date: string; accepted: number; byState: Record<string, number>; onTime: number; overdue: number; ratings: Record<string, number> }
    const day = seeded.filter((c) => c.day === '2026-03-03')
    const expected = tally(day)
    expect(line).toEqual({ date: '2026-03-03', accepted: day.length, byState: expected.byState, onTime: expected.onTime, overdue: expected.overdue, ratings: { '5': 1, '4': 1, '3': 0, '2': 0, '1': 1 } })
    const viaContract = await reportsGet('day', '2026-03-03')
    expect(line.accepted).toBe(viaContract.accepted)
    expect([line.onTime, line.overdue]).toEqual([viaContract.deadlines.onTime, viaContract.deadlines.overdue])

    const rows = parse(readFileSync(csvFile, 'utf8'), { bom: true, relax_column_count: true }) as string[][]
    const summary = new Map(rows.filter((r) => r.length === 2).map(([k, v]) => [k, v]))
    expect(summary.get('受理件数')).toBe(String(day.length))
    expect(summary.get('容缺受理')).toBe(String(expected.deferred))
  }, 60_000)

  it('exports CSV through the contract that reads back to the same figures', async () => {
    const result = await app.dispatcher.invoke('reports.csv', { period: 'week', date: '2026-03-04' }, supervisor)
    expect(result.ok).toBe(true)
    const { fileName, text } = (result as { value: { fileName: string; text: string } }).value
    expect(fileName).toBe('统计周报_2026-03-02_2026-03-08.csv')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/)
    const r = await reportsGet('week', '2026-03-04')
    const rows = parse(text, { bom: true, relax_column_count: true }) as string[][]
    const section = (title: string): string[][] => {
      const start = rows.findIndex((row) => row.length === 1 && row[0] === title)
      const body: string[][] = []
      for (let i = start + 2; i < rows.length && !(rows[i]!.length === 1); i++) body.push(rows[i]!)
      return body
    }
    expect(section('按状态').map(([key, , n]) => [key, Number(n)])).toEqual(r.byState.map((s) => [s.key, s.count]))
    expect(section('按事项').map(([key, label, n]) => [key, label, Number(n)])).toEqual(r.byItem.map((i) => [i.key, i.label, i.count]))
    expect(section('逾期办件').map((row) => [row[0], Number(row[5])])).toEqual(r.deadlines.overdueCases.map((c) => [c.caseNo, c.daysOver]))
    expect(section('好差评').map(([grade, , n]) => [grade, Number(n)])).toEqual(r.ratings.byGrade.map((g) => [g.key, g.count]))
  })

  it('refuses every report command to a clerk who is not the supervisor', async () => {
    const clerk = await signedInCaller(app, 'window')
    for (const [name, input] of [
      ['reports.get', { period: 'day', date: '2026-03-03' }],
      ['reports.csv', { period: 'day', date: '2026-03-03' }],
      ['reports.dailySheet', { date: '2026-03-03' }],
      ['reports.dailySheetPdf', { date: '2026-03-03' }],
    ] as const) {
      const result = await app.dispatcher.invoke(name, input, clerk)
      expect(result.ok, name).toBe(false)
      expect(!result.ok && result.error.code, name).toBe('FORBIDDEN')
    }
  })
})

describe('where reports run', () => {
  it('computes in a worker thread whose connection refuses writes', async () => {
    const probe = await app.services.reports.probe()
    expect(probe.isMainThread).toBe(false)
    expect(probe.threadId).not.toBe(threadId)
    expect(probe.write).toMatchObject({ refused: true, code: 'SQLITE_READONLY' })
  })
})

describe('the A4 daily summary', () => {
  it('carries the day’s counts and the audit chain’s head as it stood, and only its PDF leaves an audit row', async () => {
    const before = headOf(t.dataDir)
    const preview = await app.dispatcher.invoke('reports.dailySheet', { date: '2026-03-03' }, supervisor)
    if (!preview.ok) throw new Error(preview.error.message)
    const sheet = preview.value as { kind: string; target: string; html: string; title: string }
    expect(sheet).toMatchObject({ kind: 'dailySummary', target: 'a4', title: '统计日报 2026-03-03' })
    expect(sheet.html).toContain('<b>受理件数：</b>3<')
    expect(sheet.html).toContain(`第 ${before.seq} 条`)
    expect(sheet.html).toContain(before.hash)
    // The anchor was moved to the head before the sheet read it: signed up to the same row.
    expect(sheet.html).toContain(`已签名至第 ${before.seq} 条`)
    expect(headOf(t.dataDir)).toEqual(before)

    const pdf = await app.dispatcher.invoke('reports.dailySheetPdf', { date: '2026-03-03', isInline: true }, supervisor)
    if (!pdf.ok) throw new Error(pdf.error.message)
    const file = pdf.value as { fileName: string; base64: string | null }
    expect(Buffer.from(file.base64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    const audit = auditRowsAfter(t.dataDir, before.seq)
    expect(audit).toHaveLength(1)
    expect(audit[0]!.action).toBe('view.document')
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ command: 'reports.dailySheetPdf', kind: 'dailySummary', date: '2026-03-03', fileName: file.fileName, auditHead: before })
  }, 60_000)
})

function headOf(dataDir: string): { seq: number; hash: string } {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    return db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }
  } finally {
    db.close()
  }
}

function auditRowsAfter(dataDir: string, seq: number): Array<{ action: string; details: string }> {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    return db.prepare('SELECT action, details FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as Array<{ action: string; details: string }>
  } finally {
    db.close()
  }
}
