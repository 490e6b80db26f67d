/**
 * Cases and their timelines against the audit chain. Every case change
 * writes its timeline row and its audit rows in one transaction
 * (CaseChangeRecorder); the first audit row of a change names the timeline
 * row it goes with — `timelineEvent: { seq, sha256 }`, the SHA-256 of the
 * row as stored — so a timeline row added, edited or deleted behind the
 * application's back no longer matches a (keyed, unforgeable) audit row.
 *
 * Rows written before the link existed (before the chain was keyed) are
 * matched the way they were written: same case, instant, operator and
 * station, one audit row at least per timeline row.
 */
import { createHash } from 'node:crypto'
import { auditHmacFromSeq } from './auditChain'
import type { Db } from './sqlite'

/** What the audit row of a change says about its timeline row, as the row is stored. */
export interface TimelineEventFacts {
  caseNo: string
  seq: number
  at: string
  operator: string
  stationId: string
  action: string
  fromState: string | null
  toState: string
  note: string | null
  /** The details column's text (JSON as the repository wrote it), or null. */
  details: string | null
}

export function timelineEventDigest(e: TimelineEventFacts): string {
  const content = JSON.stringify([e.caseNo, e.seq, e.at, e.operator, e.stationId, e.action, e.fromState, e.toState, e.note, e.details])
  return createHash('sha256').update(content).digest('hex')
}

export type CrossCheckFinding =
  | { kind: 'caseWithoutAudit'; caseNo: string }
  | { kind: 'caseDeleted'; caseNo: string }
  | { kind: 'eventWithoutAudit'; caseNo: string; seq: number; action: string }
  | { kind: 'eventAltered'; caseNo: string; seq: number; action: string }
  | { kind: 'eventDeleted'; caseNo: string; seq: number }

export interface CrossCheckReport {
  cases: number
  events: number
  /** How many findings in all; `findings` lists the first of them. */
  total: number
  findings: CrossCheckFinding[]
}

export function describeFinding(f: CrossCheckFinding): string {
  switch (f.kind) {
    case 'caseWithoutAudit':
      return `办件 ${f.caseNo} 没有审计记录`
    case 'caseDeleted':
      return `办件 ${f.caseNo} 有受理审计记录，但办件已不在数据库中`
    case 'eventWithoutAudit':
      return `办件 ${f.caseNo} 时间线第 ${f.seq} 条（${f.action}）没有审计记录`
    case 'eventAltered':
      return `办件 ${f.caseNo} 时间线第 ${f.seq} 条（${f.action}）与其审计记录不符（被改动）`
    case 'eventDeleted':
      return `办件 ${f.caseNo} 时间线第 ${f.seq} 条有审计记录，但已被删除`
  }
}

const LISTED = 50

const EVENT_FINDINGS = `
  WITH links AS MATERIALIZED (
    SELECT case_no, json_extract(details, '$.timelineEvent.seq') AS seq, json_extract(details, '$.timelineEvent.sha256') AS digest
    FROM audit_log WHERE case_no IS NOT NULL AND json_extract(details, '$.timelineEvent') IS NOT NULL
  ),
  legacy AS MATERIALIZED (
    SELECT case_no, ow_instant(at) AS ms, operator, station_id, COUNT(*) AS n
    FROM audit_log WHERE seq < @hmacFrom AND case_no IS NOT NULL GROUP BY 1, 2, 3, 4
  ),
  unlinked AS (
    SELECT e.case_no, e.seq, e.action, ow_instant(e.at) AS ms, e.operator, e.station_id,
      ROW_NUMBER() OVER (PARTITION BY e.case_no, ow_instant(e.at), e.operator, e.station_id ORDER BY e.seq) AS nth
    FROM case_events e LEFT JOIN links l ON l.case_no = e.case_no AND l.seq = e.seq
    WHERE l.case_no IS NULL
  )
  SELECT 'eventWithoutAudit' AS kind, u.case_no, u.seq, u.action FROM unlinked u
    LEFT JOIN legacy g ON g.case_no = u.case_no AND g.ms = u.ms AND g.operator = u.operator AND g.station_id = u.station_id
    WHERE u.nth > COALESCE(g.n, 0)
  UNION ALL
  SELECT 'eventAltered', e.case_no, e.seq, e.action FROM case_events e JOIN links l ON l.case_no = e.case_no AND l.seq = e.seq
    WHERE l.digest IS NOT ow_event_digest(e.case_no, e.seq, e.at, e.operator, e.station_id, e.action, e.from_state, e.to_state, e.note, e.details)
  UNION ALL
  SELECT 'eventDeleted', l.case_no, l.seq, NULL FROM links l
    LEFT JOIN cases c ON c.case_no = l.case_no LEFT JOIN case_events e ON e.case_id = c.id AND e.seq = l.seq
    WHERE e.seq IS NULL`

const CASE_FINDINGS = `
  SELECT 'caseWithoutAudit' AS kind, case_no FROM (SELECT case_no FROM cases EXCEPT SELECT case_no FROM audit_log WHERE case_no IS NOT NULL)
  UNION ALL
  SELECT 'caseDeleted', case_no FROM (SELECT case_no FROM audit_log WHERE action = 'case.accept' EXCEPT SELECT case_no FROM cases)`

/** Reads only; fine on a read-only connection beside the running app. */
export function crossCheckCases(db: Db): CrossCheckReport {
  // One instant for both timestamp forms (rows from before migration 10 kept their offset).
  db.function('ow_instant', { deterministic: true }, (at: unknown) => {
    const ms = typeof at === 'string' ? Date.parse(at) : NaN
    return Number.isNaN(ms) ? String(at) : ms
  })
  db.function('ow_event_digest', { deterministic: true }, (caseNo, seq, at, operator, stationId, action, fromState, toState, note, details) =>
    timelineEventDigest({ caseNo, seq, at, operator, stationId, action, fromState, toState, note, details } as TimelineEventFacts),
  )
  return db.transaction((): CrossCheckReport => {
    const report: CrossCheckReport = {
      cases: db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number,
      events: db.prepare('SELECT COUNT(*) FROM case_events').pluck().get() as number,
      total: 0,
      findings: [],
    }
    const note = (f: CrossCheckFinding): void => {
      report.total++
      if (report.findings.length < LISTED) report.findings.push(f)
    }
    for (const r of db.prepare(CASE_FINDINGS).iterate() as IterableIterator<{ kind: 'caseWithoutAudit' | 'caseDeleted'; case_no: string }>) {
      note({ kind: r.kind, caseNo: r.case_no })
    }
    const hmacFrom = auditHmacFromSeq(db) ?? Number.MAX_SAFE_INTEGER
    type EventRow = { kind: 'eventWithoutAudit' | 'eventAltered' | 'eventDeleted'; case_no: string; seq: number; action: string | null }
    for (const r of db.prepare(EVENT_FINDINGS).iterate({ hmacFrom }) as IterableIterator<EventRow>) {
      note(r.kind === 'eventDeleted' ? { kind: r.kind, caseNo: r.case_no, seq: r.seq } : { kind: r.kind, caseNo: r.case_no, seq: r.seq, action: r.action ?? '' })
    }
    return report
  })()
}
