/**
 * The platform's answers read once, by class (docs/upstream.md "Answers"):
 * a 429 waits out its Retry-After (seconds or an HTTP date), our signature
 * refused waits for registration, a 5xx retries, a refusal parks.
 */
import { describe, expect, it } from 'vitest'
import { refusalOf } from '../../../main/upstream/upstreamClient'
import { retryAfterMs } from '../../../main/upstream/upstreamHttp'

const NOW = Date.parse('2026-03-02T01:30:00.000Z')
const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, headers, text: typeof body === 'string' ? body : JSON.stringify(body) })

describe('the platform’s answers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('30', NOW)).toBe(30_000)
    expect(retryAfterMs('Mon, 02 Mar 2026 01:31:00 GMT', NOW)).toBe(60_000)
    expect(retryAfterMs(undefined, NOW)).toBeUndefined()
    expect(retryAfterMs('soon', NOW)).toBeUndefined()
  })

  it('classes each refusal by what the station should do about it', () => {
    expect(refusalOf(reply(429, { code: 'RATE_LIMITED' }, { 'retry-after': '12' }), NOW)).toMatchObject({ refusalClass: 'rate_limited', retryAfterMs: 12_000 })
    const unknown = refusalOf(reply(401, { code: 'UNKNOWN_KEY', message: '未登记' }), NOW)
    expect(unknown).toMatchObject({ refusalClass: 'auth', code: 'UNKNOWN_KEY' })
    expect(unknown.message).toContain('upstream register')
    expect(refusalOf(reply(503, '<html>网关错误</html>'), NOW)).toMatchObject({ refusalClass: 'busy', code: 'HTTP_503' })
    expect(refusalOf(reply(409, { code: 'IDEMPOTENCY_MISMATCH', message: '幂等键已用于另一内容' }), NOW)).toMatchObject({ refusalClass: 'refused', code: 'IDEMPOTENCY_MISMATCH' })
    expect(refusalOf(reply(422, { code: 'REJECTED', message: '事项编码未在本省目录' }), NOW).message).toContain('事项编码未在本省目录')
  })
})
