/**
 * The one worker for every external effect. A lane per consumer; each lane
 * leases due rows (up to its concurrency), hands them to its consumer, and
 * stores the outcome in its own transaction:
 *
 * - done → done; retry → waiting with full-jitter backoff (a Retry-After is a
 *   floor, stored as the next attempt so it holds across a restart); park, or
 *   a retry after `maxAttempts`, → parked for a person; what the consumer
 *   asks to record goes in the same transaction, and the outcomes that end
 *   together share one commit (groupCommit.ts);
 * - a consumer that throws is a retry marked uncertain (it may have sent);
 * - a worker that dies mid-lease leaves the row leased until `lease_until`;
 *   then it is taken again, marked uncertain, so its consumer checks first;
 * - rows sharing an order key run one at a time, in order (the SQL picks
 *   only the head of each order).
 *
 * Time is the hall clock (settable): tests move it and call `wake()`.
 * Sleeping between rows uses timers only to know when to look again.
 */
import { utcTimestamp } from '../domain/timestamps'
import type { OutboxRecord } from '../store/outboxRepository'
import type { BackoffPolicy } from './backoff'
import { CountsNotifier } from './countsNotifier'
import { DoneBatch } from './doneBatch'
import { GroupCommit } from './groupCommit'
import { checkedOutcome, toOutboxRow, type OutboxConsumer, type OutboxOutcome } from './outboxConsumer'
import { decideParked, type ParkedDecision } from './parkedRows'
import { afterStoring, storeOutcome } from './settleOutcome'

import type { LaneOptions, OutboxStats, OutboxWorkerOptions } from './workerOptions'

export type { OutboxConsumer, OutboxContext, OutboxOutcome, OutboxRow } from './outboxConsumer'
export type { LaneOptions, OutboxStats, OutboxWorkerOptions } from './workerOptions'

interface Lane {
  name: string
  consumer: OutboxConsumer
  concurrency: number
  leaseMs: number
  maxAttempts: number
  backoff: BackoffPolicy
  inFlight: Map<number, AbortController>
  settling: Set<Promise<void>>
  running: Promise<void> | null
  wake: (() => void) | null
  /** A wake that came while the loop was busy: look again before sleeping. */
  poked: boolean
  /** Asleep with nothing due and nothing in flight (what `drain({ dueOnly })` waits for). */
  idle: boolean
}

interface Drain {
  dueOnly: boolean
  resolve: () => void
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 600_000 }
// Look again at least this often: another process may have added rows, the clock may have been set.
const MAX_SLEEP_MS = 30_000

export class OutboxWorker {
  private readonly lanes = new Map<string, Lane>()
  private readonly drains = new Set<Drain>()
  private stopped = true
  private doneCount = 0
  private readonly clock: { now(): Date }
  private readonly random: () => number
  private readonly notifier: CountsNotifier<OutboxStats>
  private readonly stopListening: () => void
  private readonly commits: GroupCommit
  private readonly doneBatch = new DoneBatch()

  constructor(private readonly options: OutboxWorkerOptions) {
    this.clock = options.clock ?? options.store.clock
    this.random = options.random ?? Math.random
    this.notifier = new CountsNotifier(() => (options.store.isOpen ? this.stats() : undefined), options.onChanged, options.statsIntervalMs ?? 200)
    this.commits = new GroupCommit(
      (fn) => options.store.transaction(fn),
      () => options.store.isOpen,
      (settledByLane) => {
        this.doneBatch.store(options.store.outbox, this.clock.now())
        return this.refill(settledByLane)
      },
    )
    this.stopListening = options.store.outbox.onEnqueued((lanes) => {
      if (this.stopped) return
      for (const lane of lanes) this.poke(lane)
      this.changed()
    })
  }

  register(lane: string, consumer: OutboxConsumer, options: LaneOptions = {}): void {
    if (this.lanes.has(lane)) throw new Error(`外发通道 ${lane} 已有处理程序`)
    const entry: Lane = {
      name: lane,
      consumer,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      leaseMs: options.leaseMs ?? 60_000,
      maxAttempts: Math.max(1, options.maxAttempts ?? 10),
      backoff: options.backoff ?? this.options.backoff ?? DEFAULT_BACKOFF,
      inFlight: new Map(),
      settling: new Set(),
      running: null,
      wake: null,
      poked: false,
      idle: false,
    }
    this.lanes.set(lane, entry)
    if (!this.stopped) entry.running = this.run(entry)
  }

