/**
 * The outbox as the desk and the status bar use it: counts, the parked rows,
 * and a person's retry or cancel (in the signed-in operator's name). The
 * worker itself is here for the composition root, which registers each
 * consumer (dispatch, upstream, hall) on its lane before `start`.
 */
import type { OutboxRowView, OutboxStatsView } from '../../contract/outbox'
import { OutboxWorker, type OutboxWorkerOptions } from '../../outbox/outboxWorker'
import type { OutboxRecord } from '../../store/outboxRepository'
import type { Store } from '../../store/store'
import type { EventBus } from '../eventBus'
import { requireOperator } from '../cases/operator'
import type { HallClock } from '../cases/hallClock'
import type { SessionService } from '../system/session'

export interface OutboxServiceDeps {
  store: Store
  events: EventBus
  session: SessionService
  clock: HallClock
  stationId: string
  /** Tests: a fast backoff, a seeded random, no coalescing of events. */
  worker?: Partial<Pick<OutboxWorkerOptions, 'backoff' | 'random' | 'statsIntervalMs'>>
}

const toView = (r: OutboxRecord): OutboxRowView => ({
  id: r.id,
  lane: r.lane,
  kind: r.kind,
  caseNo: r.caseNo,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  lastError: r.lastError,
  lastErrorClass: r.lastErrorClass,
  uncertain: r.uncertain,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})

export class OutboxService {
  readonly worker: OutboxWorker

  constructor(private readonly deps: OutboxServiceDeps) {
    this.worker = new OutboxWorker({
      store: deps.store,
      stationId: deps.stationId,
      clock: deps.clock,
      ...deps.worker,
      onChanged: (stats) => deps.events.emit('outbox.changed', stats),
    })
  }

  stats(): OutboxStatsView {
    return this.worker.stats()
  }

  list(input: { state: 'parked' | 'waiting'; limit: number }): OutboxRowView[] {
    return this.deps.store.outbox.list(input.state, input.limit).map(toView)
  }

  retry(input: { id: number; reason: string }): OutboxRowView {
    return toView(this.worker.retryParked(input.id, { operator: requireOperator(this.deps.session), reason: input.reason }))
  }

  cancel(input: { id: number; reason: string }): OutboxRowView {
    return toView(this.worker.cancelParked(input.id, { operator: requireOperator(this.deps.session), reason: input.reason }))
  }

  start(): void {
    this.worker.start()
  }

  stop(): Promise<void> {
    return this.worker.close()
  }
}
