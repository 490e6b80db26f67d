/**
 * What a consumer of the outbox sees and answers. A consumer carries out one
 * kind of external effect (a carrier call, an upstream push); the worker
 * leases it rows, and stores what it answers.
 */
import type { OutboxRecord } from '../store/outboxRepository'

export interface OutboxRow {
  id: number
  lane: string
  kind: string
  idempotencyKey: string
  caseNo: string | null
  orderKey: string | null
  payload: unknown
  /** Including this one. */
  attempts: number
  /**
   * An earlier attempt may have had its effect (it timed out after sending,
   * threw, or its worker died mid-lease): find out before doing it again —
   * e.g. ask the carrier for the order — so a retry never makes a second one.
   */
  uncertain: boolean
  lastErrorClass: string | null
  createdAt: string
}

/**
 * What any outcome may carry besides its verdict. `record` writes what the
 * attempt learned (the waybill bound to its shipment, the carrier's words on
 * the desk) in the same transaction that stores the outcome — one commit
 * for the outcomes of many rows that end close together — and is kept only
 * if the lease is still the one the attempt ran under. It may answer another
 * outcome instead (a park, when the result cannot be recorded); a throw
 * rolls back its writes and makes the outcome a retry marked uncertain.
 * `settled` runs once the worker is done with the outcome (stored, or not:
 * the lease lost, the store failed): tell screens, wake a waiting desk.
 */
export interface OutcomeHooks {
  record?: () => OutboxOutcome | void
  settled?: () => void
}

export type OutboxOutcome = OutcomeHooks &
  (
    | { kind: 'done'; result?: unknown }
    /**
     * Try again later. `retryAfterMs` (a 429's Retry-After) is a floor under
     * the backoff, stored as the row's next attempt so it holds across a
     * restart. `uncertain`: true when this attempt may have had its effect,
     * false when the consumer checked and knows it did not; left out, the mark
     * stays as it was.
     */
    | { kind: 'retry'; reason: string; errorClass?: string; retryAfterMs?: number; uncertain?: boolean }
    /** A permanent failure (a refused address, a conflict): a person must look at it. */
    | { kind: 'park'; reason: string; errorClass?: string }
  )

export interface OutboxContext {
  /** The hall's clock (settable in tests): never Date.now(). */
  now(): Date
  /** Aborted when the lease runs out or the station stops: give up the attempt (it counts as uncertain). */
  signal: AbortSignal
}

export interface OutboxConsumer {
  handle(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome>
}

export const toOutboxRow = (r: OutboxRecord): OutboxRow => ({
  id: r.id,
  lane: r.lane,
  kind: r.kind,
  idempotencyKey: r.idempotencyKey,
  caseNo: r.caseNo,
  orderKey: r.orderKey,
  payload: r.payload,
  attempts: r.attempts,
  uncertain: r.uncertain,
  lastErrorClass: r.lastErrorClass,
  createdAt: r.createdAt,
})

/** A consumer's answer checked: anything else (a bug, an old consumer) is a retry marked uncertain rather than a crash of the lane. */
export function checkedOutcome(value: unknown): OutboxOutcome {
  const outcome = value as Partial<OutboxOutcome> | null | undefined
  if (outcome && (outcome.kind === 'done' || ((outcome.kind === 'retry' || outcome.kind === 'park') && typeof outcome.reason === 'string'))) {
    return outcome as OutboxOutcome
  }
  return { kind: 'retry', reason: `处理程序返回了无法识别的结果：${JSON.stringify(value) ?? String(value)}`.slice(0, 300), errorClass: 'unknown_outcome', uncertain: true }
}
