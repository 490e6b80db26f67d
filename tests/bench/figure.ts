/**
 * One benchmark figure. Machines here are noisy, so every figure is measured
 * against a baseline taken in the same run (a ratio), never a raw time alone.
 */
export interface BenchResult {
  value: number
  unit: string
  /** Human form of the goal, e.g. `≥ 0.5` or `< 1`. */
  target: string
  ok: boolean
}

export interface BenchFigure {
  name: string
  run(): Promise<BenchResult> | BenchResult
}

/** Median of a list of numbers (robust to the odd slow sample). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

export const atMost = (value: number, limit: number, unit = 'ratio'): BenchResult => ({
  value,
  unit,
  target: `< ${limit}`,
  ok: value < limit,
})

export const atLeast = (value: number, limit: number, unit = 'ratio'): BenchResult => ({
  value,
  unit,
  target: `≥ ${limit}`,
  ok: value >= limit,
})
