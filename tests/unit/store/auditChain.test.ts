import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit, auditRowHash, GENESIS_HASH, verifyAuditChain } from '../../../main/store/auditChain'
import { openDatabase } from '../../../main/store/database'
import type { Db } from '../../../main/store/sqlite'
import { tempDataDir } from '../../fixtures/caseWorld'

let dir: string
let db: Db

function appendRows(n: number): void {
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      appendAudit(db, { at: `2026-03-02T01:${String(i).padStart(2, '0')}:00.000Z`, operator: 'A001', stationId: '001', action: 'case.accept', caseNo: `3203002026030200100${String(i).padStart(2, '0')}`, details: { n: i, fee: { cents: 2000 } } })
    }
  })()
}

/** What someone with the sqlite3 shell does first: the triggers only guard against our own bugs. */
function dropGuards(): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;')
}

beforeEach(() => {
  dir = tempDataDir('onewindow-audit-')
  db = openDatabase(join(dir, 'audit.sqlite')).db
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the audit chain', () => {
  it('links each row to the one before and reports the row count and head hash when whole', () => {
    appendRows(5)
    const verdict = verifyAuditChain(db)
    expect(verdict).toMatchObject({ ok: true, rows: 5, headSeq: 5 })
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as Array<{ seq: number; prev_hash: string; hash: string }>
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH)
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash)
    if (verdict.ok) expect(verdict.headHash).toBe(rows[4]!.hash)
  })

  it('hashes the same content the same way whatever the key order of its details', () => {
    db.transaction(() => {
      appendAudit(db, { at: '2026-03-02T01:30:00.000Z', operator: 'o', stationId: '001', action: 'x', details: { b: 1, a: { d: 2, c: 3 } } })
    })()
    const stored = db.prepare('SELECT details FROM audit_log').pluck().get()
    expect(stored).toBe('{"a":{"c":3,"d":2},"b":1}')
  })

  it('refuses an audit row written outside the transaction of its change', () => {
    expect(() => appendAudit(db, { operator: 'A001', stationId: '001', action: 'case.accept' })).toThrow(/同一个事务/)
  })

  it('will not let the application update or delete a row', () => {
    appendRows(2)
    expect(() => db.prepare("UPDATE audit_log SET operator = 'X' WHERE seq = 1").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/)
  })

  it('names the edited row when a row was edited', () => {
    appendRows(6)
    dropGuards()
    db.prepare("UPDATE audit_log SET details = '{\"fee\":{\"cents\":1},\"n\":3}' WHERE seq = 3").run()
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 3, rows: 2 })
  })

  it('names the next row when an edited row had its hash recomputed too', () => {
    appendRows(6)
    dropGuards()
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as { seq: number; at: string; prev_hash: string; case_no: string }
    const forged = { seq: 3, at: row.at, operator: 'EVIL', stationId: '001', action: 'case.accept', caseNo: row.case_no, details: '{}' }
    db.prepare("UPDATE audit_log SET operator = 'EVIL', details = '{}', hash = ? WHERE seq = 3").run(auditRowHash(row.prev_hash, forged))
    const verdict = verifyAuditChain(db)
    expect(verdict).toMatchObject({ ok: false, brokenSeq: 4 })
    if (!verdict.ok) expect(verdict.reason).toMatch(/前一条哈希/)
  })

  it('names the missing row when a row was deleted', () => {
    appendRows(6)
    dropGuards()
    db.prepare('DELETE FROM audit_log WHERE seq = 4').run()
    const verdict = verifyAuditChain(db)
    expect(verdict).toMatchObject({ ok: false, brokenSeq: 4 })
    if (!verdict.ok) expect(verdict.reason).toMatch(/第 4 条缺失/)
  })

  it('names the first broken row when a row was inserted in the middle', () => {
    appendRows(6)
    dropGuards()
    // Make room after row 3 and slip a row in, chained correctly to row 3.
    db.prepare('UPDATE audit_log SET seq = seq + 100 WHERE seq > 3').run()
    db.prepare('UPDATE audit_log SET seq = seq - 99 WHERE seq > 100').run()
    const prev = db.prepare('SELECT hash FROM audit_log WHERE seq = 3').pluck().get() as string
    const inserted = { seq: 4, at: '2026-03-02T12:00:00.000+08:00', operator: 'EVIL', stationId: '001', action: 'case.accept', caseNo: null, details: '{}' }
    db.prepare('INSERT INTO audit_log (seq, at, operator, station_id, action, case_no, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      4, inserted.at, inserted.operator, inserted.stationId, inserted.action, null, '{}', prev, auditRowHash(prev, inserted),
    )
    // The inserted row itself checks out; the chain breaks at the row that used to follow row 3.
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 5, rows: 4 })
  })

  it('names an inserted row whose number does not fit the chain', () => {
    appendRows(3)
    dropGuards()
    db.prepare("INSERT INTO audit_log (seq, at, operator, station_id, action, case_no, details, prev_hash, hash) VALUES (0, 't', 'EVIL', '001', 'x', NULL, '{}', ?, ?)").run(GENESIS_HASH, GENESIS_HASH)
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 0 })
  })

  it('catches a cut-off tail against an anchor printed earlier', () => {
    appendRows(5)
    const before = verifyAuditChain(db)
    if (!before.ok) throw new Error('chain should be whole')
    dropGuards()
    db.prepare('DELETE FROM audit_log WHERE seq = 5').run()
    expect(verifyAuditChain(db).ok).toBe(true)
    expect(verifyAuditChain(db, { anchor: { seq: 5, hash: before.headHash } })).toMatchObject({ ok: false, brokenSeq: 5 })
  })
})
