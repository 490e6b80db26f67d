/**
 * The plain successes of one group commit ("done", nothing to record),
 * stored by one statement at the end of the group's transaction: a drain
 * after a day offline settles thousands of them, and a statement each was
 * most of what the drain cost this side.
 */
import { utcTimestamp } from '../domain/timestamps'
import type { OutboxRecord, OutboxRepository } from '../store/outboxRepository'
import type { OutboxOutcome } from './outboxConsumer'

interface Waiting {
  row: OutboxRecord
  outcome: OutboxOutcome
  /** false: the lease had run out and another worker holds the row; nothing was written for it. */
  stored: (isOurs: boolean) => void
}

export class DoneBatch {
  private waiting: Waiting[] = []

  /** Only an outcome `storeOutcome` would write as one statement: done, with no `record`. */
  static fits(outcome: OutboxOutcome): boolean {
    return outcome.kind === 'done' && !outcome.record
  }

  add(row: OutboxRecord, outcome: OutboxOutcome, stored: (isOurs: boolean) => void): void {
    this.waiting.push({ row, outcome, stored })
  }

  /** Inside the group's transaction, after its other writes. */
  store(outbox: OutboxRepository, now: Date): void {
    if (this.waiting.length === 0) return
    const batch = this.waiting
    this.waiting = []
    const ours = outbox.markDoneMany(
      batch.map(({ row, outcome }) => ({ id: row.id, leaseSeq: row.leaseSeq, result: outcome.kind === 'done' ? outcome.result : undefined })),
      utcTimestamp(now),
    )
    for (const w of batch) w.stored(ours.has(w.row.id))
  }
}
