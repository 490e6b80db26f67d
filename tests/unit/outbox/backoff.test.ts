import { describe, expect, it } from 'vitest'
import { backoffDelay, seededRandom } from '../../../main/outbox/backoff'

const policy = { baseMs: 2_000, capMs: 600_000 }

describe('the backoff between attempts', () => {
  it('doubles from the base with each failed attempt up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, policy, () => 1)
    expect([1, 2, 3, 4, 9, 10, 50, 5000].map(top)).toEqual([2_000, 4_000, 8_000, 16_000, 512_000, 600_000, 600_000, 600_000])
  })

  it('with full jitter waits anywhere from nothing to the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0)
    expect(backoffDelay(3, policy, () => 0.25)).toBe(2_000)
    const random = seededRandom(11)
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(4, policy, random)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThanOrEqual(16_000)
    }
  })

  it('with equal jitter waits between half and all of the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0, 'equal')).toBe(2_000)
    expect(backoffDelay(2, policy, () => 1, 'equal')).toBe(4_000)
  })

  it('spreads rows that failed together instead of sending them back in step', () => {
    const random = seededRandom(3)
    const delays = Array.from({ length: 100 }, () => backoffDelay(5, policy, random))
    expect(new Set(delays).size).toBeGreaterThan(90)
  })
})

describe('the seeded random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const take = (seed: number) => {
      const r = seededRandom(seed)
      return Array.from({ length: 5 }, () => r())
    }
    expect(take(42)).toEqual(take(42))
    expect(take(42)).not.toEqual(take(43))
    expect(take(42).every((x) => x >= 0 && x < 1)).toBe(true)
  })
})
