/**
 * SF's wire, one attempt at a time (specs/dispatch.md §A2, §B2): a form POST,
 * the reply read under the same timeout, and every way it can go wrong turned
 * into one CarrierError class. The rule that keeps waybills single: once a
 * create or cancel may have reached the carrier, any failure short of an
 * explicit answer is `unknown_outcome` (look the order up before resending);
 * the same failure on a read is `transient`.
 */
import { CarrierError, type ErrorClass } from '../domain/dispatch/carrierErrors'

export interface WireReply {
  status: number
  headers: Headers
  text: string
}

export interface WireCall {
  /** A create or cancel: the carrier may have acted even if we never saw the reply. */
  isMutating: boolean
  timeoutMs: number
  signal?: AbortSignal
  /** Removes secrets from anything that goes into an error. */
  redact(text: string): string
  now(): Date
}

// Failures where the request cannot have left this machine: safe to resend even a create.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL'])

function causeCode(err: unknown): string | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function uncertain(call: WireCall): ErrorClass {
  return call.isMutating ? 'unknown_outcome' : 'transient'
}

function transportError(err: unknown, call: WireCall, timedOut: boolean): CarrierError {
  if (timedOut) {
    return new CarrierError(uncertain(call), 'sf', 'TIMEOUT', `承运商 ${call.timeoutMs} 毫秒内未答复${call.isMutating ? '：订单可能已建立，先查询再决定是否重发' : ''}`)
  }
  if (call.signal?.aborted) return new CarrierError(uncertain(call), 'sf', 'ABORTED', '调用被取消')
  const code = causeCode(err) ?? 'NETWORK'
  const text = call.redact(err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err))
  if (NOT_SENT_CODES.has(code)) return new CarrierError('transient', 'sf', code, `连不上承运商接口（${code}）：${text}`)
  return new CarrierError(uncertain(call), 'sf', code, `与承运商的连接中断（${code}）${call.isMutating ? '：订单可能已建立，先查询再决定是否重发' : ''}：${text}`)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** POSTs a form; the reply's body is read under the same timeout and must be valid UTF-8. */
export async function postForm(url: string, form: Record<string, string>, call: WireCall): Promise<WireReply> {
  if (call.timeoutMs <= 0) throw new CarrierError('transient', 'sf', 'DEADLINE', '调用期限已过，未发送')
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, call.timeoutMs)
  const onAbort = (): void => controller.abort()
  call.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams(form).toString(),
      signal: controller.signal,
    })
    const bytes = new Uint8Array(await response.arrayBuffer())
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      throw malformed(call, 'NOT_UTF8', `承运商答复不是 UTF-8 文本（${bytes.length} 字节，疑似 GBK 编码）`, response.status)
    }
    return { status: response.status, headers: response.headers, text }
  } catch (err) {
    if (err instanceof CarrierError) throw err
    throw transportError(err, call, timedOut)
  } finally {
    clearTimeout(timer)
    call.signal?.removeEventListener('abort', onAbort)
  }
}

