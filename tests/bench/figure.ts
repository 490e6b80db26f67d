/**
 * One benchmark figure, and what kind of number it is. Two kinds, never mixed
 * up in the output:
 *
 * - a same-run ratio: both sides measured in this run on this machine (an
 *   intake's commit rate ÷ a bare INSERT's), so a slow or busy machine moves
 *   both and the ratio says something about the code;
 * - a time over a fixed limit: a measured time ÷ a constant. The constant is
 *   either physics (a 1295-byte answer takes 112.4 ms at 115,200 baud; a
 *   15 fps camera gives 66.7 ms per frame), the question being "does it fit",
 *   or a target we chose ("1 ms"), which is a goal, not a law. These figures
 *   move with the machine: a busy neighbour makes them look worse.
 */
export type BenchKind = 'same-run ratio' | 'time over a fixed limit'

export interface FixedLimit {
  ms: number
  /** physics: set by a device or the wire; target: a goal we set. */
  basis: 'physics' | 'target'
  /** What the constant is, e.g. `1295 bytes at 115,200 baud`. */
  what: string
}

export interface BenchResult {
  value: number
  unit: string
  /** Human form of the goal, e.g. `≥ 0.5` or `< 1`. */
  target: string
  ok: boolean
  kind: BenchKind
  /** For a same-run ratio: what the denominator is. */
  baseline?: string
  /** For a time over a fixed limit: the constant divided by. */
  limit?: FixedLimit
  /** Anything else worth printing (no target attached). */
  note?: string
}

export interface BenchFigure {
  name: string
  run(): Promise<BenchResult> | BenchResult
}

/** The goal a figure's value must meet. */
export type Goal = { below: number } | { atMost: number } | { atLeast: number }

function judge(value: number, goal: Goal): { target: string; ok: boolean } {
  if ('below' in goal) return { target: `< ${goal.below}`, ok: value < goal.below }
  if ('atMost' in goal) return { target: `≤ ${goal.atMost}`, ok: value <= goal.atMost }
  return { target: `≥ ${goal.atLeast}`, ok: value >= goal.atLeast }
}

/** A ratio of two things measured in this run; `baseline` names the denominator. */
export function sameRunRatio(value: number, goal: Goal, baseline: string, unit = 'ratio'): BenchResult {
  return { value, unit, ...judge(value, goal), kind: 'same-run ratio', baseline }
}

/** A measured time divided by a constant. */
export function overFixedLimit(ms: number, limit: FixedLimit, goal: Goal, unit = `of ${Number(limit.ms.toPrecision(4))} ms`): BenchResult {
  return { value: ms / limit.ms, unit, ...judge(ms / limit.ms, goal), kind: 'time over a fixed limit', limit }
}

/** One line for the text output: the value, its goal, and what kind of number it is. */
export function describeResult(name: string, result: BenchResult): string {
  const kind =
    result.kind === 'same-run ratio'
      ? `same-run ratio; baseline: ${result.baseline ?? '?'}`
      : `time over a fixed limit; ${result.limit?.basis ?? '?'}: ${result.limit?.what ?? '?'}`
  const note = result.note ? `; ${result.note}` : ''
  return `${name}: ${result.value} ${result.unit} (target: ${result.target}) [${kind}${note}]${result.ok ? '' : '  ✗ MISSED'}`
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
