/**
 * A camera decoder reads a barcode many times a second and, on a blurred or
 * skewed frame, sometimes reads it wrong. A reading is accepted only when
 * `required` consecutive decodes agree; a different reading in between starts
 * the count again, and so does a pause (the code left the picture). After accepting, the same code is ignored for `holdOffMs`
 * (it is still in front of the camera) so one card is one scan.
 */
export interface ReadingAgreementOptions {
  required: number
  holdOffMs: number
  /** Decodes further apart than this are not consecutive (the code left the view in between). */
  streakGapMs: number
}

export class ReadingAgreement {
  private candidate: string | null = null
  private count = 0
  private lastReadAt = Number.NEGATIVE_INFINITY
  private lastAccepted: { code: string; at: number } | null = null
  private readonly options: ReadingAgreementOptions

  constructor(options: Partial<ReadingAgreementOptions> = {}) {
    this.options = { required: 3, holdOffMs: 3000, streakGapMs: 500, ...options }
  }

  /** One decode result; returns the code when this reading makes it accepted, else null. */
  push(code: string, now: number): string | null {
    const isStreak = code === this.candidate && now - this.lastReadAt <= this.options.streakGapMs
    this.lastReadAt = now
    if (isStreak) {
      this.count++
    } else {
      this.candidate = code
      this.count = 1
    }
    if (this.count < this.options.required) return null
    this.candidate = null
    this.count = 0
    const last = this.lastAccepted
    if (last && last.code === code && now - last.at < this.options.holdOffMs) {
      last.at = now // still in view: keep ignoring it until it has been away a while
      return null
    }
    this.lastAccepted = { code, at: now }
    return code
  }

  /** Streak and hold-off forgotten (the scanner was closed and reopened). */
  reset(): void {
    this.candidate = null
    this.count = 0
    this.lastReadAt = Number.NEGATIVE_INFINITY
    this.lastAccepted = null
  }
}
