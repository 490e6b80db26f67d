/**
 * The simulated carrier's gateway (specs/dispatch.md §C1): OAuth tokens, the
 * checks `/std/service` makes in SF's order — fields, partner, timestamp,
 * digest or token — the requestID replay window, then the business call.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { sfDigestText } from '../domain/dispatch/sfDigestText'
import type { SimClock } from './carrierSimClock'
import { SimApiError, type InnerReply, type SimOrderBook } from './carrierSimOrders'
import { envelope } from './carrierSimReplies'
import { jsonReply, type PreparedReply } from './httpSimWire'

export interface CarrierSimPartner {
  partnerId: string
  checkWord: string
}

export interface Processed {
  reply: PreparedReply
  outcome: string
  stored?: InnerReply['stored']
}

type Json = Record<string, unknown>

const TIMESTAMP_SKEW_MS = 300_000
const REPLAY_WINDOW_MS = 600_000

const md5Base64 = (text: string): string => createHash('md5').update(text, 'utf8').digest('base64')

export class SimGateway {
  private readonly tokens = new Map<string, { partnerId: string; expiresAtMs: number }>()
  private readonly replays = new Map<string, { bodyHash: string; reply: PreparedReply; atMs: number }>()

  constructor(
    private readonly deps: {
      clock: SimClock
      partners: CarrierSimPartner[]
      book: SimOrderBook
      settings: () => { tokenTtlSec: number }
    },
  ) {}

  clear(): void {
    this.tokens.clear()
    this.replays.clear()
  }

  issueToken(form: URLSearchParams): Processed {
    const partnerId = form.get('partnerID') ?? ''
    const secret = form.get('secret') ?? ''
    if (!partnerId || !secret || form.get('grantType') !== 'password') return { reply: envelope('A1001', '缺少必填参数 partnerID、secret 或 grantType=password', null), outcome: 'A1001' }
    const partner = this.deps.partners.find((p) => p.partnerId === partnerId)
    if (!partner) return { reply: envelope('A1004', `无此顾客编码：${partnerId}`, null), outcome: 'A1004' }
    if (partner.checkWord !== secret) return { reply: envelope('A1006', '校验码错误', null), outcome: 'A1006' }
    const token = randomBytes(16).toString('hex').toUpperCase()
    this.tokens.set(token, { partnerId, expiresAtMs: this.deps.clock.now() + this.deps.settings().tokenTtlSec * 1000 })
    const reply = jsonReply(200, { apiResultCode: 'A1000', apiErrorMsg: '', apiResponseID: randomUUID(), accessToken: token, expiresIn: this.deps.settings().tokenTtlSec })
    return { reply, outcome: 'ok' }
  }

  /** `/std/service`: the gateway's checks in order (§C1), the requestID replay, then the business. */
  service(form: URLSearchParams, msg: Json | null, body: Buffer): Processed {
    const field = (name: string): string => form.get(name) ?? ''
    const refuse = (code: string, text: string): Processed => ({ reply: envelope(code, text, null), outcome: code })
    const missing = ['partnerID', 'requestID', 'serviceCode', 'timestamp', 'msgData'].filter((name) => !field(name))
    if (!field('msgDigest') && !field('accessToken')) missing.push('msgDigest')
    if (missing.length > 0) return refuse('A1001', `缺少必填参数：${missing.join('、')}`)
    const partnerId = field('partnerID')
    const partner = this.deps.partners.find((p) => p.partnerId === partnerId)
    if (!partner) return refuse('A1004', `无此顾客编码或无权访问该服务：${partnerId}`)
    const now = this.deps.clock.now()
    const stamp = Number(field('timestamp'))
    const stampMs = stamp < 1e11 ? stamp * 1000 : stamp
    if (!Number.isFinite(stampMs) || Math.abs(now - stampMs) > TIMESTAMP_SKEW_MS) return refuse('A1002', `请求已过期：timestamp 与服务器时间相差超过 ${TIMESTAMP_SKEW_MS / 1000} 秒`)
    const tokenText = field('accessToken')
    if (tokenText && !field('msgDigest')) {
      const token = this.tokens.get(tokenText)
      if (!token || token.partnerId !== partnerId) return refuse('A1006', '访问令牌无效')
      if (token.expiresAtMs <= now) return refuse('SIM_TOKEN_EXPIRED', '访问令牌已过期')
    } else {
      const msgText = field('msgData')
      const expected = md5Base64(sfDigestText(msgText, field('timestamp'), partner.checkWord))
      if (field('msgDigest') !== expected) {
        const isRawVariant = field('msgDigest') === md5Base64(msgText + field('timestamp') + partner.checkWord)
        return refuse('A1006', isRawVariant ? '数字签名无效（摘要前未做 URL 编码）' : '数字签名无效')
      }
    }
    const replayKey = `${partnerId}|${field('requestID')}`
    const bodyHash = createHash('sha256').update(body).digest('hex')
    const seen = this.replays.get(replayKey)
    if (seen && now - seen.atMs <= REPLAY_WINDOW_MS) {
      return seen.bodyHash === bodyHash ? { reply: seen.reply, outcome: 'replayed' } : refuse('SIM_REQUEST_ID_REUSED', `请求编号 ${field('requestID')} 已用于另一请求`)
    }
    const processed = this.business(partnerId, field('serviceCode'), msg, now)
    if (this.replays.size > 50_000) for (const [key, entry] of this.replays) if (now - entry.atMs > REPLAY_WINDOW_MS) this.replays.delete(key)
    this.replays.set(replayKey, { bodyHash, reply: processed.reply, atMs: now })
    return processed
  }

  private business(partnerId: string, serviceCode: string, msg: Json | null, now: number): Processed {
    let inner: InnerReply
    try {
      if (!msg) inner = { success: false, errorCode: 'SIM_BAD_MSGDATA', errorMsg: 'msgData 不是有效的 JSON 对象', msgData: null }
      else if (serviceCode === 'EXP_RECE_CREATE_ORDER') inner = this.deps.book.create(partnerId, msg, now)
      else if (serviceCode === 'EXP_RECE_SEARCH_ORDER_RESP') inner = this.deps.book.search(partnerId, msg)
      else if (serviceCode === 'EXP_RECE_UPDATE_ORDER') inner = this.deps.book.cancel(partnerId, msg, now)
      else if (serviceCode === 'EXP_RECE_SEARCH_ROUTES') inner = this.deps.book.routes(partnerId, msg, now)
      else return { reply: envelope('A1004', `无此服务权限：${serviceCode}`, null), outcome: 'A1004' }
    } catch (err) {
      if (err instanceof SimApiError) return { reply: envelope(err.apiResultCode, err.message, null), outcome: err.apiResultCode }
      throw err
    }
    const { stored, ...wire } = inner
    return { reply: envelope('A1000', '', wire), outcome: inner.success ? 'ok' : `biz ${inner.errorCode}`, ...(stored ? { stored } : {}) }
  }
}
