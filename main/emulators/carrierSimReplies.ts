/**
 * The simulated carrier's replies as bytes: SF's envelope (a JSON string
 * inside JSON), and the broken replies of §C2 made from a real one — cut
 * short, an HTML gateway page with 200, garbled inner JSON, or GBK bytes
 * under a UTF-8 label.
 */
import { randomUUID } from 'node:crypto'
import iconv from 'iconv-lite'
import { JSON_TYPE, jsonReply, type PreparedReply } from './httpSimWire'

/** `{apiResultCode, apiErrorMsg, apiResponseID, apiResultData: "<json string>" | null}`, always HTTP 200. */
export function envelope(apiResultCode: string, apiErrorMsg: string, inner: unknown | null, extra: Record<string, unknown> = {}): PreparedReply {
  return jsonReply(200, {
    apiResultCode,
    apiErrorMsg,
    apiResponseID: randomUUID().replace(/-/g, '').toUpperCase(),
    apiResultData: inner === null ? null : JSON.stringify(inner),
    ...extra,
  })
}

export function httpErrorReply(status: number, body: 'json' | 'html' | 'empty'): PreparedReply {
  if (body === 'json') return jsonReply(status, { apiResultCode: `SIM_HTTP_${status}`, apiErrorMsg: '服务暂不可用' })
  if (body === 'html') return { status, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: Buffer.from(`<html><body><h1>${status} 网关错误</h1></body></html>`) }
  return { status, headers: {}, body: Buffer.alloc(0) }
}

export function rateLimitedReply(retryAfterSec: number): PreparedReply {
  return jsonReply(429, { apiResultCode: 'SIM_RATE_LIMIT', apiErrorMsg: '请求过于频繁', apiResponseID: randomUUID(), apiResultData: null }, { 'retry-after': String(retryAfterSec) })
}

export function malformedReply(base: PreparedReply, variant: 'truncated' | 'html_200' | 'bad_inner_json' | 'gbk_body'): PreparedReply {
  switch (variant) {
    case 'truncated':
      return { ...base, body: base.body.subarray(0, Math.max(1, Math.floor(base.body.length / 2))) }
    case 'html_200':
      return { status: 200, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: Buffer.from('<html><head><title>系统维护</title></head><body>系统维护中，请稍后再试</body></html>') }
    case 'bad_inner_json': {
      const outer = JSON.parse(base.body.toString('utf8')) as Record<string, unknown>
      const inner = typeof outer.apiResultData === 'string' ? outer.apiResultData : '{"success":true}'
      return jsonReply(200, { ...outer, apiResultCode: 'A1000', apiResultData: inner.slice(0, Math.max(1, Math.floor(inner.length / 2))) })
    }
    case 'gbk_body': {
      // Chinese in the reply, so the GBK bytes cannot pass for UTF-8; the label still says UTF-8.
      const outer = JSON.parse(base.body.toString('utf8')) as Record<string, unknown>
      const text = JSON.stringify({ ...outer, apiErrorMsg: outer.apiErrorMsg || '成功（GBK 编码）' })
      return { status: 200, headers: { 'content-type': JSON_TYPE }, body: iconv.encode(text, 'gbk') }
    }
  }
}
