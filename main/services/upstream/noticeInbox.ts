/**
 * The platform's notices at the station (docs/upstream.md "notice feed"): a
 * page read from the feed is stored, what can be applied is applied, and the
 * feed's cursor moves — all in ONE SQLite transaction, so a crash keeps all
 * of it or none, and a page read twice applies nothing twice.
 *
 * - Once: a notice is stored by its id and by (办件, seq); a repeat is dropped.
 * - In order: a notice is applied only when its seq is its 办件's last
 *   applied + 1; a later one waits for its predecessor.
 * - Through the same transitions as a clerk: CaseService (startReview,
 *   approve/reject with the certificate, produce), in the platform's name; the
 *   first notice of an unknown 办件 creates the case (onlineCases.ts). The
 *   changes are the platform's own: not pushed back (UpstreamTap.fromPlatform).
 * - A notice that cannot be applied is parked with the reason; its 办件's
 *   later notices wait behind it until a person retries.
 */
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import type { Store } from '../../store/store'
import type { StoredNotice, UpstreamRepository } from '../../store/upstreamRepository'
import { noticeSchema, type UpstreamNotice } from '../../domain/upstream/upstreamMessages'
import type { CaseChangeRecorder, CaseChangeScope } from '../cases/caseChanges'
import type { CaseService } from '../cases/caseService'
import type { HallClock } from '../cases/hallClock'
import type { SessionService, SignedIn } from '../system/session'
import { createOnlineCase, type OnlineCaseDeps } from './onlineCases'
import type { UpstreamTap } from './upstreamChanges'

/** The trail's operator for a step the platform made (its own 办理人 follows). */
export const PLATFORM_OPERATOR = '政务服务平台'

export interface NoticeInboxDeps {
  store: Store
  repo: UpstreamRepository
  changes: CaseChangeRecorder
  cases: Pick<CaseService, 'apply'>
  session: SessionService
  tap: UpstreamTap
  clock: HallClock
  online: Omit<OnlineCaseDeps, 'store' | 'repo' | 'clock'>
}

export interface InboxResult {
  received: number
  duplicates: number
  malformed: number
  applied: number
  parked: number
}

const APPLY_BATCH = 100

export class NoticeInbox {
  constructor(private readonly deps: NoticeInboxDeps) {}

  /** Stores a page, applies what is due (also notices a person re-queued), and moves the cursor (null: leave it). */
  receive(page: readonly unknown[], cursor: string | null): InboxResult {
    const { repo, tap, changes } = this.deps
    const result: InboxResult = { received: 0, duplicates: 0, malformed: 0, applied: 0, parked: 0 }
    const at = utcTimestamp(this.deps.clock.now())
    changes.transaction(() =>
      tap.fromPlatform(() => {
        for (const raw of page) {
          const parsed = noticeSchema.safeParse(raw)
          if (!parsed.success) {
            // Its content may hold personal data: the log says where, never what.
            const issue = parsed.error.issues[0]
            console.warn(`[upstream] 政务服务平台通知格式不符，已跳过：${issue ? `${issue.path.join('.')} ${issue.message}` : ''}`)
            result.malformed++
            continue
          }
          const n = parsed.data
          const known = repo.caseOf(n.caseNo)
          const isNew = (known === undefined || n.seq > known.lastNoticeSeq) && repo.receive({ noticeId: n.noticeId, platformCaseNo: n.caseNo, seq: n.seq, kind: n.kind, body: this.sealed(n), receivedAt: at })
          if (isNew) result.received++
          else result.duplicates++
        }
        this.applyDue(result, at)
        if (cursor !== null) repo.setCursor(cursor)
      }),
    )
    return result
  }

  private applyDue(result: InboxResult, at: string): void {
    const { repo, changes } = this.deps
    for (;;) {
      const due = repo.applicable(APPLY_BATCH)
      if (due.length === 0) return
      for (const stored of due) {
        try {
          // A savepoint per notice: a refusal undoes only its own writes.
          changes.transaction((scope) => this.apply(stored, scope))
          repo.settle(stored.noticeId, 'applied', null, at)
          result.applied++
        } catch (err) {
          if (!(err instanceof AppError)) throw err
          repo.settle(stored.noticeId, 'parked', err.message.slice(0, 500), at)
          result.parked++
        }
      }
    }
  }

  private apply(stored: StoredNotice, scope: CaseChangeScope): void {
    const { repo, store } = this.deps
    const n = this.opened(stored)
    const operator = n.operator ? `${PLATFORM_OPERATOR}·${n.operator}` : PLATFORM_OPERATOR
    this.deps.session.run(this.platformActor(operator), () => {
      let link = repo.caseOf(n.caseNo)
      if (!link) {
        if (store.cases.summary(n.caseNo)) {
          // A case accepted here, decided on the platform: its notices are counted from here on.
          repo.link(n.caseNo, n.caseNo, false, utcTimestamp(this.deps.clock.now()))
        } else {
          createOnlineCase({ ...this.deps.online, store, repo, clock: this.deps.clock }, scope, n, operator)
        }
        link = repo.caseOf(n.caseNo)!
      }
      const caseNo = link.caseNo
      const note = n.note?.trim() ? n.note.trim() : undefined
      if (n.kind === 'ready') {
        this.deps.cases.apply({ caseNo, action: 'produce', ...(note ? { note } : {}) })
      } else {
        const r = n.result
        if (!r) throw new AppError('BAD_INPUT', `政务服务平台办件 ${n.caseNo} 的审批通知（${n.noticeId}）没有办理结果`)
        if (store.cases.summary(caseNo)?.state === 'accepted') this.deps.cases.apply({ caseNo, action: 'startReview' })
        if (r.code === 'approve') {
          this.deps.cases.apply({ caseNo, action: 'approve', ...(note ? { note } : {}), ...(r.certificate ? { certificate: r.certificate } : {}) })
        } else {
          this.deps.cases.apply({ caseNo, action: 'reject', note: r.reason ?? note ?? '', legalBasis: r.legalBasis ?? '', refusal: r.refusal ?? 'notPermitted' })
        }
      }
      if (!repo.advance(n.caseNo, n.seq)) throw new AppError('CONFLICT', `政务服务平台办件 ${n.caseNo} 的通知 ${n.noticeId}（第 ${n.seq} 条）未按顺序应用`)
    })
  }

  private platformActor(label: string): SignedIn {
    return { token: 'upstream', operatorId: null, name: label, role: 'supervisor', label, signedInAt: utcTimestamp(this.deps.clock.now()), lastActiveMs: 0 }
  }

  /** The notice as stored: ID numbers sealed under the station's key. */
  private sealed(n: UpstreamNotice): string {
    const { cipher } = this.deps.store
    const seal = (id: string | null): string | null => (id ? `sealed:${cipher.encryptId(id).toString('base64')}` : null)
    const a = n.case.applicant
    return JSON.stringify({ ...n, case: { ...n.case, applicant: { ...a, idNumber: seal(a.idNumber), handlerIdNumber: seal(a.handlerIdNumber) } } })
  }

  private opened(stored: StoredNotice): UpstreamNotice {
    const { cipher } = this.deps.store
    const n = JSON.parse(stored.body) as UpstreamNotice
    const open = (v: string | null): string | null => (v?.startsWith('sealed:') ? cipher.decryptId(Buffer.from(v.slice('sealed:'.length), 'base64')) : v)
    const a = n.case.applicant
    return { ...n, case: { ...n.case, applicant: { ...a, idNumber: open(a.idNumber), handlerIdNumber: open(a.handlerIdNumber) } } }
  }
}
