/**
 * One HTTP(S) attempt to the platform, and every way it can fail turned into
 * one error with a class the push acts on. node:http/https rather than fetch:
 * a hall's platform often has its own CA (`upstream.tls.caFile`), which
 * node's https takes per request.
 *
 * The rule (as for the carrier, specs/dispatch.md §B2): once the request may
 * have reached the platform, a failure short of an answer is
 * `unknown_outcome` — the event may be stored. Here that is harmless (the
 * platform dedupes by Idempotency-Key), but the row is marked uncertain all
 * the same, so the trail tells the truth.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { rootCertificates } from 'node:tls'

export type UpstreamErrorClass = 'offline' | 'unknown_outcome' | 'tls' | 'config'

export class UpstreamTransportError extends Error {
  constructor(
    readonly errorClass: UpstreamErrorClass,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface WireRequest {
  url: URL
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body: Buffer
  timeoutMs: number
  /** PEM trusted in addition to the system's CAs (https only). */
  ca?: Buffer
  signal?: AbortSignal
}

export interface WireReply {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

// Failures where the request cannot have left this machine.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
const TLS_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/
const MAX_REPLY = 4 * 1024 * 1024

export function sendOnce(req: WireRequest): Promise<WireReply> {
  return new Promise((resolve, reject) => {
    const isHttps = req.url.protocol === 'https:'
    if (!isHttps && req.url.protocol !== 'http:') {
      reject(new UpstreamTransportError('config', 'BAD_URL', `平台地址 ${req.url.origin} 不是 http(s) 网址`))
      return
    }
    let sent = false
    let settled = false
    const fail = (err: UpstreamTransportError): void => {
      if (settled) return
      settled = true
      reject(err)
    }
    const options = {
      method: req.method,
      headers: { ...req.headers, 'content-length': String(req.body.length) },
      // Node's `ca` replaces the trusted list: the platform's own CA is trusted besides the system's, as the config says.
      ...(isHttps && req.ca ? { ca: [...rootCertificates, req.ca] } : {}),
    }
    const client = (isHttps ? httpsRequest : httpRequest)(req.url, options, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_REPLY) {
          res.destroy(new Error('reply too large'))
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') })
      })
      res.on('error', (err) => fail(transportError(err, true, false, req)))
      res.on('aborted', () => fail(transportError(new Error('reply cut off'), true, false, req)))
    })
    const timer = setTimeout(() => {
      fail(transportError(new Error('timeout'), sent, true, req))
      client.destroy()
    }, req.timeoutMs)
    const onAbort = (): void => {
      fail(new UpstreamTransportError(sent ? 'unknown_outcome' : 'offline', 'ABORTED', '调用被取消（租约到期或工作站停止）'))
      client.destroy()
    }
    req.signal?.addEventListener('abort', onAbort, { once: true })
    client.on('error', (err) => fail(transportError(err, sent, false, req)))
    client.on('close', () => {
      clearTimeout(timer)
      req.signal?.removeEventListener('abort', onAbort)
    })
    client.end(req.body, () => {
      sent = true
    })
  })
}

function codeOf(err: unknown): string {
  let current: unknown = err
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return 'NETWORK'
}

function transportError(err: unknown, sent: boolean, timedOut: boolean, req: WireRequest): UpstreamTransportError {
  const where = req.url.origin
  if (timedOut) return new UpstreamTransportError(sent ? 'unknown_outcome' : 'offline', 'TIMEOUT', `政务服务平台 ${req.timeoutMs} 毫秒内未答复（${where}）${sent ? '：可能已收到，重发时按幂等键去重' : ''}`)
  const code = codeOf(err)
  const text = err instanceof Error ? err.message : String(err)
  if (TLS_CODES.test(code)) return new UpstreamTransportError('tls', code, `与政务服务平台的 HTTPS 连接未通过证书校验（${code}）：检查 upstream.tls.caFile（${where}）`)
  if (NOT_SENT.has(code)) return new UpstreamTransportError('offline', code, `连不上政务服务平台（${code}，${where}）`)
  return new UpstreamTransportError(sent ? 'unknown_outcome' : 'offline', code, `与政务服务平台的连接中断（${code}：${text}）${sent ? '：可能已收到，重发时按幂等键去重' : ''}`)
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (!text) return undefined
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}
