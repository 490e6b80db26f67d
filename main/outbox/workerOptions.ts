/** How the outbox worker and each of its lanes are set up. */
import type { OutboxCounts } from '../store/outboxRepository'
import type { Store } from '../store/store'
import type { BackoffPolicy } from './backoff'

export interface OutboxStats extends OutboxCounts {
  /** The hall time the counts were taken (the age of the oldest row is measured from it). */
  at: string
}

export interface LaneOptions {
  /** Rows of the lane in flight at once (rows sharing an order key never run together). Default 1. */
  concurrency?: number
  /** How long a lease holds before another worker may take the row. Default 60 s. */
  leaseMs?: number
  /** Attempts before a failing row is parked for a person. Default 10. */
  maxAttempts?: number
  backoff?: BackoffPolicy
}

export interface OutboxWorkerOptions {
  store: Store
  stationId: string
  /** Defaults to the store's clock. */
  clock?: { now(): Date }
  /** Default base 2 s, cap 10 min (specs/dispatch.md §B3). */
  backoff?: BackoffPolicy
  /** Tests pass `seededRandom(n)`. */
  random?: () => number
  /** After every committed change (an enqueue, an outcome, a person's decision): the new counts. */
  onChanged?: (stats: OutboxStats) => void
  /** Coalesces `onChanged` to at most one call per this many ms (a drain settles hundreds a second). Default 200. */
  statsIntervalMs?: number
}
