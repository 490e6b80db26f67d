/**
 * Tells a listener the outbox's counts after changes, coalesced: a drain
 * settles hundreds of rows a second and the status bar needs the latest
 * counts, not each step. The first change is told on the next turn, later
 * ones at most once per interval; the last change is always told.
 */
export class CountsNotifier<T> {
  private timer: NodeJS.Timeout | null = null
  private isDue = false
  private lastToldAt = -Infinity

  constructor(
    private readonly read: () => T | undefined,
    private readonly tell: ((counts: T) => void) | undefined,
    private readonly intervalMs: number,
  ) {}

  changed(): void {
    if (!this.tell || this.isDue) return
    this.isDue = true
    const wait = Math.max(0, this.lastToldAt + this.intervalMs - performance.now())
    this.timer = setTimeout(() => {
      this.timer = null
      this.tellNow()
    }, wait)
  }

  /** A change still waiting to be told is told now (at stop: a screen must not keep counts from before it). */
  flush(): void {
    if (!this.timer) return
    clearTimeout(this.timer)
    this.timer = null
    this.tellNow()
  }

  private tellNow(): void {
    this.isDue = false
    this.lastToldAt = performance.now()
    const counts = this.read()
    if (counts === undefined || !this.tell) return
    try {
      this.tell(counts)
    } catch (err) {
      console.error('[outbox] a counts listener failed:', err instanceof Error ? err.message : err)
    }
  }
}
