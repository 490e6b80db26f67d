/**
 * Migration 10 on a station that ran the previous build: moments written as
 * local time with an offset become UTC, per-case rows gain their case number,
 * nothing is lost, and the audit chain still verifies. The hall runs on
 * China time (+08:00), so 00:30 local is the previous UTC day.
 */
import { rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AttachmentsRepository } from '../../../main/store/attachmentsRepository'
import { appendAudit, auditRowHash, auditRowsOf, canonicalJson, GENESIS_HASH, verifyAuditChain } from '../../../main/store/auditChain'
import { openDatabase, databaseFile } from '../../../main/store/database'
import { IdCipher } from '../../../main/store/idCipher'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { migrations } from '../../../main/store/migrations'
import { PrintJobsRepository } from '../../../main/store/printJobsRepository'
import { openStore } from '../../../main/store/store'
import type { Db } from '../../../main/store/sqlite'
import { tempDataDir } from '../../fixtures/caseWorld'

const zoneBefore = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai'
})
afterAll(() => {
  process.env.TZ = zoneBefore
})

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const NIGHT = '320300202603020010001'
const MORNING = '320300202603020010002'
const SHA = 'a'.repeat(64)
const UTC_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Every column that holds a moment, with the table it is in. */
const MOMENT_COLUMNS = [
  ['cases', 'accepted_at'],
  ['cases', 'updated_at'],
  ['case_events', 'at'],
  ['drafts', 'created_at'],
  ['drafts', 'updated_at'],
  ['catalog_snapshots', 'imported_at'],
  ['calendar_years', 'imported_at'],
  ['print_jobs', 'created_at'],
  ['print_jobs', 'updated_at'],
  ['print_jobs', 'printed_at'],
  ['print_jobs', 'next_attempt_at'],
  ['print_job_events', 'at'],
  ['attachments', 'created_at'],
] as const

/** The audit chain as the previous build wrote it: offset timestamps, hashed as written. */
function appendOldAudit(db: Db, at: string, action: string, caseNo: string | null): void {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
  const row = { seq: (head?.seq ?? 0) + 1, at, operator: 'A001', stationId: '001', action, caseNo, details: canonicalJson({ by: 'previous build' }) }
  const prevHash = head?.hash ?? GENESIS_HASH
  db.prepare('INSERT INTO audit_log (seq, at, operator, station_id, action, case_no, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    row.seq, row.at, row.operator, row.stationId, row.action, row.caseNo, row.details, prevHash, auditRowHash(prevHash, row),
  )
}

