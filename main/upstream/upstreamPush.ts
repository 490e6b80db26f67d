/**
 * The outbox consumer of lane `upstream`: sends one event per row to the
 * platform with the row's idempotency key. Exactly once: the platform stores
 * an event by its key, so a retry after a lost reply, a reset, a timeout or a
 * crash mid-call finds it there and answers "duplicate" — done. In order per
 * case: the outbox runs a case's rows one after the other (order key).
 *
 * The platform away, busy (5xx) or throttling (429) → retry, never park (a
 * week offline is a backlog); our signature refused → retry slowly until the
 * station is registered; a refusal retrying cannot fix (a bad body, a key
 * reused with another body, a business refusal) → parked with its reason.
 * ID numbers are opened here, at send time, and go nowhere but the request.
 */
import type { OutboxConsumer, OutboxContext, OutboxOutcome, OutboxRow } from '../outbox/outboxConsumer'
import type { IdCipher } from '../store/idCipher'
import { type UpstreamClient, UpstreamRefusal } from './upstreamClient'
import { UpstreamTransportError } from './upstreamHttp'
import { UPSTREAM_EVENT_KIND, type UpstreamEventPayload } from './upstreamLane'
import type { UpstreamEventBody } from '../domain/upstream/upstreamMessages'

export type UpstreamReport = { ok: true; at: Date } | { ok: false; offline: boolean; reason: string }

export interface UpstreamPushDeps {
  client: UpstreamClient
  cipher: IdCipher
  report?: (r: UpstreamReport) => void
}

// Registration is a person's job: look again every minute, not on the backoff's schedule.
const AUTH_RETRY_MS = 60_000

export class UpstreamPushConsumer implements OutboxConsumer {
  constructor(private readonly deps: UpstreamPushDeps) {}

  async handle(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome> {
    if (row.kind !== UPSTREAM_EVENT_KIND) return { kind: 'park', reason: `平台通道没有处理“${row.kind}”任务的程序（外发作业 #${row.id}）`, errorClass: 'bad_payload' }
    let body: Buffer
    try {
      body = Buffer.from(JSON.stringify(this.wireBody(row.payload as UpstreamEventPayload)), 'utf8')
    } catch (err) {
      return { kind: 'park', reason: `外发作业 #${row.id} 的内容无法还原：${err instanceof Error ? err.message : String(err)}`, errorClass: 'bad_payload' }
    }
    try {
      const receipt = await this.deps.client.postEvent(row.idempotencyKey, body, ctx.signal)
      this.deps.report?.({ ok: true, at: ctx.now() })
      return { kind: 'done', result: receipt }
    } catch (err) {
      return this.failed(err)
    }
  }

  /** The body as sent: the payload's, with the sealed ID numbers opened. */
  private wireBody(p: UpstreamEventPayload): UpstreamEventBody {
    if (!p.body.applicant || (p.idSealed === null && p.handlerIdSealed === null)) return p.body
    const { cipher } = this.deps
    return {
      ...p.body,
      applicant: {
        ...p.body.applicant,
        idNumber: p.idSealed === null ? null : cipher.decryptId(Buffer.from(p.idSealed, 'base64')),
        handlerIdNumber: p.handlerIdSealed === null ? null : cipher.decryptId(Buffer.from(p.handlerIdSealed, 'base64')),
      },
    }
  }

  private failed(err: unknown): OutboxOutcome {
    if (err instanceof UpstreamRefusal) {
      switch (err.refusalClass) {
        case 'rate_limited':
          this.deps.report?.({ ok: false, offline: false, reason: err.message })
          // Refused before any work: nothing was stored.
          return { kind: 'retry', reason: err.message, errorClass: 'rate_limited', uncertain: false, ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }) }
        case 'auth':
          this.deps.report?.({ ok: false, offline: false, reason: err.message })
          return { kind: 'retry', reason: err.message, errorClass: 'upstream_auth', uncertain: false, retryAfterMs: AUTH_RETRY_MS }
        case 'busy':
          this.deps.report?.({ ok: false, offline: false, reason: err.message })
          // A 5xx may come after the platform stored it: the key makes the retry a no-op.
          return { kind: 'retry', reason: err.message, errorClass: 'upstream_busy', uncertain: true }
        case 'refused':
          this.deps.report?.({ ok: false, offline: false, reason: err.message })
          return { kind: 'park', reason: err.message, errorClass: 'upstream_refused' }
      }
    }
    if (err instanceof UpstreamTransportError) {
      this.deps.report?.({ ok: false, offline: err.errorClass === 'offline', reason: err.message })
      if (err.errorClass === 'unknown_outcome') return { kind: 'retry', reason: err.message, errorClass: 'unknown_outcome', uncertain: true }
      if (err.errorClass === 'tls') return { kind: 'retry', reason: err.message, errorClass: 'upstream_tls', retryAfterMs: AUTH_RETRY_MS }
      return { kind: 'retry', reason: err.message, errorClass: err.errorClass === 'config' ? 'upstream_config' : 'upstream_offline' }
    }
    const reason = err instanceof Error ? err.message : String(err)
    return { kind: 'retry', reason: `推送到政务服务平台失败：${reason}`, errorClass: 'unknown_outcome', uncertain: true }
  }
}
