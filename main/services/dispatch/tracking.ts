/**
 * Following parcels after the courier took them (specs/dispatch.md §B4): the
 * carrier is polled on the hall clock — every 2 h once handed over, every
 * 30 min while out for delivery, never again once delivered or returned —
 * in batches of the carrier's size (10 for SF). Each event is stored once
 * (push and poll may repeat it) and moves the shipment only up in rank.
 *
 * The case follows: delivered → `delivered` (签收); a return or failed
 * delivery is an exception with the carrier's words and a next step, and the
 * case stays handed over.
 */
import type { CarrierAdapter, TrackingEvent, TrackingSnapshot } from '../../dispatch/carrierAdapter'
import { isCarrierError } from '../../domain/dispatch/carrierErrors'
import { isDeliveryException } from '../../domain/dispatch/deliveryExceptions'
import type { NormalStatus } from '../../domain/dispatch/shipmentStatus'
import { AppError } from '../../domain/errors'
import { utcTimestamp } from '../../domain/timestamps'
import type { ShipmentRecord } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import { recordCaseStep } from './caseSteps'

/** Automatic changes are the carrier's doing, not a clerk's: the audit names no operator. */
export const TRACKING_OPERATOR = 'system'

const TRACKED: readonly NormalStatus[] = ['handed_over', 'in_transit', 'out_for_delivery', 'failed']
const EVERY_2_H = 2 * 3600_000
const EVERY_30_MIN = 30 * 60_000

export interface TrackingDeps {
  store: Store
  changes: CaseChangeRecorder
  adapter: CarrierAdapter
  clock: { now(): Date }
  stationId: string
  /** One HTTP attempt's longest wait. */
  timeoutMs: number
  /** After a shipment changed (committed). */
  changed(shipment: ShipmentRecord): void
}

export interface PollResult {
  asked: number
  changed: number
}

