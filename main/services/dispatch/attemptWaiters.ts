import type { OutboxOutcome } from '../../outbox/outboxWorker'

/**
 * The desk waiting a little for the outbox worker's next attempt on a
 * shipment (its create, its cancel), so a healthy carrier answers at the
 * counter: a consumer wakes the waiters of the shipment when its attempt ends.
 */
export class AttemptWaiters {
  private readonly waiters = new Map<number, Set<() => void>>()

  /** Resolves after the next attempt for this shipment ends, or after `ms`. */
  next(shipmentId: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(shipmentId) ?? new Set()
      const done = (): void => {
        clearTimeout(timer)
        set.delete(done)
        if (set.size === 0) this.waiters.delete(shipmentId)
        resolve()
      }
      const timer = setTimeout(done, ms)
      set.add(done)
      this.waiters.set(shipmentId, set)
    })
  }

  /** The attempt for this shipment ended (whatever its outcome). */
  wake(shipmentId: number): void {
    for (const done of [...(this.waiters.get(shipmentId) ?? [])]) done()
  }

  /**
   * Runs one attempt of a consumer on this shipment and wakes its waiters once
   * the outcome is stored. A throw is answered here as the worker would take it
   * (uncertain: it may have reached the carrier), so the desk is woken then too.
   */
  async settleAttempt(shipmentId: number, attempt: () => Promise<OutboxOutcome>): Promise<OutboxOutcome> {
    let outcome: OutboxOutcome
    try {
      outcome = await attempt()
    } catch (err) {
      outcome = { kind: 'retry', reason: err instanceof Error ? err.message : String(err), errorClass: 'unknown_outcome', uncertain: true }
    }
    const settled = outcome.settled
    return {
      ...outcome,
      settled: () => {
        settled?.()
        this.wake(shipmentId)
      },
    }
  }
}
