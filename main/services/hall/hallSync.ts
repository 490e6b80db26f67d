/**
 * `hall sync` (the CLI's; main/cli/hallCommands.ts): pushes this station's queued changes to the hall until none
 * is left, then pulls what the other stations did, and answers the counts.
 * It first makes sure the hall is there: unreachable, it stops before
 * touching anything (every row stays queued) and says why in one line; lost
 * midway, the rows it had not pushed stay queued the same way.
 */
import { loadStationConfig } from '../../config/loadConfig'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import { HallFollower } from '../../hall/follower'
import { hallErrorText, isHallOffline } from '../../hall/hallDb'
import { HALL_AUDIT_KIND, HALL_AUDIT_ORDER, HALL_LANE, hallAuditKey } from '../../hall/hallLane'
import { checkHallSchema } from '../../hall/hallSchema'
import { OutboxWorker } from '../../outbox/outboxWorker'
import { auditHeadSeq } from '../../store/auditRows'
import { FileKeyProvider } from '../../store/keyProviders'
import { openStore, type Store } from '../../store/store'
import { EventBus } from '../eventBus'
import { openHallLink, type HallLink } from './hallLink'

export interface SyncResult {
  pushed: number
  pulled: number
  waiting: number
  parked: number
}

function backlogOf(store: Store): number {
  const lane = store.outbox.counts().byLane[HALL_LANE]
  return (lane?.waiting ?? 0) + (lane?.leased ?? 0) + (lane?.parked ?? 0)
}

/** The one line for a hall that is away: the reason and what is kept. */
function offlineError(store: Store, err: unknown): AppError {
  return new AppError('HALL_OFFLINE', `大厅数据库无法连接（${hallErrorText(err)}）：本站数据未动，${backlogOf(store)} 条待同步，连接恢复后再运行 hall sync`)
}

export async function syncHall(dataDir: string, timeoutMs: number): Promise<SyncResult> {
  const config = loadStationConfig({ dataDir })
  if (!config.hall) throw new AppError('CONFIG_INVALID', `工作站 ${dataDir} 尚未加入大厅：先运行 hall join`)
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  let link: HallLink | null = null
  try {
    link = openHallLink(config, store)!
    const reach = async (): Promise<void> => {
      try {
        await checkHallSchema(link!.pool)
      } catch (err) {
        throw isHallOffline(err) ? offlineError(store, err) : new AppError('CONFIG_INVALID', err instanceof Error ? err.message : String(err))
      }
    }
    await reach()
    const station = config.hall.station
    // Audit rows written outside any case change (sign-ins, views) go too: a row for the chain up to its head now.
    store.transaction(() => store.outbox.enqueue({ lane: HALL_LANE, kind: HALL_AUDIT_KIND, idempotencyKey: hallAuditKey(station, auditHeadSeq(store.db)), orderKey: HALL_AUDIT_ORDER, payload: { station } }))
    // The hall answered just now: rows backing off after an earlier failure need not wait out their delay.
    store.outbox.dueNow(HALL_LANE, utcTimestamp(new Date()))
    const worker = new OutboxWorker({ store, stationId: config.stationId })
    let lost: unknown = null
    link.attach({
      worker,
      onReport: (r) => {
        // Lost midway: stop at once rather than back off until the timeout; what is not pushed stays queued.
        if (!r.ok && r.offline && lost === null) {
          lost = new Error(r.reason)
          void worker.stop()
        }
      },
    })
    const drained = await worker.drain({ timeoutMs })
    await worker.close()
    if (lost !== null) throw offlineError(store, lost)
    const follower = new HallFollower({ hall: config.hall, pool: link.pool, store, events: new EventBus(), station, sealer: link.sealer })
    let pulled: number
    try {
      pulled = await follower.pullNow()
    } catch (err) {
      throw isHallOffline(err) ? offlineError(store, err) : err
    } finally {
      await follower.stop()
    }
    return { pushed: drained.done, pulled, waiting: drained.waiting + drained.parked, parked: drained.parked }
  } finally {
    await link?.close()
    store.close()
  }
}
