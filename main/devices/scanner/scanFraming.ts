/**
 * How a serial (USB CDC / RS-232) barcode scanner delimits one scan, and the
 * pure framer that turns a byte stream into scans. Shared by the driver and
 * the emulator; no I/O here (timers are the driver's job: it calls
 * `flushIdle` when the line has been quiet long enough).
 *
 * See specs/idcard-reader.md §9: a frame ends at the configured suffix, or,
 * when the scanner sends none, at an idle gap of ~50–100 ms.
 */

/** The suffixes a scanner can be programmed with, and the bytes each appends to a code. */
const suffixes = {
  CR: [0x0d],
  LF: [0x0a],
  CRLF: [0x0d, 0x0a],
  TAB: [0x09],
  NONE: [],
} as const satisfies Record<string, readonly number[]>

export type ScanTerminator = keyof typeof suffixes
/** Every terminator, for the config schema and the CLI. */
export const scanTerminators = Object.keys(suffixes) as [ScanTerminator, ...ScanTerminator[]]

/** The suffix bytes a scanner programmed with this terminator appends to each code. */
export function terminatorBytes(terminator: ScanTerminator): Buffer {
  return Buffer.from(suffixes[terminator])
}

/** The byte that ends a frame: the suffix's last (CRLF ends at LF; its CR is trimmed as line noise). */
function endByte(terminator: ScanTerminator): number | undefined {
  return suffixes[terminator].at(-1)
}

/** Longest code we keep buffering without a suffix; beyond that the line is noise, not a barcode. */
export const MAX_SCAN_BYTES = 4096

/** CR, LF and Tab: line noise when they arrive between codes. */
const isLineNoise = (byte: number): boolean => byte === 0x0d || byte === 0x0a || byte === 0x09

/**
 * Bytes in, scans out. Stray CR/LF/Tab between codes never open a fragment
 * and empty frames are dropped, so a scanner sending CRLF while configured
 * for CR yields one clean scan per code and leaves nothing waiting (the LF
 * would otherwise sit there until the driver called it a missing suffix).
 */
export class ScanFramer {
  private pending: number[] = []
  private readonly end: number | undefined
  /** A runaway line was cut: its tail up to the next frame end is dropped too, never delivered as a scan. */
  private isSkippingRunaway = false
  private runawayLines = 0

  constructor(readonly terminator: ScanTerminator) {
    this.end = endByte(terminator)
  }

  /** Feeds received bytes; returns the scans they complete (often none, for a split frame). */
  push(chunk: Uint8Array): string[] {
    const scans: string[] = []
    for (const byte of chunk) {
      if (this.end !== undefined && byte === this.end) {
        if (this.isSkippingRunaway) this.isSkippingRunaway = false
        else this.emit(scans)
        continue
      }
      if (this.isSkippingRunaway) continue
      if (this.pending.length === 0 && isLineNoise(byte)) continue
      this.pending.push(byte)
      // A runaway line (wrong baud rate, wrong suffix): cut it rather than grow forever.
      if (this.pending.length >= MAX_SCAN_BYTES) {
        this.pending = []
        this.isSkippingRunaway = true
        this.runawayLines++
      }
    }
    return scans
  }

  /** How many runaway lines (over MAX_SCAN_BYTES without a frame end) were dropped since the last call. */
  takeRunawayCount(): number {
    const count = this.runawayLines
    this.runawayLines = 0
    return count
  }

  /** True while the tail of a runaway line is being skipped. */
  get isSkipping(): boolean {
    return this.isSkippingRunaway
  }

  /** Bytes waiting for their suffix, or a runaway tail waiting for its end (the driver decides what a long wait means). */
  get hasPending(): boolean {
    return this.pending.length > 0 || this.isSkippingRunaway
  }

  /** The line went quiet: with no suffix configured, what arrived is one whole scan (a runaway tail is not). */
  flushIdle(): string[] {
    if (this.isSkippingRunaway) {
      this.isSkippingRunaway = false
      this.pending = []
      return []
    }
    const scans: string[] = []
    this.emit(scans)
    return scans
  }

  /** Drops a fragment that will never be completed (port closed, suffix never came). */
  discard(): string {
    const dropped = decodeScan(this.pending)
    this.pending = []
    this.isSkippingRunaway = false
    return dropped
  }

  private emit(into: string[]): void {
    const text = decodeScan(this.pending)
    this.pending = []
    if (text.length > 0) into.push(text)
  }
}

/**
 * Barcodes on cases, waybills and licences are ASCII; a scanner in serial
 * mode may also send UTF-8 (Chinese in QR codes — the reason to use serial
 * mode at all), so decode as UTF-8 and trim line noise around it.
 */
function decodeScan(bytes: number[]): string {
  return Buffer.from(bytes)
    .toString('utf8')
    .replace(/^[\r\n\t]+|[\r\n\t]+$/g, '')
}