/** A data directory at schema 9 (the build before this one) holding rows of every kind, written the old way. */
function stationFromPreviousBuild(options: { orphanEvent?: boolean } = {}): string {
  const dataDir = tempDataDir('onewindow-m010-')
  dirs.push(dataDir)
  const cipher = new IdCipher(new FileKeyProvider(dataDir).masterKey())
  const { db } = openDatabase(databaseFile(dataDir), migrations.filter((m) => m.version < 10))
  const insertCase = db.prepare(`
    INSERT INTO cases (id, case_no, item_code, item_name, department, state, clock, station_id, operator, accepted_at, accepted_date,
      promised_days, deadline, warn_date, delivery, draft_id, updated_at, applicant_kind, applicant_name, applicant_phone, materials)
    VALUES (?, ?, 'XK90001001', '个体工商户设立登记', '市场监督管理局', ?, 'running', '001', 'A001', ?, '2026-03-02', 1, '2026-03-03', '2026-03-03', ?,
      NULL, ?, 'person', ?, '13912345678', ?)`)
  const materials = (suppliedAt: string | null) =>
    JSON.stringify([{ materialId: 'premises', name: '经营场所使用证明', form: 'copy', copies: 1, required: true, receivedCopies: 1, status: 'received', promiseDate: '2026-03-09', suppliedAt }])
  // 00:30 in the hall is 16:30 UTC the day before.
  insertCase.run(1, NIGHT, 'in_review', '2026-03-02T00:30:00.000+08:00', 'express', '2026-03-02T10:00:00.000+08:00', '王建国', materials('2026-03-02T07:15:00.000+08:00'))
  insertCase.run(2, MORNING, 'accepted', '2026-03-02T09:40:00.000+08:00', 'window', '2026-03-02T09:40:00.000+08:00', '李晓梅', materials(null))
  const insertEvent = db.prepare(`INSERT INTO case_events (case_id, seq, at, operator, station_id, action, from_state, to_state) VALUES (?, ?, ?, 'A001', '001', ?, ?, ?)`)
  insertEvent.run(1, 1, '2026-03-02T00:30:00.000+08:00', 'accept', null, 'accepted')
  insertEvent.run(1, 2, '2026-03-02T10:00:00.000+08:00', 'startReview', 'accepted', 'in_review')
  insertEvent.run(2, 1, '2026-03-02T09:40:00.000+08:00', 'accept', null, 'accepted')
  db.prepare(`INSERT INTO case_deliveries (case_id, recipient, phone, province, city, district, address) VALUES (1, '王建国', '13912345678', '江苏省', '徐州市', '鼓楼区', '中山北路 12 号')`).run()
  db.prepare('INSERT INTO drafts (id, station_id, operator, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    'draft-1', '001', 'A001', cipher.seal('draft', '{}'), '2026-03-02T11:00:00.000+08:00', '2026-03-02T11:05:00.000+08:00',
  )
  const insertPhoto = db.prepare(`
    INSERT INTO attachments (id, draft_id, case_id, material_id, sha256, mime, size_bytes, operator, station_id, created_at)
    VALUES (?, ?, ?, 'premises', ?, 'image/jpeg', 4096, 'A001', '001', ?)`)
  insertPhoto.run('photo-case', null, 1, SHA, '2026-03-02T00:29:00.000+08:00')
  insertPhoto.run('photo-draft', 'draft-1', null, SHA, '2026-03-02T11:01:00.000+08:00')
  db.prepare(`INSERT INTO catalog_snapshots (version, source, sha256, json, imported_at, operator) VALUES ('v1', 'test', ?, '{}', '2026-03-01T08:00:00.000+08:00', 'A001')`).run(SHA)
  db.prepare(`INSERT INTO calendar_years (year, source, sha256, json, imported_at, operator) VALUES (2026, 'test', ?, '{}', '2026-03-01T08:01:00.000+08:00', 'A001')`).run(SHA)
  db.prepare(`
    INSERT INTO print_jobs (id, printer, kind, title, case_no, data, state, attempts, next_attempt_at, output, operator, station_id, created_at, updated_at, printed_at)
    VALUES (1, 'receipt', 'acceptanceReceipt', '受理回执', ?, '{}', 'done', 2, NULL, 'printer', 'A001', '001', '2026-03-02T00:30:00.000+08:00', '2026-03-02T00:31:00.000+08:00', '2026-03-02T00:31:00.000+08:00')`).run(NIGHT)
  db.prepare(`
    INSERT INTO print_jobs (id, printer, kind, title, case_no, data, state, attempts, next_attempt_at, last_error_reason, operator, station_id, created_at, updated_at)
    VALUES (2, 'receipt', 'acceptanceReceipt', '受理回执', ?, '{}', 'queued', 1, '2026-03-02T01:40:05.000Z', 'paper_out', 'A001', '001', '2026-03-02T09:40:00.000+08:00', '2026-03-02T09:40:01.000+08:00')`).run(MORNING)
  const jobEvent = db.prepare('INSERT INTO print_job_events (job_id, seq, at, state) VALUES (?, ?, ?, ?)')
  jobEvent.run(1, 1, '2026-03-02T00:30:00.000+08:00', 'queued')
  jobEvent.run(1, 2, '2026-03-02T00:31:00.000+08:00', 'done')
  appendOldAudit(db, '2026-03-02T00:30:00.000+08:00', 'case.accept', NIGHT)
  appendOldAudit(db, '2026-03-02T09:40:00.000+08:00', 'case.accept', MORNING)
  appendOldAudit(db, '2026-03-02T10:00:00.000+08:00', 'case.transition', NIGHT)
  if (options.orphanEvent) {
    // What foreign keys forbid, but a file repaired by hand might hold: a timeline row whose case is gone.
    db.pragma('foreign_keys = OFF')
    insertEvent.run(99, 1, '2026-03-02T12:00:00.000+08:00', 'accept', null, 'accepted')
  }
  db.close()
  return dataDir
}