  /** Leases that ran out while the station was down return to waiting (uncertain); then every lane starts. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    const released = this.options.store.outbox.releaseExpired(this.nowText())
    for (const lane of this.lanes.values()) lane.running = this.run(lane)
    if (released > 0) console.warn(`[outbox] ${released} 个外发作业在上次运行中断，已重新排队（标记为结果不确定）`)
    this.changed()
  }

  /** Aborts the attempts in flight (their consumers see the signal), waits for their outcomes to be stored. */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    for (const lane of this.lanes.values()) {
      for (const controller of lane.inFlight.values()) controller.abort(new Error('工作站正在停止'))
      lane.wake?.()
    }
    await Promise.all([...this.lanes.values()].map((lane) => lane.running))
    this.notifier.flush()
    for (const drain of this.drains) drain.resolve()
  }

  /** Close for good: stop, and stop hearing of enqueues. */
  async close(): Promise<void> {
    await this.stop()
    this.stopListening()
  }

  /**
   * Look for due rows now instead of at the end of a sleep, and tell the
   * counts again: a row enqueued by another connection (a CLI beside the
   * app), the clock moved.
   */
  wake(lane?: string): void {
    this.poke(lane)
    this.changed()
  }

  private poke(lane?: string): void {
    for (const entry of lane === undefined ? this.lanes.values() : [this.lanes.get(lane)].filter((l): l is Lane => l !== undefined)) {
      entry.poked = true
      entry.idle = false
      entry.wake?.()
    }
  }

  /**
   * Runs until the registered lanes have nothing left waiting (everything
   * done or parked) — or, with `dueOnly`, nothing due now — or `timeoutMs`
   * passes. Starts the worker for the drain if it was not running.
   */
  async drain(options: { timeoutMs: number; dueOnly?: boolean }): Promise<{ done: number; waiting: number; parked: number }> {
    const startedHere = this.stopped
    if (startedHere) this.start()
    const doneBefore = this.doneCount
    let timer: NodeJS.Timeout | undefined
    let drain: Drain | undefined
    await new Promise<void>((resolve) => {
      drain = { dueOnly: options.dueOnly ?? false, resolve }
      this.drains.add(drain)
      timer = setTimeout(resolve, options.timeoutMs)
      // Every lane looks again before the drain can count as finished: a row enqueued a moment ago is not missed.
      this.poke()
      this.checkDrains()
    })
    clearTimeout(timer)
    this.drains.delete(drain!)
    const counts = this.options.store.outbox.counts()
    let waiting = 0
    let parked = 0
    for (const name of this.lanes.keys()) {
      const lane = counts.byLane[name]
      waiting += (lane?.waiting ?? 0) + (lane?.leased ?? 0)
      parked += lane?.parked ?? 0
    }
    const done = this.doneCount - doneBefore
    if (startedHere) await this.stop()
    return { done, waiting, parked }
  }

  stats(): OutboxStats {
    return { at: this.nowText(), ...this.options.store.outbox.counts() }
  }

  retryParked(id: number, decision: ParkedDecision): OutboxRecord {
    const row = decideParked(this.options.store, id, decision, { at: this.nowText(), stationId: this.options.stationId, action: 'retry' })
    this.poke(row.lane)
    this.changed()
    return row
  }

  cancelParked(id: number, decision: ParkedDecision): OutboxRecord {
    const row = decideParked(this.options.store, id, decision, { at: this.nowText(), stationId: this.options.stationId, action: 'cancel' })
    // The rows queued behind it in its order may run now.
    this.poke(row.lane)
    this.changed()
    return row
  }

  private nowText(): string {
    return utcTimestamp(this.clock.now())
  }

  private async run(lane: Lane): Promise<void> {
    while (!this.stopped) {
      lane.poked = false
      let sleepMs: number | null
      try {
        sleepMs = this.step(lane)
      } catch (err) {
        // A store failure (disk full, locked): keep the lane alive and look again later rather than die silently.
        console.error(`[outbox] ${lane.name} 通道出错，稍后重试：`, err instanceof Error ? err.message : err)
        sleepMs = lane.backoff.baseMs
      }
      if (lane.poked || this.stopped) continue
      lane.idle = lane.inFlight.size === 0
      this.checkDrains()
      await this.sleep(lane, sleepMs)
    }
    await Promise.all([...lane.settling])
  }

  /** Leases up to `free` due rows of the lane (not those it runs now); a row cut off too often is parked instead. */
  private claim(lane: Lane, free: number): { leased: OutboxRecord[]; parked: OutboxRecord[] } {
    const now = this.clock.now()
    return this.options.store.outbox.claim(lane.name, {
      now: utcTimestamp(now),
      leaseUntil: utcTimestamp(new Date(now.getTime() + lane.leaseMs)),
      limit: free,
      excludeIds: new Set(lane.inFlight.keys()),
      maxAttempts: lane.maxAttempts,
    })
  }

  /** Inside a group commit: the places its outcomes free are leased again in the same transaction; started once it committed. */
  private refill(settledByLane: ReadonlyMap<string, number>): (() => void) | void {
    if (this.stopped) return
    const starts: Array<() => void> = []
    for (const [name, settled] of settledByLane) {
      const lane = this.lanes.get(name)
      const free = lane ? lane.concurrency - lane.inFlight.size + settled : 0
      if (!lane || free <= 0) continue
      const { leased, parked } = this.claim(lane, free)
      starts.push(() => {
        if (parked.length > 0) this.changed()
        for (const row of leased) this.launch(lane, row)
      })
    }
    return () => {
      for (const start of starts) start()
    }
  }

  /** Leases what is due and starts it; answers how long to sleep (null: until woken). */
  private step(lane: Lane): number | null {
    const { outbox } = this.options.store
    const free = lane.concurrency - lane.inFlight.size
    if (free <= 0) return null
    const { leased, parked } = this.claim(lane, free)
    if (parked.length > 0) this.changed()
    for (const row of leased) this.launch(lane, row)
    if (leased.length === free) return null
    const next = outbox.nextDueAt(lane.name, new Set(lane.inFlight.keys()))
    if (next === null) return null
    // At least a few ms: a row due "now" that the claim did not take (another process holds it) must not spin the loop.
    return Math.min(MAX_SLEEP_MS, Math.max(5, Date.parse(next) - this.clock.now().getTime()))
  }

  private launch(lane: Lane, row: OutboxRecord): void {
    const controller = new AbortController()
    lane.inFlight.set(row.id, controller)
    // Past the lease another worker may take the row: tell the consumer to give up.
    const leaseTimer = setTimeout(() => controller.abort(new Error('租约已到期')), lane.leaseMs)
    const settled = (async () => {
      let outcome: OutboxOutcome
      try {
        outcome = checkedOutcome(await lane.consumer.handle(toOutboxRow(row), { now: () => this.clock.now(), signal: controller.signal }))
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        outcome = { kind: 'retry', reason, errorClass: 'unknown_outcome', uncertain: true }
      } finally {
        clearTimeout(leaseTimer)
      }
      await this.settle(lane, row, outcome)
    })().finally(() => {
      lane.inFlight.delete(row.id)
      lane.settling.delete(settled)
      this.poke(lane.name)
    })
    lane.settling.add(settled)
  }

  /** Stores the outcome in the next group commit; then its `settled` hooks run, whatever became of it. */
  private async settle(lane: Lane, row: OutboxRecord, outcome: OutboxOutcome): Promise<void> {
    let result: { isOurs: boolean; stored: OutboxOutcome } | undefined
    const error = await this.commits.add(() => {
      if (DoneBatch.fits(outcome)) this.doneBatch.add(row, outcome, (isOurs) => (result = { isOurs, stored: outcome }))
      else result = storeOutcome(this.options.store, row, outcome, { ...lane, random: this.random }, this.clock.now())
    }, lane.name)
    if (afterStoring(row, outcome, result, error) === 'done') this.doneCount++
    this.changed()
  }

  private sleep(lane: Lane, ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms ?? MAX_SLEEP_MS)
      function done(): void {
        clearTimeout(timer)
        lane.wake = null
        resolve()
      }
      lane.wake = done
    })
  }

  private checkDrains(): void {
    if (this.drains.size === 0) return
    const lanes = [...this.lanes.values()]
    if (!lanes.every((l) => l.idle)) return
    // Rows held back behind a parked one in their order are not counted: only a person can free them.
    const none = new Set<number>()
    const hasBacklog = lanes.some((l) => this.options.store.outbox.nextDueAt(l.name, none) !== null)
    for (const drain of [...this.drains]) {
      if (drain.dueOnly || !hasBacklog) {
        this.drains.delete(drain)
        drain.resolve()
      }
    }
  }

  private changed(): void {
    this.notifier.changed()
  }
}