export class Tracker {
  /** When each shipment was last asked about, on the hall clock (a restart asks again at once). */
  private readonly lastPolled = new Map<number, number>()
  private running: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly deps: TrackingDeps) {}

  get isSupported(): boolean {
    return this.deps.adapter.capabilities.trackPoll
  }

  /** Looks every `checkEveryMs` (real time) for shipments due on the hall clock. */
  start(checkEveryMs = 60_000): void {
    if (!this.isSupported || this.timer) return
    this.timer = setInterval(() => void this.pollDue().catch((err: unknown) => console.warn('[dispatch] 轨迹查询失败：', err instanceof Error ? err.message : err)), checkEveryMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running.catch(() => undefined)
  }

  /** The shipments whose turn has come. */
  pollDue(): Promise<PollResult> {
    const now = this.deps.clock.now().getTime()
    return this.serial(() => this.poll(this.tracked().filter((s) => now - (this.lastPolled.get(s.id) ?? -Infinity) >= (s.status === 'out_for_delivery' ? EVERY_30_MIN : EVERY_2_H)), false))
  }

  /** Every shipment on its way, now (`dispatch.track`); a carrier that cannot be reached is an error here. */
  pollAll(): Promise<PollResult> {
    return this.serial(() => this.poll(this.tracked(), true))
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work)
    this.running = next.catch(() => undefined)
    return next
  }

  private tracked(): ShipmentRecord[] {
    if (!this.isSupported) return []
    return TRACKED.flatMap((status) => this.deps.store.shipments.list({ status, limit: 5000 })).filter((s) => s.waybillNo !== null)
  }

  private async poll(shipments: ShipmentRecord[], isAsked: boolean): Promise<PollResult> {
    const size = Math.max(1, this.deps.adapter.capabilities.maxTrackBatch)
    let changed = 0
    let answered = 0
    let failure: unknown = null
    for (let i = 0; i < shipments.length; i += size) {
      const batch = shipments.slice(i, i + size)
      let snapshots: TrackingSnapshot[]
      try {
        snapshots = await this.deps.adapter.track(
          batch.map((s) => s.waybillNo!),
          { requestId: `track:${batch[0]!.id}`, deadlineMs: Date.now() + this.deps.timeoutMs, now: () => this.deps.clock.now() },
        )
      } catch (err) {
        if (!isCarrierError(err)) throw err
        failure ??= err
        continue
      }
      answered += batch.length
      const at = this.deps.clock.now().getTime()
      for (const s of batch) this.lastPolled.set(s.id, at)
      for (const snapshot of snapshots) if (this.apply(snapshot)) changed++
    }
    if (isAsked && failure && answered === 0) {
      throw new AppError('CARRIER_UNAVAILABLE', `查询物流轨迹失败：${failure instanceof Error ? failure.message : String(failure)}；稍后将自动重试`)
    }
    return { asked: shipments.length, changed }
  }

  /**
   * The carrier's route push (any number of waybills): each waybill's events
   * go through `apply`, as a poll's do, so a repeated push or an event both
   * pushed and polled is stored once. Events of waybills not ours are passed
   * over. Returns how many shipments moved.
   */
  receive(events: ReadonlyArray<{ waybillNo: string; event: TrackingEvent }>): number {
    const byWaybill = new Map<string, TrackingEvent[]>()
    for (const { waybillNo, event } of events) byWaybill.set(waybillNo, [...(byWaybill.get(waybillNo) ?? []), event])
    let changed = 0
    for (const [waybillNo, list] of byWaybill) {
      try {
        if (this.apply({ waybillNo, events: list, status: null, isDelivered: false })) changed++
      } catch (err) {
        // An event we cannot read (its time) is not worth the carrier resending the whole push: the next poll brings it again.
        if (!(err instanceof AppError)) throw err
        console.warn(`[dispatch] 运单 ${waybillNo} 的推送轨迹未能保存：${err.message}`)
      }
    }
    return changed
  }

  /** Stores a waybill's new events and follows them; true when the shipment's status moved. */
  apply(snapshot: TrackingSnapshot): boolean {
    const { store } = this.deps
    const found = store.shipments.findByWaybill(snapshot.waybillNo)
    if (!found) return false
    const now = this.deps.clock.now()
    const at = utcTimestamp(now)
    const before = found.status
    const after = this.deps.changes.transaction((scope) => {
      const events = snapshot.events.map((e) => ({
        ...(e.carrierEventId ? { carrierEventId: e.carrierEventId } : {}),
        at: e.at,
        code: e.code,
        status: e.status,
        description: e.description,
        ...(e.location ? { location: e.location } : {}),
      }))
      const added = store.shipments.addTrackingEvents(found.id, events, now)
      const ordered = added.filter((e) => e.status !== null).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      let last: (typeof added)[number] | null = null
      let isHandoverMissing = false
      for (const event of ordered) {
        const change = store.shipments.setStatus(found.id, event.status!, new Date(event.at))
        if (!change.changed) continue
        last = event
        isHandoverMissing ||= change.handoverMissing
      }
      const s = store.shipments.findById(found.id)!
      if (!last || s.status === before) return s
      const details = { waybillNo: s.waybillNo, shipmentStatus: s.status, eventAt: last.at, code: last.code, description: last.description }
      // Only handed-over parcels are polled, so their case is handed over too (a push of an early scan would need a handOver first).
      if (s.status === 'delivered' && store.cases.summary(s.caseNo)?.state === 'handed_over') {
        recordCaseStep(store, scope, { caseNo: s.caseNo, action: 'deliver', at, operator: TRACKING_OPERATOR, stationId: this.deps.stationId, note: last.description || '已签收', details })
      }
      if (isDeliveryException(s.status)) store.shipments.setException(s.id, last.description || '承运商未说明原因', now)
      else if (s.exceptionReason !== null) store.shipments.setException(s.id, null, now)
      // The courier scanned it before the batch was closed (§B4): followed, and said so on the audit chain.
      const audited = isHandoverMissing ? { ...details, from: before, handoverMissing: true } : { ...details, from: before }
      store.audit({ at, operator: TRACKING_OPERATOR, stationId: this.deps.stationId, action: 'dispatch.tracking', caseNo: s.caseNo, details: audited })
      return store.shipments.findById(found.id)!
    })
    if (after.status === before) return false
    this.deps.changed(after)
    return true
  }
}
