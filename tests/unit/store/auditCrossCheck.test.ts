/**
 * Cases and timelines against the audit chain: a row written behind the
 * application's back (straight into SQLite, where no audit row can follow
 * without the key) is named by case number and timeline position.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { crossCheckCases, describeFinding } from '../../../main/store/auditCrossCheck'
import { databaseFile } from '../../../main/store/database'
import type { Db } from '../../../main/store/sqlite'
import { aPersonForm, type CaseWorld } from '../../fixtures/caseWorld'
import { caseWorldsPerTest } from '../../fixtures/caseWorlds'

const world = caseWorldsPerTest()

/** Two cases through the services: one accepted, one accepted then taken into review. */
function twoCases(w: CaseWorld): [string, string] {
  const a = w.services.intake.accept({ form: aPersonForm() }).caseNo
  const b = w.services.intake.accept({ form: aPersonForm() }).caseNo
  w.services.cases.transition({ caseNo: b, action: 'startReview' })
  return [a, b]
}

function behindTheBack(w: CaseWorld, work: (db: Db) => void): Db {
  w.close()
  const db = new Database(databaseFile(w.dataDir))
  work(db)
  return db
}

/** A case row copied under a new number: what an inserted case looks like. */
function insertCaseCopy(db: Db, from: string, caseNo: string): void {
  const columns = (db.prepare('PRAGMA table_info(cases)').all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'id')
  const values = columns.map((c) => (c === 'case_no' ? '?' : c === 'draft_id' ? 'NULL' : c))
  db.prepare(`INSERT INTO cases (${columns.join(', ')}) SELECT ${values.join(', ')} FROM cases WHERE case_no = ?`).run(caseNo, from)
}

function insertEvent(db: Db, caseNo: string, e: { seq: number; at: string; operator: string; action: string }): void {
  db.prepare(
    `INSERT INTO case_events (case_id, seq, case_no, at, operator, station_id, action, from_state, to_state, note, details)
     SELECT id, ?, case_no, ?, ?, '001', ?, 'in_review', 'approved', NULL, NULL FROM cases WHERE case_no = ?`,
  ).run(e.seq, e.at, e.operator, e.action, caseNo)
}

describe('the cross-check of cases and timelines against the audit chain', () => {
  it('finds every case and timeline row of changes made through the services', () => {
    const w = world()
    twoCases(w)
    expect(crossCheckCases(w.store.db)).toEqual({ cases: 2, events: 3, total: 0, findings: [] })
  })

  it('names a case inserted without an audit row', () => {
    const w = world()
    const [a] = twoCases(w)
    const db = behindTheBack(w, (raw) => insertCaseCopy(raw, a, '320300202603020019999'))
    const report = crossCheckCases(db)
    db.close()
    expect(report.findings).toEqual([{ kind: 'caseWithoutAudit', caseNo: '320300202603020019999' }])
    expect(describeFinding(report.findings[0]!)).toBe('办件 320300202603020019999 没有审计记录')
  })

  it('names a timeline row inserted, edited or deleted behind the application', () => {
    const w = world()
    const [a, b] = twoCases(w)
    const db = behindTheBack(w, (raw) => {
      // An approval nobody made, on the case in review.
      insertEvent(raw, b, { seq: 3, at: '2026-03-02T02:00:00.000Z', operator: 'B002', action: 'approve' })
      // Who accepted the first case, changed.
      raw.prepare("UPDATE case_events SET operator = 'Z999' WHERE case_no = ? AND seq = 1").run(a)
      // The second case's review step, gone.
      raw.prepare('DELETE FROM case_events WHERE case_no = ? AND seq = 2').run(b)
    })
    const report = crossCheckCases(db)
    db.close()
    expect(report.total).toBe(3)
    expect(report.findings).toEqual(
      expect.arrayContaining([
        { kind: 'eventWithoutAudit', caseNo: b, seq: 3, action: 'approve' },
        { kind: 'eventAltered', caseNo: a, seq: 1, action: 'accept' },
        { kind: 'eventDeleted', caseNo: b, seq: 2 },
      ]),
    )
  })

  it('pairs the timeline rows of an older build by case, instant, operator and station, and names one more than its audit rows', () => {
    const w = world()
    const [a] = twoCases(w)
    const acceptedAt = w.store.db.prepare('SELECT at FROM case_events WHERE case_no = ? AND seq = 1').pluck().get(a) as string
    const db = behindTheBack(w, (raw) => {
      // As an older build left them: no link in the audit rows, their times in the offset form, all before the switch.
      raw.exec('DROP TRIGGER audit_log_no_update')
      raw.exec("UPDATE audit_log SET details = json_remove(details, '$.timelineEvent')")
      raw.prepare("UPDATE audit_log SET at = ? WHERE case_no = ? AND action = 'case.accept'").run(offsetForm(acceptedAt), a)
      raw.exec("UPDATE store_meta SET value = CAST((SELECT MAX(seq) + 1 FROM audit_log) AS TEXT) WHERE key = 'audit_hmac_from_seq'")
    })
    expect(crossCheckCases(db).total).toBe(0)
    // A second row at the accept's very moment, by the same clerk: one audit row cannot cover two.
    insertEvent(db, a, { seq: 2, at: acceptedAt, operator: 'A001', action: 'approve' })
    const report = crossCheckCases(db)
    db.close()
    expect(report.findings).toEqual([{ kind: 'eventWithoutAudit', caseNo: a, seq: 2, action: 'approve' }])
  })
})

/** The same instant written the way builds before migration 10 did: local time with +08:00. */
function offsetForm(utc: string): string {
  const local = new Date(Date.parse(utc) + 8 * 3600_000).toISOString().slice(0, 23)
  return `${local}+08:00`
}
