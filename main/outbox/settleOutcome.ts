/**
 * A consumer's answer turned into the row's next state, written only if the
 * lease is still the one the answer was given under, together with what the
 * answer asks to record.
 */
import { utcTimestamp } from '../domain/timestamps'
import type { OutboxRecord, OutboxRepository } from '../store/outboxRepository'
import type { Store } from '../store/store'
import { backoffDelay, type BackoffPolicy } from './backoff'
import type { OutboxOutcome } from './outboxConsumer'

export interface RetryPolicy {
  maxAttempts: number
  backoff: BackoffPolicy
  random: () => number
}

/** false: the lease had run out and another worker holds the row; nothing was written. */
export function settleOutcome(outbox: OutboxRepository, row: OutboxRecord, outcome: OutboxOutcome, policy: RetryPolicy, now: Date): boolean {
  const at = utcTimestamp(now)
  if (outcome.kind === 'done') return outbox.markDone(row.id, row.leaseSeq, at, outcome.result)
  if (outcome.kind === 'park') return outbox.markParked(row.id, row.leaseSeq, { at, reason: outcome.reason, errorClass: outcome.errorClass ?? 'permanent' })
  const errorClass = outcome.errorClass ?? 'transient'
  if (row.attempts >= policy.maxAttempts) {
    const reason = `已尝试 ${row.attempts} 次仍未成功，已搁置待人工处理：${outcome.reason}`
    return outbox.markParked(row.id, row.leaseSeq, { at, reason, errorClass, uncertain: outcome.uncertain })
  }
  // Retry-After is a floor under the backoff, never a replacement for it.
  const delay = Math.max(backoffDelay(row.attempts, policy.backoff, policy.random, 'full'), outcome.retryAfterMs ?? 0)
  const next = utcTimestamp(new Date(now.getTime() + delay))
  return outbox.markRetry(row.id, row.leaseSeq, next, { at, reason: outcome.reason, errorClass, uncertain: outcome.uncertain })
}

/** Thrown inside the outcome's savepoint to undo what `record` wrote when the lease turned out not to be ours. */
const LEASE_LOST = Symbol('lease lost')

/**
 * Inside the caller's transaction (the worker's group commit): the outcome's
 * own writes (`record`) and the row's next state, in a savepoint of their
 * own, so one row's failure never undoes another's. `stored` is the outcome
 * that was written (record's answer, or a retry when record threw).
 */
export function storeOutcome(store: Store, row: OutboxRecord, outcome: OutboxOutcome, policy: RetryPolicy, now: Date): { isOurs: boolean; stored: OutboxOutcome } {
  let stored = outcome
  try {
    store.transaction(() => {
      const record = outcome.record
      if (record) {
        try {
          stored = store.transaction(() => record()) ?? outcome
        } catch (err) {
          // The attempt may have had its effect (the carrier made the waybill): the next one must look before acting.
          const reason = `结果未能记录：${err instanceof Error ? err.message : String(err)}`.slice(0, 300)
          stored = { kind: 'retry', reason, errorClass: 'unknown_outcome', uncertain: true }
        }
      }
      if (!settleOutcome(store.outbox, row, stored, policy, now)) throw LEASE_LOST
    })
    return { isOurs: true, stored }
  } catch (err) {
    if (err === LEASE_LOST) return { isOurs: false, stored: outcome }
    throw err
  }
}

/**
 * After the group commit: says what became of an outcome that was not stored
 * (the lease runs out and the row runs again, marked uncertain), runs the
 * `settled` hooks (the consumer's, and those of the outcome `record`
 * answered instead), and answers the state stored, if any.
 */
export function afterStoring(row: OutboxRecord, outcome: OutboxOutcome, result: { isOurs: boolean; stored: OutboxOutcome } | undefined, error: unknown): OutboxOutcome['kind'] | null {
  if (error !== undefined || !result) {
    console.error(`[outbox] 外发作业 #${row.id} 的结果未能保存：`, error instanceof Error ? error.message : error)
  } else if (!result.isOurs) {
    console.warn(`[outbox] 外发作业 #${row.id} 的租约已被接管，本次结果（${outcome.kind}）不再保存`)
  }
  const isStored = error === undefined && result?.isOurs === true
  for (const hooks of new Set([outcome, isStored ? result.stored : outcome])) {
    try {
      hooks.settled?.()
    } catch (err) {
      console.error(`[outbox] 外发作业 #${row.id} 的后续通知出错：`, err instanceof Error ? err.message : err)
    }
  }
  return isStored ? result.stored.kind : null
}
