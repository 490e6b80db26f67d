/**
 * The platform's three calls, signed (docs/upstream.md): post one event,
 * read a page of the notice feed, register the station's key. One attempt
 * each — the outbox and the pull loop decide when to try again — and every
 * answer read into a value or an `UpstreamRefusal`/`UpstreamTransportError`
 * the caller acts on by class.
 */
import type { KeyObject } from 'node:crypto'
import { utcTimestamp } from '../domain/timestamps'
import { retryAfterMs, sendOnce, UpstreamTransportError, type WireReply } from './upstreamHttp'
import { errorBodySchema, EVENTS_PATH, feedPageSchema, NOTICES_PATH, STATIONS_PATH, type Registration } from '../domain/upstream/upstreamMessages'
import { signatureHeaders, signedHeaders } from './upstreamSignature'

/** How a refusal is to be handled: `auth` waits for registration, `rate_limited` for Retry-After, `busy` (5xx) retries, `refused` parks. */
export type RefusalClass = 'auth' | 'rate_limited' | 'busy' | 'refused'

export class UpstreamRefusal extends Error {
  constructor(
    readonly refusalClass: RefusalClass,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message)
  }
}

export interface UpstreamClientOptions {
  /** The platform's base URL (`https://zwfw.example.gov.cn/ow`); paths are appended. */
  url: string
  stationId: string
  key: { privateKey: KeyObject; keyId: string }
  timeoutMs: number
  ca?: Buffer
  /** The hall's clock (settable in tests): the signed timestamp. */
  clock: { now(): Date }
}

export interface EventReceipt {
  receiptNo: string
  duplicate: boolean
}

export class UpstreamClient {
  private readonly base: string

  constructor(private readonly o: UpstreamClientOptions) {
    this.base = o.url.replace(/\/+$/, '')
  }

  async postEvent(eventId: string, body: Buffer, signal?: AbortSignal): Promise<EventReceipt> {
    const reply = await this.call('POST', EVENTS_PATH, body, eventId, signal)
    const json = parseJson(reply.text) as { code?: unknown; receiptNo?: unknown; duplicate?: unknown } | null
    if (json?.code !== 'OK' || typeof json.receiptNo !== 'string') {
      // A 2xx the platform did not finish writing (a gateway page): it may or may not have stored it.
      throw new UpstreamRefusal('busy', reply.status, 'BAD_REPLY', `政务服务平台的答复无法识别（HTTP ${reply.status}）`)
    }
    return { receiptNo: json.receiptNo, duplicate: json.duplicate === true }
  }

  async fetchNotices(after: string | null, limit: number, signal?: AbortSignal): Promise<{ notices: unknown[]; cursor: string; more: boolean }> {
    const query = new URLSearchParams({ limit: String(limit), ...(after === null ? {} : { after }) })
    const reply = await this.call('GET', `${NOTICES_PATH}?${query.toString()}`, Buffer.alloc(0), '', signal)
    const parsed = feedPageSchema.safeParse(parseJson(reply.text))
    if (!parsed.success) throw new UpstreamRefusal('busy', reply.status, 'BAD_REPLY', `政务服务平台的通知答复无法识别（HTTP ${reply.status}）`)
    return parsed.data
  }

  async register(registration: Registration, enrolToken?: string): Promise<{ registered: boolean }> {
    const body = Buffer.from(JSON.stringify(registration), 'utf8')
    const reply = await this.call('POST', STATIONS_PATH, body, '', undefined, enrolToken ? { [signatureHeaders.enrolToken]: enrolToken } : {})
    return { registered: reply.status === 201 }
  }

  private async call(method: 'GET' | 'POST', path: string, body: Buffer, idempotencyKey: string, signal?: AbortSignal, extra: Record<string, string> = {}): Promise<WireReply> {
    const timestamp = utcTimestamp(this.o.clock.now())
    const url = new URL(this.base + path)
    // The path as sent, the base URL's own path included (`/ow/api/v1/events`): what the platform sees and checks.
    const parts = { method, path: url.pathname + url.search, station: this.o.stationId, keyId: this.o.key.keyId, timestamp, idempotencyKey, body }
    const headers = { ...signedHeaders(parts, this.o.key.privateKey), ...extra, ...(method === 'POST' ? { 'content-type': 'application/json; charset=utf-8' } : {}), accept: 'application/json' }
    const reply = await sendOnce({ url, method, headers, body, timeoutMs: this.o.timeoutMs, ...(this.o.ca ? { ca: this.o.ca } : {}), ...(signal ? { signal } : {}) })
    if (reply.status >= 200 && reply.status < 300) return reply
    throw refusalOf(reply, this.o.clock.now().getTime())
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** A non-2xx answer as the refusal it is (docs/upstream.md "Answers"). */
export function refusalOf(reply: WireReply, nowMs: number): UpstreamRefusal {
  const parsed = errorBodySchema.safeParse(parseJson(reply.text))
  const code = parsed.success ? parsed.data.code : `HTTP_${reply.status}`
  const said = parsed.success && parsed.data.message ? `：${parsed.data.message.slice(0, 200)}` : ''
  const status = reply.status
  if (status === 429) {
    const wait = retryAfterMs(reply.headers['retry-after'], nowMs)
    return new UpstreamRefusal('rate_limited', status, code, `政务服务平台限流（HTTP 429），${wait === undefined ? '稍后' : `${Math.ceil(wait / 1000)} 秒后`}再试`, wait)
  }
  if (status === 401 || status === 403) {
    return new UpstreamRefusal('auth', status, code, `政务服务平台拒绝了本站的签名（${code}${said}）：请运行 npm run cli -- upstream register --data 数据目录 登记本站公钥`)
  }
  if (status >= 500 || status === 408) return new UpstreamRefusal('busy', status, code, `政务服务平台暂不可用（HTTP ${status}${said}）`)
  return new UpstreamRefusal('refused', status, code, `政务服务平台拒收（HTTP ${status} ${code}${said}）`)
}

export { UpstreamTransportError }
