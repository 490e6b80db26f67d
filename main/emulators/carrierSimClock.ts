/**
 * The simulated carrier's clock: it follows the real clock (demo) until a
 * test sets it, then stands still (or runs from the new moment) and moves
 * only when told. Timestamps are checked and parcels travel on this clock.
 */
export class SimClock {
  private frozenAtMs: number | null
  private offsetMs = 0

  constructor(start: { at?: Date; isRunning?: boolean } = {}) {
    this.frozenAtMs = null
    if (start.at) this.set(start.at.getTime(), start.isRunning ?? false)
  }

  now(): number {
    return this.frozenAtMs ?? Date.now() + this.offsetMs
  }

  get isRunning(): boolean {
    return this.frozenAtMs === null
  }

  set(atMs: number, isRunning: boolean): void {
    if (isRunning) {
      this.frozenAtMs = null
      this.offsetMs = atMs - Date.now()
    } else {
      this.frozenAtMs = atMs
    }
  }

  advance(ms: number): void {
    if (this.frozenAtMs !== null) this.frozenAtMs += ms
    else this.offsetMs += ms
  }
}

/**
 * A token bucket per partner on the real clock (a request rate is a real
 * rate): `ratePerSec` tokens a second, holding at most one second's worth
 * (at least one). 0 = no limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>()

  constructor(private ratePerSec: number) {}

  reset(ratePerSec: number): void {
    this.ratePerSec = ratePerSec
    this.buckets.clear()
  }

  /** Null when the request may pass; else the seconds to wait (Retry-After). */
  take(key: string, nowMs = performance.now()): number | null {
    const rate = this.ratePerSec
    if (rate <= 0) return null
    const capacity = Math.max(1, rate)
    const bucket = this.buckets.get(key) ?? { tokens: capacity, atMs: nowMs }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * rate)
    bucket.atMs = nowMs
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return null
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate))
  }
}
