/**
 * When the emulated reader's answer may leave. A real reader cannot answer
 * faster than its serial line carries the bytes, and a read first waits for
 * the card on the radio side (spec §1: 1295 bytes take ≈ 112 ms at 115,200
 * baud; desk readers answer a read in 0.5–1.5 s). An emulator that answers in
 * a few milliseconds hides timing bugs in drivers, so real timing is the
 * default; tests that need speed opt out with `timing: 'instant'`. Pure, so
 * the figure is tested without a clock.
 */
import { SAM_COMMANDS } from '../devices/idcard/samFrame'

export type ReaderTimingMode = 'real' | 'instant'

export interface ReaderTiming {
  mode: ReaderTimingMode
  /** The line speed the answers travel at (spec §1: 115200 by default; 57600 … 9600 possible). */
  baudRate: number
  /** The card's own time for a read (0x30 0x01 / 0x30 0x10), before the answer's first byte. */
  cardReadMs: number
}

/** 8N1: a start bit, eight data bits, a stop bit. */
export const BITS_PER_BYTE = 10

/**
 * 400 ms on the radio side plus ≈ 112 ms on the wire puts a read at ≈ 0.5 s,
 * the fast end of the 0.5–1.5 s the spec (§1) gives for real readers.
 */
export const CARD_READ_MS = 400

export const defaultReaderTiming: ReaderTiming = { mode: 'real', baudRate: 115_200, cardReadMs: CARD_READ_MS }

/** The emulator's timing from its options: real unless told otherwise. */
export function readerTiming(options: Partial<ReaderTiming> = {}): ReaderTiming {
  const timing = { ...defaultReaderTiming, ...options }
  if (!(timing.baudRate > 0)) throw new RangeError(`波特率应为正数，收到 ${timing.baudRate}`)
  if (!(timing.cardReadMs >= 0)) throw new RangeError(`读卡时间不能为负，收到 ${timing.cardReadMs}`)
  return timing
}

/** How long `bytes` take on a line at `baudRate` (8N1), in ms. */
export function wireTimeMs(bytes: number, baudRate: number): number {
  return (bytes * BITS_PER_BYTE * 1000) / baudRate
}

/** Only these talk to the card's data files long enough to matter. */
function isCardRead(command: Uint8Array): boolean {
  const cmd = command[7]
  const para = command[8]
  return (
    cmd === SAM_COMMANDS.readText.cmd && (para === SAM_COMMANDS.readText.para || para === SAM_COMMANDS.readWithFingerprint.para)
  )
}

/**
 * The delay before the whole answer to `command` (a complete command frame)
 * has left the reader: the card's read time for a read, plus the answer's own
 * wire time. 0 with `mode: 'instant'`.
 */
export function answerDelayMs(command: Uint8Array, answerBytes: number, timing: ReaderTiming): number {
  if (timing.mode === 'instant') return 0
  return (isCardRead(command) ? timing.cardReadMs : 0) + wireTimeMs(answerBytes, timing.baudRate)
}
