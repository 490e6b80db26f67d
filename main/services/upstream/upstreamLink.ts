/**
 * A station's link to the government service platform (docs/upstream.md):
 * the change tap that queues every pushed step, the push consumer on the
 * outbox's `upstream` lane, the notice inbox and its poll. Built in two steps
 * like the hall link, because the case services need the tap before they
 * exist and the inbox needs the case services: `openUpstreamLink` with the
 * store, then `attach` once the worker and the case services are there.
 * null when station.json has no `upstream` (standalone).
 */
import { readFileSync } from 'node:fs'
import type { StationConfig } from '../../config/stationConfig'
import { AppError } from '../../domain/errors'
import type { OutboxWorker } from '../../outbox/outboxWorker'
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { RatingRecord } from '../../store/ratingsRepository'
import type { Store } from '../../store/store'
import { UpstreamRepository } from '../../store/upstreamRepository'
import { UpstreamClient } from '../../upstream/upstreamClient'
import { stationSigningKey, type StationSigningKey } from '../../upstream/upstreamKey'
import { UPSTREAM_LANE, upstreamLaneOptions } from '../../upstream/upstreamLane'
import { UpstreamPuller, type PullPassResult, type UpstreamPullReport } from '../../upstream/upstreamPull'
import { UpstreamPushConsumer, type UpstreamReport } from '../../upstream/upstreamPush'
import type { CalendarService } from '../cases/calendarService'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import type { CaseService } from '../cases/caseService'
import type { CatalogService } from '../cases/catalogService'
import type { HallClock } from '../cases/hallClock'
import type { SessionService } from '../system/session'
import { NoticeInbox, type InboxResult } from './noticeInbox'
import { UpstreamTap } from './upstreamChanges'

export interface UpstreamAttachDeps {
  worker: Pick<OutboxWorker, 'register'>
  changes: CaseChangeRecorder
  cases: Pick<CaseService, 'apply'>
  session: SessionService
  catalog: Pick<CatalogService, 'item'>
  calendar: Pick<CalendarService, 'calendar'>
}

export interface UpstreamLink {
  url: string
  key: StationSigningKey
  client: UpstreamClient
  repo: UpstreamRepository
  tap: UpstreamTap
  consumer: UpstreamPushConsumer
  /** The 评价 event of a rating, in the rating's transaction (RatingService). */
  ratingRows(rating: RatingRecord): OutboxRowInput[]
  /** Registers the push on the worker's `upstream` lane and builds the notice inbox. */
  attach(deps: UpstreamAttachDeps): void
  /** Applies a page of notices (or none: what is due) with its cursor, in one transaction. */
  receive(notices: readonly unknown[], cursor: string | null): InboxResult
  /** One pass over the notice feed now; throws when the platform cannot be read. */
  pullNow(): Promise<PullPassResult>
  /** Starts the poll (every `pollSeconds`). */
  start(): void
  close(): Promise<void>
}

/** `onPushReport`: each push attempt's result as well (the CLI's sync stops when the platform is unreachable). */
export function openUpstreamLink(config: StationConfig, store: Store, clock: HallClock, options: { onPushReport?: (r: UpstreamReport) => void } = {}): UpstreamLink | null {
  const up = config.upstream
  if (!up) return null
  const isHttps = up.url.startsWith('https:')
  if (up.tls?.caFile && !isHttps) throw new AppError('CONFIG_INVALID', `upstream.tls.caFile 只用于 https 网址，而 upstream.url 是 ${up.url}`, 'upstream.tls')
  let ca: Buffer | undefined
  if (up.tls?.caFile) {
    try {
      ca = readFileSync(up.tls.caFile)
    } catch (err) {
      throw new AppError('CONFIG_INVALID', `读不到 upstream.tls.caFile ${up.tls.caFile}：${err instanceof Error ? err.message : String(err)}`, 'upstream.tls.caFile')
    }
  }
  const key = stationSigningKey(store, config.stationId, up.stationKeyId)
  const client = new UpstreamClient({ url: up.url, stationId: config.stationId, key, timeoutMs: up.timeoutMs, clock, ...(ca ? { ca } : {}) })
  const repo = new UpstreamRepository(store.db)
  const tap = new UpstreamTap({ store, repo, station: { id: config.stationId, name: config.stationName, hall: config.hallName, regionCode: config.regionCode } })
  const log = new LinkLog()
  const consumer = new UpstreamPushConsumer({
    client,
    cipher: store.cipher,
    report: (r) => {
      log.push(r)
      options.onPushReport?.(r)
    },
  })
  let inbox: NoticeInbox | null = null
  const receive = (notices: readonly unknown[], cursor: string | null): InboxResult => {
    if (!inbox) throw new Error('upstream: notices received before the link was attached')
    return inbox.receive(notices, cursor)
  }
  const puller = new UpstreamPuller({
    client,
    cursor: () => repo.cursor(),
    apply: (notices, cursor) => receive(notices, cursor),
    pollMs: up.pollSeconds * 1000,
    now: () => clock.now(),
    report: (r) => log.pull(r),
  })
  return {
    url: up.url,
    key,
    client,
    repo,
    tap,
    consumer,
    ratingRows: (rating) => tap.ratingRows(rating),
    attach(d) {
      d.worker.register(UPSTREAM_LANE, consumer, upstreamLaneOptions(up.timeoutMs))
      inbox = new NoticeInbox({
        store,
        repo,
        changes: d.changes,
        cases: d.cases,
        session: d.session,
        tap,
        clock,
        online: { catalog: d.catalog, calendar: d.calendar, stationId: config.stationId, regionCode: config.regionCode, caseNumberFormat: config.caseNumberFormat },
      })
    },
    receive,
    pullNow: () => puller.pullNow(),
    start: () => puller.start(),
    close: () => puller.stop(),
  }
}

/** One console line when the link's state changes (away, back, refused), not one per attempt. */
class LinkLog {
  private pushState = 'ok'
  private pullState = 'ok'

  push(r: UpstreamReport): void {
    const next = r.ok ? 'ok' : r.reason
    if (next !== this.pushState) console.warn(r.ok ? '[upstream] 推送已恢复' : `[upstream] 推送受阻：${r.reason}`)
    this.pushState = next
  }

  pull(r: UpstreamPullReport): void {
    const next = r.ok ? 'ok' : r.reason
    if (next !== this.pullState) console.warn(r.ok ? '[upstream] 通知拉取已恢复' : `[upstream] 通知拉取失败：${r.reason}`)
    this.pullState = next
  }
}