/** Each table's key: rows compared before and after in the same order (rebuilt tables get new rowids). */
const KEYS: Record<string, string> = { case_events: 'case_id, seq', print_job_events: 'job_id, seq', calendar_years: 'year' }
const momentsIn = (db: Db, table: string, column: string): string[] =>
  db.prepare(`SELECT ${column} FROM ${table} WHERE ${column} IS NOT NULL ORDER BY ${KEYS[table] ?? 'id'}`).pluck().all() as string[]

const countsOf = (db: Db): Record<string, number> =>
  Object.fromEntries(
    ['cases', 'case_events', 'case_deliveries', 'attachments', 'drafts', 'print_jobs', 'print_job_events', 'audit_log', 'catalog_snapshots', 'calendar_years'].map((t) => [
      t,
      db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number,
    ]),
  )

describe('migration 10: UTC timestamps and case numbers on every case row', () => {
  it('turns every offset timestamp into the same instant in UTC, losing no row', () => {
    const dataDir = stationFromPreviousBuild()
    const before = new Map<string, string[]>()
    const old = openDatabase(databaseFile(dataDir), migrations.filter((m) => m.version < 10)).db
    for (const [table, column] of MOMENT_COLUMNS) before.set(`${table}.${column}`, momentsIn(old, table, column))
    const counts = countsOf(old)
    old.close()

    const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
    try {
      expect(countsOf(store.db)).toEqual(counts)
      for (const [table, column] of MOMENT_COLUMNS) {
        const after = momentsIn(store.db, table, column)
        const was = before.get(`${table}.${column}`)!
        expect(after, `${table}.${column}`).toHaveLength(was.length)
        after.forEach((text, i) => {
          expect(text, `${table}.${column}`).toMatch(UTC_SHAPE)
          expect(Date.parse(text), `${table}.${column}`).toBe(Date.parse(was[i]!))
        })
      }
      const night = store.cases.detail(NIGHT)!
      expect(night.acceptedAt).toBe('2026-03-01T16:30:00.000Z')
      expect(night.acceptedDate).toBe('2026-03-02')
      expect(night.materials[0]!.suppliedAt).toBe('2026-03-01T23:15:00.000Z')
      expect(store.db.pragma('foreign_key_check')).toEqual([])
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      store.close()
    }
  })

  it('leaves the audit rows as they were hashed, so the chain and an anchor printed before still verify', () => {
    const dataDir = stationFromPreviousBuild()
    const old = openDatabase(databaseFile(dataDir), migrations.filter((m) => m.version < 10)).db
    const head = verifyAuditChain(old)
    const rowsBefore = old.prepare('SELECT * FROM audit_log ORDER BY seq').all()
    old.close()
    if (!head.ok) throw new Error('the old chain should verify')

    const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
    try {
      expect(store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(rowsBefore)
      expect(verifyAuditChain(store.db, { anchor: { seq: head.headSeq, hash: head.headHash } })).toMatchObject({ ok: true, rows: 3 })
      expect(store.db.prepare("SELECT value FROM store_meta WHERE key = 'audit_utc_from_seq'").pluck().get()).toBe('4')
      store.transaction(() => store.audit({ at: '2026-03-03T01:00:00.000Z', operator: 'A001', stationId: '001', action: 'case.transition', caseNo: NIGHT }))
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 4 })
    } finally {
      store.close()
    }
  })

  it('gives timeline, express address and photos their case number, and reads each by it', () => {
    const dataDir = stationFromPreviousBuild()
    const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
    try {
      expect(store.db.prepare('SELECT case_id, case_no FROM case_events ORDER BY case_id, seq').all()).toEqual([
        { case_id: 1, case_no: NIGHT },
        { case_id: 1, case_no: NIGHT },
        { case_id: 2, case_no: MORNING },
      ])
      expect(store.db.prepare('SELECT case_no FROM case_deliveries').pluck().all()).toEqual([NIGHT])
      expect(store.cases.eventsOf(NIGHT).map((e) => [e.caseNo, e.seq, e.action])).toEqual([
        [NIGHT, 1, 'accept'],
        [NIGHT, 2, 'startReview'],
      ])
      expect(store.cases.eventsOf('320300209912310010001')).toEqual([])
      const photos = new AttachmentsRepository(store.db, store.attachmentCipher)
      expect(photos.forCaseNo(NIGHT).map((p) => [p.id, p.caseNo])).toEqual([['photo-case', NIGHT]])
      expect(photos.get('photo-draft')).toMatchObject({ draftId: 'draft-1', caseId: null, caseNo: null })
      expect(new PrintJobsRepository(store.db).list({ caseNo: MORNING, limit: 10 }).map((j) => j.id)).toEqual([2])
      expect(auditRowsOf(store.db, NIGHT).map((r) => r.action)).toEqual(['case.accept', 'case.transition'])

      // Rows written after the migration carry the number too, copied from the case row.
      store.transaction(() => {
        store.cases.addEvent({ caseId: 2, at: '2026-03-02T02:00:00.000Z', operator: 'A001', stationId: '001', action: 'startReview', fromState: 'accepted', toState: 'in_review', note: null, details: null })
        expect(photos.attachDraftToCase('draft-1', 2).map((p) => [p.id, p.caseNo])).toEqual([['photo-draft', MORNING]])
      })
      expect(store.cases.eventsOf(MORNING).map((e) => [e.caseNo, e.seq])).toEqual([
        [MORNING, 1],
        [MORNING, 2],
      ])
    } finally {
      store.close()
    }
  })

  it('still finds a case accepted at 00:30 local time under its local day, not the UTC day before', () => {
    const dataDir = stationFromPreviousBuild()
    const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
    try {
      const day = (from: string, to: string) => ({ today: '2026-03-02', acceptedFrom: from, acceptedTo: to })
      const page = (f: ReturnType<typeof day>) => store.queue.page(f, 'oldest', undefined, 10).map((c) => c.caseNo)
      expect(page(day('2026-03-02', '2026-03-02'))).toEqual([NIGHT, MORNING])
      expect(store.queue.count(day('2026-03-02', '2026-03-02'))).toBe(2)
      expect(page(day('2026-03-01', '2026-03-01'))).toEqual([])
      expect(store.queue.count(day('2026-03-01', '2026-03-01'))).toBe(0)
      // The name index's own page (a name search with a day range) draws the same line.
      expect(store.queue.page({ ...day('2026-03-02', '2026-03-02'), match: { by: 'namePrefix', prefix: '王' } }, 'newest', undefined, 10).map((c) => c.caseNo)).toEqual([NIGHT])
      expect(store.queue.page({ ...day('2026-03-01', '2026-03-01'), match: { by: 'namePrefix', prefix: '王' } }, 'newest', undefined, 10)).toEqual([])
    } finally {
      store.close()
    }
  })

  it('refuses to migrate, changing nothing, when a row cannot be given its case number', () => {
    const dataDir = stationFromPreviousBuild({ orphanEvent: true })
    expect(() => openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })).toThrow(/case_events 迁移前 4 行、迁移后 3 行/)
    const { db } = openDatabase(databaseFile(dataDir), migrations.filter((m) => m.version < 10))
    try {
      expect(db.prepare('SELECT COUNT(*) FROM case_events').pluck().get()).toBe(4)
      expect(db.prepare('SELECT accepted_at FROM cases WHERE id = 1').pluck().get()).toBe('2026-03-02T00:30:00.000+08:00')
    } finally {
      db.close()
    }
  })
})

it('refuses an audit row whose time is not UTC: a chained row can never be corrected later', () => {
  const dataDir = tempDataDir('onewindow-m010-')
  dirs.push(dataDir)
  const { db } = openDatabase(databaseFile(dataDir))
  try {
    const write = (at: string) => db.transaction(() => appendAudit(db, { at, operator: 'A001', stationId: '001', action: 'case.accept' }))()
    expect(() => write('2026-03-02T09:30:00.000+08:00')).toThrow(/不是 UTC 时间戳/)
    expect(write('2026-03-02T01:30:00.000Z').at).toBe('2026-03-02T01:30:00.000Z')
  } finally {
    db.close()
  }
})
