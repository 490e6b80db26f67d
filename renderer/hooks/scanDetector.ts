/**
 * Tells a keyboard-wedge scanner's burst from a person's typing by timing
 * alone (specs/idcard-reader.md §9): a scan is ≥ minLength characters whose
 * gaps average ≤ maxAvgGapMs with none > maxGapMs, ended by Enter or Tab.
 *
 * Pure: fed `(key, timeStamp)` per keydown, it answers what to do with that
 * key. Characters that might be a scan are HELD (the caller swallows them, so
 * a scan never lands in the focused field); as soon as the burst cannot be a
 * scan any more, the held characters come back once as `replay` for the
 * caller to insert, ahead of the current key — typing is delayed at most
 * maxGapMs, never lost or reordered.
 */

export interface ScanDetectorSettings {
  minLength: number
  maxAvgGapMs: number
  maxGapMs: number
  /**
   * A character the scanner is programmed to send first. With a prefix, only
   * bursts starting with it are held: everything else passes at once.
   */
  prefix: string | null
  /** `KeyboardEvent.key` values that end a scan (and are swallowed with it). */
  terminators: readonly string[]
  /** Longest code we hold; beyond it the burst is a stuck key or a paste-like flood, not a barcode. */
  maxLength: number
}

export const defaultScanDetectorSettings: ScanDetectorSettings = {
  minLength: 6,
  maxAvgGapMs: 30,
  maxGapMs: 50,
  prefix: null,
  terminators: ['Enter', 'Tab'],
  maxLength: 256,
}

export interface KeyVerdict {
  /**
   * - `pass`: let the browser handle the key as usual;
   * - `hold`: swallow it for now (it may belong to a scan);
   * - `scan`: swallow it — it ended the scan in `text`.
   */
  action: 'pass' | 'hold' | 'scan'
  /** Held characters that turned out to be typing: insert them BEFORE acting on this key ('' if none). */
  replay: string
  /** The scanned code (without prefix and terminator) when action is `scan`. */
  text?: string
}

export interface KeyFlags {
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  hasModifier?: boolean
  /** Auto-repeat from a key held down; scanners never produce it. */
  isRepeat?: boolean
  /** An IME is composing (Chinese input): the key is the IME's, not ours. */
  isComposing?: boolean
}

/** Keys after which the running average decides (3 gaps: enough to tell a rollover from a steady scanner). */
const EARLY_VERDICT_KEYS = 4

/** Keys that arrive between a scanner's characters (Shift for capitals) without meaning anything. */
const transparentKeys = new Set(['Shift', 'CapsLock', 'NumLock'])

interface Burst {
  chars: string[]
  /** Timestamps of every key in the burst, the prefix included. */
  times: number[]
  hasPrefix: boolean
}

export class ScanDetector {
  private burst: Burst | null = null
  readonly settings: ScanDetectorSettings

  constructor(settings: Partial<ScanDetectorSettings> = {}) {
    this.settings = { ...defaultScanDetectorSettings, ...settings }
  }

  /** True while keys are being held (the caller should arm a timer for `deadline()`). */
  get isHolding(): boolean {
    return this.burst !== null
  }

  /** When the held burst stops being a possible scan if no key comes (null when nothing is held). */
  deadline(): number | null {
    const last = this.burst?.times.at(-1)
    return last === undefined ? null : last + this.settings.maxGapMs
  }

  /** No key came in time: returns the held characters for the caller to insert ('' if still in time). */
  flush(now: number): string {
    const deadline = this.deadline()
    if (deadline === null || now <= deadline) return ''
    return this.giveUp()
  }

  /** Drops everything held and returns it (focus moved, window blurred). */
  giveUp(): string {
    const burst = this.burst
    this.burst = null
    if (!burst) return ''
    return (burst.hasPrefix ? this.settings.prefix ?? '' : '') + burst.chars.join('')
  }

  feed(key: string, timeStamp: number, flags: KeyFlags = {}): KeyVerdict {
    if (transparentKeys.has(key)) return { action: 'pass', replay: '' }

    // A gap too long already ruled the burst out, even if the timer has not fired yet.
    const replay = this.flush(timeStamp)

    if (flags.hasModifier || flags.isRepeat || flags.isComposing) {
      return { action: 'pass', replay: replay + this.giveUp() }
    }
    if (this.settings.terminators.includes(key)) {
      const text = this.completeScan(timeStamp)
      if (text !== null) return { action: 'scan', replay, text }
      return { action: 'pass', replay: replay + this.giveUp() }
    }
    if (key.length !== 1 && !isSingleCodePoint(key)) {
      // Backspace, arrows, Escape, F-keys: a person at work.
      return { action: 'pass', replay: replay + this.giveUp() }
    }
    return this.feedCharacter(key, timeStamp, replay)
  }

  private feedCharacter(key: string, timeStamp: number, replay: string): KeyVerdict {
    const { prefix, maxLength } = this.settings
    const burst = this.burst
    if (!burst) {
      if (prefix !== null) {
        if (key !== prefix) return { action: 'pass', replay }
        this.burst = { chars: [], times: [timeStamp], hasPrefix: true }
        return { action: 'hold', replay }
      }
      this.burst = { chars: [key], times: [timeStamp], hasPrefix: false }
      return { action: 'hold', replay }
    }
    if (burst.chars.length >= maxLength) {
      // Too long for any barcode: hand it all back, and this key with it.
      return { action: 'pass', replay: replay + this.giveUp() }
    }
    burst.chars.push(key)
    burst.times.push(timeStamp)
    if (this.isTooSlowForAScan(burst)) {
      // This key goes through as typed; the ones before it come back first.
      burst.chars.pop()
      return { action: 'pass', replay: replay + this.giveUp() }
    }
    return { action: 'hold', replay }
  }

  /**
   * A steady scanner's running average stays under the limit from the first
   * keys on; a practised typist's 35 ms rollovers do not. Deciding after a few
   * gaps (instead of waiting for the terminator) keeps a fast typist's
   * characters from piling up unseen. Prefixed bursts are the scanner's by
   * signature and skip this.
   */
  private isTooSlowForAScan(burst: Burst): boolean {
    if (burst.hasPrefix || burst.times.length < EARLY_VERDICT_KEYS) return false
    const first = burst.times[0]!
    const last = burst.times.at(-1)!
    return (last - first) / (burst.times.length - 1) > this.settings.maxAvgGapMs
  }

  /** The terminator arrived in time: is the held burst a scan? Returns its text, or null for typing. */
  private completeScan(timeStamp: number): string | null {
    const burst = this.burst
    if (!burst) return null
    const times = [...burst.times, timeStamp]
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    const { minLength, maxAvgGapMs, maxGapMs } = this.settings
    if (gaps.some((gap) => gap > maxGapMs)) return null
    if (burst.hasPrefix) {
      // A configured prefix is the scanner's signature: only the gap limit still applies.
      if (burst.chars.length === 0) return null
    } else {
      if (burst.chars.length < minLength) return null
      const average = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length
      if (average > maxAvgGapMs) return null
    }
    this.burst = null
    return burst.chars.join('')
  }
}

/** `key` is one character, even outside the BMP (surrogate pairs have length 2). */
function isSingleCodePoint(key: string): boolean {
  return [...key].length === 1
}
