/**
 * `upstream sync` and `upstream notices` (the CLI's; main/cli/upstreamCommands.ts):
 * push this station's queued events to the platform until none is left (or
 * the time is up), then read the notice feed and apply it, and answer the
 * counts. Unreachable: it stops at once and says why in one line; nothing
 * queued is lost. Beside a running station the two share the outbox's
 * leases and the notices' transaction, so nothing goes twice.
 */
import { loadStationConfig } from '../../config/loadConfig'
import type { StationConfig } from '../../config/stationConfig'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import { OutboxWorker } from '../../outbox/outboxWorker'
import { FileKeyProvider } from '../../store/keyProviders'
import { openStore, type Store } from '../../store/store'
import { UpstreamRepository, type StoredNotice } from '../../store/upstreamRepository'
import { UPSTREAM_LANE } from '../../upstream/upstreamLane'
import { buildCaseServices } from '../cases/caseServices'
import { systemClock } from '../cases/hallClock'
import { EventBus } from '../eventBus'
import { openHallLink } from '../hall/hallLink'
import { SessionService } from '../system/session'
import { openUpstreamLink } from './upstreamLink'

export interface UpstreamSyncResult {
  pushed: number
  pulled: number
  waiting: number
  parked: number
}

function upstreamConfig(dataDir: string): StationConfig {
  const config = loadStationConfig({ dataDir })
  if (!config.upstream) throw new AppError('CONFIG_INVALID', `工作站 ${dataDir} 的配置没有 upstream（政务服务平台地址）：在 station.json 中加入 "upstream": { "url": … }`, 'upstream')
  return config
}

function backlogOf(store: Store): number {
  const lane = store.outbox.counts().byLane[UPSTREAM_LANE]
  return (lane?.waiting ?? 0) + (lane?.leased ?? 0) + (lane?.parked ?? 0)
}

export async function syncUpstream(dataDir: string, timeoutMs: number): Promise<UpstreamSyncResult> {
  const config = upstreamConfig(dataDir)
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  let lost: string | null = null
  const worker = new OutboxWorker({ store, stationId: config.stationId })
  const link = openUpstreamLink(config, store, systemClock, {
    onPushReport: (r) => {
      // Unreachable: stop at once rather than back off until the timeout; what is not pushed stays queued.
      if (!r.ok && r.offline && lost === null) {
        lost = r.reason
        void worker.stop()
      }
    },
  })!
  // Joined to a hall too: an online case created here goes to the hall like any change (its pool connects only if used).
  const hall = openHallLink(config, store)
  try {
    const events = new EventBus()
    // One session for both: the notices act in the platform's name on it, and the case service reads the operator from it.
    const session = new SessionService({ events })
    const taps = [hall?.tap, link.tap.tap].filter((t) => t !== undefined)
    const caseServices = buildCaseServices({
      store,
      events,
      session,
      clock: systemClock,
      dataDir,
      stationId: config.stationId,
      regionCode: config.regionCode,
      caseNumberFormat: config.caseNumberFormat,
      changeTap: (change, seq) => taps.flatMap((tap) => tap(change, seq)),
    })
    link.attach({ worker, changes: caseServices.changes, cases: caseServices.cases, session, catalog: caseServices.catalog, calendar: caseServices.calendar })
    // A person asked for a sync: rows backing off after an earlier failure need not wait out their delay.
    store.outbox.dueNow(UPSTREAM_LANE, utcTimestamp(new Date()))
    const drained = await worker.drain({ timeoutMs })
    await worker.close()
    if (lost !== null) throw new AppError('UPSTREAM_OFFLINE', `${String(lost)}：本站数据未动，${backlogOf(store)} 条待推送，连接恢复后再运行 upstream sync`)
    let pulled: number
    try {
      pulled = (await link.pullNow()).applied
    } catch (err) {
      throw new AppError('UPSTREAM_OFFLINE', `读取政务服务平台通知失败（${err instanceof Error ? err.message : String(err)}）：本站数据未动，稍后再运行 upstream sync`)
    }
    return { pushed: drained.done, pulled, waiting: drained.waiting, parked: drained.parked }
  } finally {
    await link.close()
    await hall?.close()
    store.close()
  }
}

export interface NoticesStatus {
  waiting: number
  applied: number
  parked: number
  requeued: number
  cursor: string | null
  parkedNotices: Array<Pick<StoredNotice, 'noticeId' | 'platformCaseNo' | 'seq' | 'kind' | 'reason' | 'receivedAt'>>
}

/** The notices' counts and the parked ones with their reasons; `retry`: parked ones wait again (applied at the next pull). */
export function upstreamNotices(dataDir: string, retry: boolean): NoticesStatus {
  upstreamConfig(dataDir)
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  try {
    const repo = new UpstreamRepository(store.db)
    const parkedNotices = repo.parked(100).map(({ noticeId, platformCaseNo, seq, kind, reason, receivedAt }) => ({ noticeId, platformCaseNo, seq, kind, reason, receivedAt }))
    const requeued = retry ? store.transaction(() => repo.requeueParked()) : 0
    return { ...repo.counts(), requeued, cursor: repo.cursor(), parkedNotices }
  } finally {
    store.close()
  }
}
