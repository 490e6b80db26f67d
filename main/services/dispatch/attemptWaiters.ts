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
}
