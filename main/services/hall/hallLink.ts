/**
 * A joined station's link to its hall: the PostgreSQL pool, the change tap
 * that queues every change for the hall, the push consumer on the outbox's
 * `hall` lane, and the network light (the hall link, its backlog and the
 * last sync). Built in two steps because the case services need the tap
 * before the outbox worker exists: `openHallLink` with the store, then
 * `attach` once the worker and the status board are there.
 */
import type { StationConfig } from '../../config/stationConfig'
import { hallMoment, utcTimestamp } from '../../domain/timestamps'
import { openHallPool, type HallPool } from '../../hall/hallDb'
import { HallSealer, loadLocalHallKey } from '../../hall/hallKey'
import { HALL_EVENT_BATCH, HALL_LANE } from '../../hall/hallLane'
import type { HallFollowerReport } from '../../hall/follower'
import { HallPushConsumer, type HallPushReport } from '../../hall/hallPush'
import { checkHallSchema, HallSchemaError } from '../../hall/hallSchema'
import type { OutboxWorker } from '../../outbox/outboxWorker'
import type { Store } from '../../store/store'
import { AppError } from '../../domain/errors'
import type { ChangeTap } from '../cases/caseChanges'
import type { EventBus } from '../eventBus'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'
import { hallChangeTap } from './hallChanges'

export interface HallLink {
  station: string
  pool: HallPool
  sealer: HallSealer
  tap: ChangeTap
  consumer: HallPushConsumer
  /** Registers the push on the worker's `hall` lane and starts reporting the light. */
  attach(deps: { worker: Pick<OutboxWorker, 'register'>; devices?: DeviceStatusBoard; events?: EventBus; onReport?: (r: HallPushReport) => void }): void
  /** The follower's state on the same light: the hall away (amber), or a pull that cannot go on, e.g. the hall key (red, with why). */
  reportPull(r: HallFollowerReport): void
  close(): Promise<void>
}

// The hall is on the LAN: come back quickly after it returns, and never park a row for being offline (a day offline is normal).
// Many rows at once: the push writes the events handed over together in one hall transaction, and the worker settles them in one commit.
export const HALL_LANE_OPTIONS = { concurrency: 2 * HALL_EVENT_BATCH, maxAttempts: 1_000_000, backoff: { baseMs: 500, capMs: 15_000 }, leaseMs: 30_000 } as const

// How often an offline or stopped link looks for its hall again.
const PROBE_MS = 3_000

/** The link of a joined station; null when standalone. */
export function openHallLink(config: StationConfig, store: Store): HallLink | null {
  const hall = config.hall
  if (!hall) return null
  const key = loadLocalHallKey(store)
  if (!key) throw new AppError('CONFIG_INVALID', `工作站配置了大厅（hall.url），但本地没有大厅密钥：请重新运行 hall join --data ${config.dataDir} …`, 'hall')
  const sealer = new HallSealer(key)
  const pool = openHallPool(hall)
  let report: (r: HallPushReport) => void = () => undefined
  const consumer = new HallPushConsumer({ pool, store, station: hall.station, report: (r) => report(r) })
  let stopListening: (() => void) | undefined
  let pullReport: (r: HallFollowerReport) => void = () => undefined
  return {
    station: hall.station,
    pool,
    sealer,
    tap: hallChangeTap({ store, station: hall.station, sealer }),
    consumer,
    attach({ worker, devices, events, onReport }) {
      worker.register(HALL_LANE, consumer, HALL_LANE_OPTIONS)
      report = (r) => onReport?.(r)
      if (!devices) return
      const light = new HallLight(devices, store)
      pullReport = (r) => light.updatePull(r)
      report = (r) => {
        light.update(r)
        onReport?.(r)
      }
      const stopChanges = events?.on('outbox.changed', () => light.refresh())
      // Is the hall there, and of a version this build knows? At once, then while it is not: with nothing to push, no push would tell.
      const probe = (): void => {
        checkHallSchema(pool).then(
          () => light.update({ ok: true, at: null }),
          (err: unknown) => light.update({ ok: false, offline: !(err instanceof HallSchemaError), reason: err instanceof Error ? err.message : String(err) }),
        )
      }
      probe()
      const timer = setInterval(() => {
        if (!light.isOk) probe()
      }, PROBE_MS)
      timer.unref()
      stopListening = () => {
        clearInterval(timer)
        stopChanges?.()
      }
    },
    reportPull(r) {
      pullReport(r)
    },
    async close() {
      stopListening?.()
      await pool.end()
    },
  }
}

/** The network light while joined: green with the backlog and last sync, amber offline (work goes on), red when the link is stopped. */
class HallLight {
  private lastSyncAt: string | null = null
  private last: HallPushReport | { ok: true; at: null } = { ok: true, at: null }
  // The pull's own state: a push that works must not hide a pull that does not (both share the one light).
  private pull: HallFollowerReport = { ok: true, pulledSeq: 0 }

  constructor(
    private readonly devices: DeviceStatusBoard,
    private readonly store: Store,
  ) {
    devices.report('network', { state: 'busy', message: '大厅：正在连接…', reason: 'hall_connecting' })
  }

  get isOk(): boolean {
    return this.last.ok
  }

  update(r: HallPushReport | { ok: true; at: null }): void {
    this.last = r
    if (r.ok && r.at) this.lastSyncAt = utcTimestamp(r.at)
    this.refresh()
  }

  updatePull(r: HallFollowerReport): void {
    const same = r.ok === this.pull.ok && (r.ok || (!this.pull.ok && r.reason === this.pull.reason))
    this.pull = r
    if (!same) this.refresh()
  }

  refresh(): void {
    if (!this.store.isOpen) return
    const lane = this.store.outbox.counts().byLane[HALL_LANE]
    const backlog = (lane?.waiting ?? 0) + (lane?.leased ?? 0)
    const lastSync = this.lastSyncAt ? hallMoment(this.lastSyncAt, 'second') : '—'
    const params = { backlog, lastSync }
    // The worse of push and pull: stopped (red) over away (amber) over connected.
    const failures = [this.last, this.pull].filter((f): f is { ok: false; offline: boolean; reason: string } => !f.ok)
    const r = failures.find((f) => !f.offline) ?? failures[0] ?? this.last
    if (r.ok) {
      this.devices.report('network', { state: 'ok', message: `大厅已连接 · 待同步 ${backlog} 条 · 上次同步 ${lastSync}`, reason: 'hall_ok', params })
    } else if (r.offline) {
      this.devices.report('network', { state: 'warning', message: `大厅连接中断：本站照常受理，${backlog} 条待同步（上次同步 ${lastSync}）`, reason: 'hall_offline', params })
    } else {
      this.devices.report('network', { state: 'error', message: `大厅同步停止：${r.reason}（${backlog} 条待同步）`.slice(0, 120), reason: 'hall_stopped', params: { ...params, reason: r.reason } })
    }
  }
}