export function malformed(call: WireCall, code: string, message: string, httpStatus?: number, raw?: string): CarrierError {
  const suffix = call.isMutating ? '：订单可能已建立，先查询再决定是否重发' : ''
  return new CarrierError(uncertain(call), 'sf', code, `${message}${suffix}`, {
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(raw === undefined ? {} : { raw: call.redact(raw.slice(0, 500)) }),
  })
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

export interface Envelope {
  apiResultCode: string
  apiErrorMsg: string
  apiResponseID?: string
  apiResultData?: unknown
  accessToken?: string
  expiresIn?: number
}

/** HTTP status and the outer JSON; throws the classified error for anything but a readable envelope. */
export function readEnvelope(reply: WireReply, call: WireCall): Envelope {
  if (reply.status === 429) {
    const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'), call.now().getTime())
    throw new CarrierError('rate_limited', 'sf', 'HTTP 429', `承运商限流，${retryAfterMs === undefined ? '稍后' : `${Math.ceil(retryAfterMs / 1000)} 秒后`}再试`, { httpStatus: 429, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
  }
  if (reply.status >= 500) throw malformed(call, `HTTP ${reply.status}`, `承运商接口返回 HTTP ${reply.status}`, reply.status, reply.text)
  if (reply.status === 401 || reply.status === 403) {
    throw new CarrierError('auth', 'sf', `HTTP ${reply.status}`, `承运商拒绝访问（HTTP ${reply.status}）：检查顾客编码、校验码和本机 IP 是否已报备`, { httpStatus: reply.status })
  }
  if (reply.status !== 200) {
    // A 404 or 400 from the gateway: the address or the form is wrong, not the moment.
    throw new CarrierError('validation', 'sf', `HTTP ${reply.status}`, `承运商接口返回 HTTP ${reply.status}：检查接口地址配置`, { httpStatus: reply.status, raw: call.redact(reply.text.slice(0, 500)) })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(reply.text)
  } catch {
    throw malformed(call, 'BAD_JSON', '承运商答复不是有效的 JSON（可能被截断或是网关页面）', 200, reply.text)
  }
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as Envelope).apiResultCode !== 'string') {
    throw malformed(call, 'BAD_ENVELOPE', '承运商答复缺少 apiResultCode', 200, reply.text)
  }
  return parsed as Envelope
}

/** The gateway's own codes (A1xxx): null for A1000 (ok). */
export function apiCodeError(envelope: Envelope, call: WireCall): CarrierError | null {
  const code = envelope.apiResultCode
  if (code === 'A1000') return null
  const said = call.redact(envelope.apiErrorMsg || code)
  switch (code) {
    case 'A1001':
      return new CarrierError('validation', 'sf', code, `承运商报缺少必填参数：${said}`)
    case 'A1002':
      return new CarrierError('clock', 'sf', code, `承运商认为请求已过期（${said}）：请核对本机时钟`)
    case 'A1003':
      return new CarrierError('auth', 'sf', code, `承运商不允许本机 IP 访问（${said}）`)
    case 'A1004':
      return new CarrierError('auth', 'sf', code, `承运商报无此服务权限或顾客编码不对（${said}）`)
    case 'A1006':
      return new CarrierError('auth', 'sf', code, `承运商报数字签名无效（${said}）：检查校验码`)
    case 'SIM_TOKEN_EXPIRED':
      return new CarrierError('auth', 'sf', code, `访问令牌已过期（${said}）`)
    case 'SIM_RATE_LIMIT':
      return new CarrierError('rate_limited', 'sf', code, `承运商限流（${said}）`)
    case 'SIM_REQUEST_ID_REUSED':
      // Refused at the gate, nothing processed: a new attempt carries a new requestID.
      return new CarrierError('transient', 'sf', code, `请求编号重复（${said}）`)
    default:
      return new CarrierError('validation', 'sf', code, `承运商拒绝请求（${code}）：${said}`)
  }
}

export interface InnerResult {
  success: boolean
  errorCode: string
  errorMsg: string
  msgData: Record<string, unknown>
}

/** `apiResultData` is a JSON string inside the JSON: parse it, or fail as a garbled reply. */
export function readInner(envelope: Envelope, reply: WireReply, call: WireCall): InnerResult {
  const data = envelope.apiResultData
  let inner: unknown
  try {
    inner = typeof data === 'string' ? JSON.parse(data) : data
  } catch {
    throw malformed(call, 'BAD_INNER_JSON', '承运商答复的 apiResultData 不是有效的 JSON', 200, reply.text)
  }
  if (!inner || typeof inner !== 'object' || typeof (inner as InnerResult).success !== 'boolean') {
    throw malformed(call, 'BAD_INNER_JSON', '承运商答复缺少 success 字段', 200, reply.text)
  }
  const result = inner as Partial<InnerResult>
  return {
    success: result.success!,
    errorCode: String(result.errorCode ?? ''),
    errorMsg: call.redact(String(result.errorMsg ?? '')),
    msgData: result.msgData && typeof result.msgData === 'object' ? (result.msgData as Record<string, unknown>) : {},
  }
}

/** A business refusal (`success:false`): 8016 is "look it up", an unknown order is not_found, the rest is permanent. */
export function businessError(inner: InnerResult): CarrierError {
  const code = inner.errorCode || 'UNKNOWN'
  const said = inner.errorMsg || code
  if (code === '8016') return new CarrierError('conflict', 'sf', code, `承运商报重复下单（${said}）：按订单号查询并沿用已有运单`, { duplicateOrder: true })
  if (code === 'SIM_ORDER_NOT_FOUND') return new CarrierError('not_found', 'sf', code, `承运商查无此订单（${said}）`)
  if (code === 'SIM_CANNOT_CANCEL_PICKED_UP') return new CarrierError('conflict', 'sf', code, `快件已揽收，不能取消（${said}）`)
  const field = /^SIM_FIELD_(.+)$/.exec(code)?.[1]
  return new CarrierError('validation', 'sf', code, said, field ? { field } : {})
}
