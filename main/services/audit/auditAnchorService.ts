/**
 * Keeps the audit chain's signed anchor (store/auditAnchor.ts) close behind
 * the head while the station runs: at start, every minute, and once more at
 * a clean stop, after the writers have stopped. A missing or refused anchor
 * is never replaced here — that would sign over the damage it shows — but
 * told to the station's log, once per distinct reason, with what to do.
 */
import type { AnchorAdvance, AuditAnchor } from '../../store/auditAnchor'
import type { Store } from '../../store/store'

export interface AuditAnchorDeps {
  store: Store
  /** Where a problem is told (the station's log); defaults to stderr. */
  log?: (line: string) => void
  /** Tests: how often the timer anchors; default every minute. */
  everyMs?: number
  /** Told each time the anchor moves (hall mode: the head is pushed to the hall too; services/hall/hallAnchor.ts). */
  onAnchored?: (anchor: AuditAnchor) => void
}

const EVERY_MS = 60_000

export class AuditAnchorService {
  private timer: ReturnType<typeof setInterval> | undefined
  private toldProblem: string | undefined

  constructor(private readonly deps: AuditAnchorDeps) {}

  /** Anchors now, then on the timer until `stop`. */
  start(): AnchorAdvance | null {
    const first = this.anchorNow()
    if (!this.timer) {
      this.timer = setInterval(() => this.anchorNow(), this.deps.everyMs ?? EVERY_MS)
      // The anchor must not keep a closing station (or a test run) alive.
      this.timer.unref()
    }
    return first
  }

  /** The clean stop's last anchor; call before the store closes. */
  stop(): AnchorAdvance | null {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    return this.anchorNow()
  }

  /** Moves the anchor to the head if the rows since it check out; null when the store is closed or the write failed. */
  anchorNow(): AnchorAdvance | null {
    const { store } = this.deps
    if (!store.isOpen) return null
    let result: AnchorAdvance
    try {
      result = store.advanceAuditAnchor('leave')
    } catch (err) {
      this.tell(`[audit] 审计锚点写入失败：${err instanceof Error ? err.message : String(err)}`)
      return null
    }
    if (result.kind === 'missing') {
      this.tell(`[audit] 找不到审计锚点 ${store.auditAnchorFile}（被删除？）：本机不再更新锚点。请运行 npm run cli -- audit verify 核对审计链，确认无误后运行 audit anchor 重建`)
    } else if (result.kind === 'refused') {
      this.tell(`[audit] 审计锚点未更新：${result.reason}。请运行 npm run cli -- audit verify 核对`)
    } else {
      this.toldProblem = undefined
      // Unchanged too: a station joined after its last anchor still gets it to the hall (the key makes a repeat a no-op).
      this.anchored(result.anchor)
    }
    return result
  }

  private anchored(anchor: AuditAnchor): void {
    try {
      this.deps.onAnchored?.(anchor)
    } catch (err) {
      this.tell(`[audit] 审计锚点未能排入大厅同步：${err instanceof Error ? err.message : String(err)}`)
    }
  }

  private tell(line: string): void {
    // Once per distinct problem: every minute would bury the rest of the log.
    if (line === this.toldProblem) return
    this.toldProblem = line
    ;(this.deps.log ?? ((l: string) => console.error(l)))(line)
  }
}
