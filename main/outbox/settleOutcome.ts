/**
 * A consumer's answer turned into the row's next state, written only if the
 * lease is still the one the answer was given under.
 */
import { utcTimestamp } from '../domain/timestamps'
import type { OutboxRecord, OutboxRepository } from '../store/outboxRepository'
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
