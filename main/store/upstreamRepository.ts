/**
 * The platform's notices and the 办件 they concern (migration 020,
 * docs/upstream.md "notice feed"). The caller holds the transaction: a page
 * of notices, what of it could be applied, and the feed's cursor commit
 * together.
 */
import type { Db, Statement } from './sqlite'

/** store_meta: the notice feed's cursor (opaque, the platform's). */
export const UPSTREAM_NOTICE_CURSOR = 'upstream_notice_cursor'

export type NoticeState = 'waiting' | 'applied' | 'parked'

export interface UpstreamCaseLink {
  platformCaseNo: string
  caseNo: string
  isOnline: boolean
  lastNoticeSeq: number
}

export interface StoredNotice {
  noticeId: string
  platformCaseNo: string
  seq: number
  kind: string
  state: NoticeState
  /** The notice's JSON, ID numbers sealed. */
  body: string
  reason: string | null
  receivedAt: string
  settledAt: string | null
}

interface NoticeRow {
  notice_id: string
  platform_case_no: string
  seq: number
  kind: string
  state: NoticeState
  body: string
  reason: string | null
  received_at: string
  settled_at: string | null
}

const toNotice = (r: NoticeRow): StoredNotice => ({
  noticeId: r.notice_id,
  platformCaseNo: r.platform_case_no,
  seq: r.seq,
  kind: r.kind,
  state: r.state,
  body: r.body,
  reason: r.reason,
  receivedAt: r.received_at,
  settledAt: r.settled_at,
})

export class UpstreamRepository {
  private readonly caseStmt: Statement
  private readonly platformNoStmt: Statement
  private readonly linkStmt: Statement
  private readonly lastSeqStmt: Statement
  private readonly insertNoticeStmt: Statement
  private readonly applicableStmt: Statement
  private readonly settleStmt: Statement
  private readonly requeueStmt: Statement
  private readonly countsStmt: Statement
  private readonly parkedStmt: Statement
  private readonly cursorStmt: Statement
  private readonly setCursorStmt: Statement

  constructor(db: Db) {
    this.caseStmt = db.prepare('SELECT platform_case_no, case_no, is_online, last_notice_seq FROM upstream_cases WHERE platform_case_no = ?')
    this.platformNoStmt = db.prepare('SELECT platform_case_no FROM upstream_cases WHERE case_no = ? AND is_online = 1').pluck()
    this.linkStmt = db.prepare('INSERT INTO upstream_cases (platform_case_no, case_no, is_online, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    this.lastSeqStmt = db.prepare('UPDATE upstream_cases SET last_notice_seq = ? WHERE platform_case_no = ? AND last_notice_seq = ? - 1')
    this.insertNoticeStmt = db.prepare(
      `INSERT INTO upstream_notices (notice_id, platform_case_no, seq, kind, state, body, received_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?) ON CONFLICT DO NOTHING`,
    )
    // The head of each 办件's notices: waiting, and next after the last applied one.
    this.applicableStmt = db.prepare(
      `SELECT n.* FROM upstream_notices n LEFT JOIN upstream_cases c ON c.platform_case_no = n.platform_case_no
       WHERE n.state = 'waiting' AND n.seq = COALESCE(c.last_notice_seq, 0) + 1 ORDER BY n.received_at, n.notice_id LIMIT ?`,
    )
    this.settleStmt = db.prepare(`UPDATE upstream_notices SET state = ?, reason = ?, settled_at = ? WHERE notice_id = ? AND state = 'waiting'`)
    this.requeueStmt = db.prepare(`UPDATE upstream_notices SET state = 'waiting', reason = NULL, settled_at = NULL WHERE state = 'parked'`)
    this.countsStmt = db.prepare('SELECT state, COUNT(*) AS n FROM upstream_notices GROUP BY state')
    this.parkedStmt = db.prepare(`SELECT * FROM upstream_notices WHERE state = 'parked' ORDER BY received_at, notice_id LIMIT ?`)
    this.cursorStmt = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck()
    this.setCursorStmt = db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }

  caseOf(platformCaseNo: string): UpstreamCaseLink | undefined {
    const r = this.caseStmt.get(platformCaseNo) as { platform_case_no: string; case_no: string; is_online: number; last_notice_seq: number } | undefined
    return r ? { platformCaseNo: r.platform_case_no, caseNo: r.case_no, isOnline: r.is_online === 1, lastNoticeSeq: r.last_notice_seq } : undefined
  }

  /** The platform's 办件编号 of a case created here from a notice; undefined for a case accepted here. */
  platformCaseNoOf(caseNo: string): string | undefined {
    return this.platformNoStmt.get(caseNo) as string | undefined
  }

  link(platformCaseNo: string, caseNo: string, isOnline: boolean, at: string): void {
    this.linkStmt.run(platformCaseNo, caseNo, isOnline ? 1 : 0, at)
  }

  /** Moves the 办件's position on by one notice; false when it was not at `seq - 1`. */
  advance(platformCaseNo: string, seq: number): boolean {
    return this.lastSeqStmt.run(seq, platformCaseNo, seq).changes === 1
  }

  /** false: a notice with this id, or with this 办件 and seq, is here already (a repeat). */
  receive(n: { noticeId: string; platformCaseNo: string; seq: number; kind: string; body: string; receivedAt: string }): boolean {
    return this.insertNoticeStmt.run(n.noticeId, n.platformCaseNo, n.seq, n.kind, n.body, n.receivedAt).changes === 1
  }

  applicable(limit: number): StoredNotice[] {
    return (this.applicableStmt.all(limit) as NoticeRow[]).map(toNotice)
  }

  settle(noticeId: string, state: 'applied' | 'parked', reason: string | null, at: string): void {
    this.settleStmt.run(state, reason, at, noticeId)
  }

  /** A person fixed the cause (imported the catalog…): parked notices wait again, for the next pull. */
  requeueParked(): number {
    return this.requeueStmt.run().changes
  }

  counts(): Record<NoticeState, number> {
    const counts: Record<NoticeState, number> = { waiting: 0, applied: 0, parked: 0 }
    for (const r of this.countsStmt.all() as Array<{ state: NoticeState; n: number }>) counts[r.state] = r.n
    return counts
  }

  parked(limit: number): StoredNotice[] {
    return (this.parkedStmt.all(limit) as NoticeRow[]).map(toNotice)
  }

  cursor(): string | null {
    return (this.cursorStmt.get(UPSTREAM_NOTICE_CURSOR) as string | undefined) ?? null
  }

  setCursor(cursor: string): void {
    this.setCursorStmt.run(UPSTREAM_NOTICE_CURSOR, cursor)
  }
}
