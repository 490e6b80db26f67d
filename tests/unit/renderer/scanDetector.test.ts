import { describe, expect, it } from 'vitest'
import { ScanDetector, type ScanDetectorSettings } from '../../../renderer/hooks/scanDetector'
import { scanTraces, type TraceEvent } from '../../fixtures/scanTraces'

interface Outcome {
  scans: string[]
  field: string
  passedTerminators: number
  /** Longest time a typed character waited before reaching the field, ms. */
  worstDelayMs: number
}

/**
 * Plays a trace the way useScanner does: held keys are swallowed, replays are
 * inserted before the current key, and a timer fires flush() just after the
 * detector's deadline when no key comes.
 */
function play(events: readonly TraceEvent[], settings: Partial<ScanDetectorSettings> = {}): Outcome {
  const detector = new ScanDetector(settings)
  const out: Outcome = { scans: [], field: '', passedTerminators: 0, worstDelayMs: 0 }
  const waiting: number[] = [] // keydown times of held characters, in order
  const insert = (text: string, at: number): void => {
    for (const ch of text) {
      out.field += ch
      const since = waiting.shift()
      if (since !== undefined) out.worstDelayMs = Math.max(out.worstDelayMs, at - since)
    }
  }
  const fireTimerBefore = (time: number): void => {
    const deadline = detector.deadline()
    if (deadline !== null && deadline + 1 < time) insert(detector.flush(deadline + 1), deadline + 1)
  }
  for (const [key, t, flags] of events) {
    fireTimerBefore(t)
    const verdict = detector.feed(key, t, flags ?? {})
    insert(verdict.replay, t)
    if (verdict.action === 'scan') {
      out.scans.push(verdict.text ?? '')
      waiting.length = 0
    } else if (verdict.action === 'hold') {
      waiting.push(t)
    } else if (key === 'Enter' || key === 'Tab') {
      out.passedTerminators++
    } else if (key === 'Backspace') {
      out.field = out.field.slice(0, -1)
    } else if ([...key].length === 1) {
      out.field += key
    }
  }
  fireTimerBefore(Number.POSITIVE_INFINITY)
  return out
}

describe('keyboard-wedge scan detector on the trace set', () => {
  it('has people and scanners, fast and slow, in the set', () => {
    const names = scanTraces.map((t) => t.name).join('\n')
    for (const kind of ['fast typist', 'slow typist', 'fast scanner', 'slow scanner', 'presses Enter']) expect(names).toContain(kind)
    expect(scanTraces.length).toBeGreaterThan(50)
  })

  for (const trace of scanTraces) {
    it(`classifies: ${trace.name}`, () => {
      const out = play(trace.events)
      expect(out.scans).toEqual(trace.scans)
      expect(out.field).toBe(trace.field)
      expect(out.passedTerminators).toBe(trace.passedTerminators)
    })
  }

  it('never makes a person wait more than 130 ms for a typed character', () => {
    const people = scanTraces.filter((t) => t.scans.length === 0)
    const worst = Math.max(...people.map((t) => play(t.events).worstDelayMs))
    expect(worst).toBeLessThanOrEqual(130)
  })
})

describe('keyboard-wedge scan detector rules', () => {
  const burst = (text: string, gapMs: number, terminator = 'Enter', start = 0): TraceEvent[] =>
    [...text, terminator].map((key, i) => [key, start + i * gapMs] as const)

  it('keeps the scanned characters and the terminator out of the field', () => {
    const out = play(burst('32030020261126001', 5))
    expect(out).toMatchObject({ scans: ['32030020261126001'], field: '', passedTerminators: 0 })
  })

  it('honours configured thresholds: a 40 ms scanner is typing by default and a scan when allowed', () => {
    expect(play(burst('SF1234567890', 40)).scans).toEqual([])
    expect(play(burst('SF1234567890', 40), { maxAvgGapMs: 45, maxGapMs: 60 }).scans).toEqual(['SF1234567890'])
  })

  it('rejects a burst with one gap over the limit even when the average is fine', () => {
    const events: TraceEvent[] = [['A', 0], ['B', 5], ['C', 10], ['D', 70], ['E', 75], ['F', 80], ['G', 85], ['Enter', 90]]
    const out = play(events)
    expect(out.scans).toEqual([])
    expect(out.field).toBe('ABCDEFG')
    expect(out.passedTerminators).toBe(1)
  })

  it('does not count Shift keys from a wedge typing capitals as characters or gaps', () => {
    const events: TraceEvent[] = [['Shift', 0], ['S', 1], ['Shift', 4], ['F', 5], ['1', 9], ['2', 13], ['3', 17], ['4', 21], ['Enter', 25]]
    expect(play(events).scans).toEqual(['SF1234'])
  })

  it('with a prefix configured passes unprefixed keys at once and strips the prefix from the scan', () => {
    const settings = { prefix: '§' }
    const detector = new ScanDetector(settings)
    expect(detector.feed('1', 0)).toEqual({ action: 'pass', replay: '' })
    expect(play([['§', 0], ...burst('ABC', 8, 'Enter', 8)], settings).scans).toEqual(['ABC'])
    // Fast typing without the prefix is never held, even at scanner speed.
    expect(play(burst('12345678', 5), settings)).toMatchObject({ scans: [], field: '12345678', passedTerminators: 1 })
  })

  it('gives a typed prefix character back when no scan follows it', () => {
    const out = play([['§', 0], ['a', 300]], { prefix: '§' })
    expect(out.field).toBe('§a')
    expect(out.scans).toEqual([])
  })

  it('replays held characters exactly once, before a Backspace acts on them', () => {
    const detector = new ScanDetector()
    expect(detector.feed('a', 0).action).toBe('hold')
    expect(detector.feed('b', 20).action).toBe('hold')
    expect(detector.feed('Backspace', 30)).toEqual({ action: 'pass', replay: 'ab' })
    expect(detector.flush(1000)).toBe('')
    expect(detector.isHolding).toBe(false)
  })

  it('lets shortcuts and IME keys through and releases what it held', () => {
    const detector = new ScanDetector()
    detector.feed('x', 0)
    expect(detector.feed('c', 10, { hasModifier: true })).toEqual({ action: 'pass', replay: 'x' })
    expect(detector.feed('Process', 20, { isComposing: true })).toEqual({ action: 'pass', replay: '' })
  })

  it('decides after three gaps that a run of 35 ms rollovers is typing, without waiting for the terminator', () => {
    const detector = new ScanDetector()
    expect(['1', '2', '3'].map((k, i) => detector.feed(k, i * 36).action)).toEqual(['hold', 'hold', 'hold'])
    expect(detector.feed('4', 108)).toEqual({ action: 'pass', replay: '123' })
    expect(detector.isHolding).toBe(false)
  })

  it('hands back a burst longer than any barcode instead of holding it', () => {
    const detector = new ScanDetector({ maxLength: 4 })
    for (const [i, ch] of [...'abcd'].entries()) detector.feed(ch, i)
    expect(detector.feed('e', 5)).toEqual({ action: 'pass', replay: 'abcd' })
  })

  it('reports its deadline so the caller can flush typing on time', () => {
    const detector = new ScanDetector({ maxGapMs: 50 })
    expect(detector.deadline()).toBeNull()
    detector.feed('7', 100)
    expect(detector.deadline()).toBe(150)
    expect(detector.flush(150)).toBe('')
    expect(detector.flush(151)).toBe('7')
  })
})
