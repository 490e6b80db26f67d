/**
 * How long to wait before trying an effect again: exponential from `baseMs`,
 * capped at `capMs`, with jitter so that stations (or rows) failing together
 * do not come back together. One function for every queue of the station —
 * the outbox and the print queue.
 */

export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

/**
 * `full`: anywhere from 0 to the ceiling (AWS "full jitter": the least
 * synchronised retries, for a shared remote service such as a carrier);
 * `equal`: between half and all of it (a local printer, where a retry too
 * soon only finds it still out of paper).
 */
export type Jitter = 'full' | 'equal'

/** The delay before attempt `attempt + 1`, after `attempt` (1, 2, …) attempts failed. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random, jitter: Jitter = 'full'): number {
  // The exponent stops growing long before it would overflow; the cap has long taken over by then.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(52, Math.max(0, attempt - 1)))
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(jitter === 'full' ? ceiling * r : ceiling / 2 + (ceiling / 2) * r)
}

/** A repeatable random in [0, 1) (mulberry32): tests and replays pick the jitter by a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
