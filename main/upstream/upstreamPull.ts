/**
 * The notice feed's poll (docs/upstream.md): from the stored cursor, page by
 * page until the platform has nothing newer, each page handed to `apply`,
 * which stores it with the new cursor in one local transaction. No LISTEN:
 * the platform is across the internet and pushes nothing to a counter PC;
 * a poll every `pollMs` (and `pullNow` from the CLI and tests) is enough for
 * decisions that take days.
 */
import type { UpstreamClient } from './upstreamClient'

export interface PullPassResult {
  pages: number
  notices: number
  applied: number
}

export type UpstreamPullReport = { ok: true; at: Date } | { ok: false; reason: string }

export interface UpstreamPullDeps {
  client: Pick<UpstreamClient, 'fetchNotices'>
  cursor(): string | null
  /** Stores the page's notices, applies what is due and keeps `cursor`, in one transaction; answers how many were applied. */
  apply(notices: readonly unknown[], cursor: string | null): { applied: number }
  pollMs: number
  pageSize?: number
  now(): Date
  report?: (r: UpstreamPullReport) => void
}

const MAX_PAGES_PER_PASS = 1000

export class UpstreamPuller {
  private timer: ReturnType<typeof setInterval> | null = null
  private pulling: Promise<PullPassResult> | null = null
  private stopped = true
  // The pass running now: a stop cuts its request and its remaining pages (a slow platform must not hold the app's close).
  private passing: AbortController | null = null

  constructor(private readonly deps: UpstreamPullDeps) {}

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.timer = setInterval(() => this.wake(), this.deps.pollMs)
    this.timer.unref()
    this.wake()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.passing?.abort(new Error('工作站正在停止'))
    await this.pulling?.catch(() => undefined)
  }

  /** One pass now (after the one running, if any); throws when the platform cannot be read. */
  pullNow(): Promise<PullPassResult> {
    if (this.pulling) return this.pulling.catch(() => undefined).then(() => this.pullNow())
    this.pulling = this.pass().finally(() => {
      this.pulling = null
    })
    return this.pulling
  }

  private wake(): void {
    if (this.stopped || this.pulling) return
    this.pullNow().catch((err: unknown) => this.deps.report?.({ ok: false, reason: err instanceof Error ? err.message : String(err) }))
  }

  private async pass(): Promise<PullPassResult> {
    const result: PullPassResult = { pages: 0, notices: 0, applied: 0 }
    const passing = new AbortController()
    this.passing = passing
    try {
      await this.pages(result, passing.signal)
    } finally {
      if (this.passing === passing) this.passing = null
    }
    this.deps.report?.({ ok: true, at: this.deps.now() })
    return result
  }

  private async pages(result: PullPassResult, signal: AbortSignal): Promise<void> {
    for (let i = 0; i < MAX_PAGES_PER_PASS && !signal.aborted; i++) {
      const page = await this.deps.client.fetchNotices(this.deps.cursor(), this.deps.pageSize ?? 100, signal)
      result.pages++
      result.notices += page.notices.length
      // Applied even when empty: notices a person re-queued, or waiting for a predecessor that came, go now.
      result.applied += this.deps.apply(page.notices, page.cursor).applied
      if (!page.more || page.notices.length === 0) break
    }
  }
}
