/**
 * Turns serial chunks into whole SAM frames (spec §2.5): chunks arrive split
 * and merged at random, readers emit stray bytes at power-up, and a corrupted
 * LEN must not swallow the next good frame. Pure and bounded: the buffer never
 * holds more than one maximal frame plus the chunk being processed.
 */
import { HEADER_BYTES, MAX_LEN, MIN_RESPONSE_LEN, PREAMBLE } from './samFrame'

export interface FrameAssemblerOptions {
  /** Smallest LEN accepted: 4 for responses (default), 3 for commands (the emulator's side). */
  minLen?: number
}

export interface AssemblerStats {
  /** Bytes dropped while looking for a preamble, including rejected headers. */
  skippedBytes: number
  /** Headers whose LEN was out of range. */
  rejectedHeaders: number
}

const MAX_FRAME = HEADER_BYTES + MAX_LEN
const P0 = PREAMBLE[0]!

export class FrameAssembler {
  private buffer = new Uint8Array(MAX_FRAME * 2)
  private start = 0
  private end = 0
  private readonly minLen: number
  readonly stats: AssemblerStats = { skippedBytes: 0, rejectedHeaders: 0 }

  constructor(options: FrameAssemblerOptions = {}) {
    this.minLen = options.minLen ?? MIN_RESPONSE_LEN
  }

  /** Bytes waiting for the rest of a frame (or a preamble). */
  get pending(): number {
    return this.end - this.start
  }

  /** Drops everything buffered: called before each new command (spec §2.5 step 5). */
  reset(): void {
    this.start = 0
    this.end = 0
  }

  /**
   * Feeds one chunk; returns every frame it completes, each a fresh copy
   * (preamble through CHK). Checksums are the decoder's business, not ours.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = []
    let offset = 0
    while (offset < chunk.length) {
      // Feed at most what fits so the buffer stays bounded whatever the chunk size.
      const room = this.buffer.length - this.end
      if (room === 0) this.compact()
      const take = Math.min(chunk.length - offset, this.buffer.length - this.end)
      this.buffer.set(chunk.subarray(offset, offset + take), this.end)
      this.end += take
      offset += take
      this.extract(frames)
    }
    return frames
  }

  private extract(frames: Uint8Array[]): void {
    for (;;) {
      if (!this.seekPreamble()) return
      if (this.end - this.start < HEADER_BYTES) return
      const len = (this.buffer[this.start + 5]! << 8) | this.buffer[this.start + 6]!
      if (len < this.minLen || len > MAX_LEN) {
        // A noisy header: the real preamble may start inside it, so resume one byte on.
        this.stats.rejectedHeaders++
        this.stats.skippedBytes++
        this.start++
        continue
      }
      const total = HEADER_BYTES + len
      if (this.end - this.start < total) {
        if (this.start + total > this.buffer.length) this.compact()
        return
      }
      frames.push(this.buffer.slice(this.start, this.start + total))
      this.start += total
      if (this.start === this.end) this.reset()
    }
  }

  /**
   * Advances `start` to the next full preamble. Returns false when none is
   * buffered yet; keeps a possible partial preamble at the tail.
   */
  private seekPreamble(): boolean {
    const buf = this.buffer
    let i = this.start
    while (i < this.end) {
      if (buf[i] !== P0) {
        i++
        continue
      }
      let matched = 1
      while (matched < PREAMBLE.length && i + matched < this.end && buf[i + matched] === PREAMBLE[matched]) matched++
      if (matched === PREAMBLE.length) break
      if (i + matched === this.end) break // a preamble may be completing: wait for more bytes
      i++
    }
    this.stats.skippedBytes += i - this.start
    this.start = i
    if (this.start === this.end) {
      this.reset()
      return false
    }
    return this.end - this.start >= PREAMBLE.length
  }

  private compact(): void {
    if (this.start === 0) return
    this.buffer.copyWithin(0, this.start, this.end)
    this.end -= this.start
    this.start = 0
  }
}
