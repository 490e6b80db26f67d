/**
 * The SF-shaped carrier over HTTP (specs/dispatch.md §A2, §C1): form posts to
 * `/std/service` signed with the check word (or an OAuth token), one attempt
 * per call, every failure classified (sfWire.ts). The check word is held only
 * in this object and is scrubbed from every error text and raw reply kept.
 */
import { randomUUID } from 'node:crypto'
import { CarrierError } from '../domain/dispatch/carrierErrors'
import { isValidWaybillNo } from '../domain/dispatch/waybillCheck'
import { SfRouteCodeMapper } from '../domain/dispatch/sfRouteCodes'
import { urlencodeJava } from '../domain/dispatch/sfDigestText'
import type { CallCtx, Capabilities, CarrierAdapter, CreatedShipment, PushParse, ShipmentRequest, TrackingSnapshot } from './carrierAdapter'
import { sfMsgDigest } from './sfDigest'
import { apiCodeError, businessError, malformed, postForm, readEnvelope, readInner, type InnerResult, type WireCall } from './sfWire'
import { buildCreateOrder, readCreatedOrder, readPush, readRoutes } from './sfMessages'

export interface SfHttpAdapterOptions {
  /** `https://sfapi.sf-express.com` or the simulator's base URL; a URL ending in /std/service is used as is. */
  url: string
  partnerId: string
  checkWord: string
  auth?: 'digest' | 'token'
  monthlyCard?: string
  expressTypeId?: number
  /** Longest wait for one attempt when the caller's deadline is later. */
  timeoutMs?: number
  /**
   * The time requests are stamped with, instead of the caller's clock: the
   * carrier refuses a timestamp 5 minutes off its own. The demo hall passes
   * its emulator's clock, which it moves ahead to let parcels travel.
   */
  clock?: { now(): Date }
}

const MAX_TRACK_BATCH = 10

export class SfHttpAdapter implements CarrierAdapter {
  readonly code = 'sf' as const
  readonly capabilities: Capabilities = {
    createShipment: true,
    cancel: true,
    label: 'self',
    trackPoll: true,
    trackPush: true,
    idempotentCreate: 'reconcile',
    maxTrackBatch: MAX_TRACK_BATCH,
  }
  readonly routeCodes = new SfRouteCodeMapper()
  private readonly base: string
  private readonly serviceUrl: string
  private token: { value: string; expiresAtMs: number } | null = null

  constructor(private readonly options: SfHttpAdapterOptions) {
    const url = options.url.replace(/\/+$/, '')
    this.serviceUrl = url.endsWith('/std/service') ? url : `${url}/std/service`
    this.base = this.serviceUrl.slice(0, -'/std/service'.length)
  }

  validateWaybillNo(no: string): boolean {
    return isValidWaybillNo(no)
  }

  async createShipment(req: ShipmentRequest, ctx: CallCtx): Promise<CreatedShipment> {
    const msg = buildCreateOrder(req, { monthlyCard: this.options.monthlyCard, expressTypeId: this.options.expressTypeId ?? 2 })
    const inner = await this.call('EXP_RECE_CREATE_ORDER', msg, true, ctx)
    if (!inner.success) throw businessError(inner)
    return readCreatedOrder(inner.msgData, req.clientOrderId, 'create')
  }

  async findByClientOrderId(clientOrderId: string, ctx: CallCtx): Promise<CreatedShipment | null> {
    const inner = await this.call('EXP_RECE_SEARCH_ORDER_RESP', { language: 'zh-CN', orderId: clientOrderId, searchType: 1 }, false, ctx)
    if (!inner.success) {
      const err = businessError(inner)
      if (err.cls === 'not_found') return null
      throw err
    }
    return readCreatedOrder(inner.msgData, clientOrderId, 'find')
  }

  async cancelShipment(ref: { clientOrderId: string; waybillNo?: string }, ctx: CallCtx): Promise<'cancelled' | 'already_cancelled'> {
    const msg = {
      language: 'zh-CN',
      orderId: ref.clientOrderId,
      dealType: 2,
      ...(ref.waybillNo ? { waybillNoInfoList: [{ waybillType: 1, waybillNo: ref.waybillNo }] } : {}),
    }
    const inner = await this.call('EXP_RECE_UPDATE_ORDER', msg, true, ctx)
    if (!inner.success) throw businessError(inner)
    const resStatus = Number(inner.msgData.resStatus)
    if (resStatus === 2) return inner.msgData.alreadyCancelled === true ? 'already_cancelled' : 'cancelled'
    if (resStatus === 1) throw new CarrierError('conflict', 'sf', 'RES_STATUS_1', `承运商报订单号与运单号不匹配，未取消（订单 ${ref.clientOrderId}）`)
    throw malformed(this.wire(true, ctx), 'BAD_RES_STATUS', `承运商取消答复的 resStatus 无法识别（${String(inner.msgData.resStatus)}）`)
  }

  async track(waybillNos: string[], ctx: CallCtx): Promise<TrackingSnapshot[]> {
    if (waybillNos.length === 0) return []
    if (waybillNos.length > MAX_TRACK_BATCH) {
      throw new CarrierError('validation', 'sf', 'TRACK_BATCH', `一次最多查询 ${MAX_TRACK_BATCH} 个运单，收到 ${waybillNos.length} 个`)
    }
    const msg = { language: 'zh-CN', trackingType: 1, trackingNumber: waybillNos, methodType: 1 }
    const inner = await this.call('EXP_RECE_SEARCH_ROUTES', msg, false, ctx)
    if (!inner.success) throw businessError(inner)
    return readRoutes(inner.msgData, waybillNos, this.routeCodes)
  }

  parsePush(body: Uint8Array, _headers: Record<string, string>): PushParse {
    return readPush(body, this.routeCodes)
  }

  /** One signed request; a token mode's expired token is refreshed once (the only resend an adapter makes). */
  private async call(serviceCode: string, msgData: object, isMutating: boolean, ctx: CallCtx, isTokenRetry = false): Promise<InnerResult> {
    const wire = this.wire(isMutating, ctx)
    const msgText = JSON.stringify(msgData)
    const timestamp = String(this.now(ctx).getTime())
    const form: Record<string, string> = { partnerID: this.options.partnerId, requestID: randomUUID(), serviceCode, timestamp, msgData: msgText }
    if (this.options.auth === 'token') form.accessToken = await this.accessToken(ctx)
    else form.msgDigest = sfMsgDigest(msgText, timestamp, this.options.checkWord)
    const reply = await postForm(this.serviceUrl, form, wire)
    const envelope = readEnvelope(reply, wire)
    const apiError = apiCodeError(envelope, wire)
    if (apiError) {
      // Refused at the gate before anything was processed: safe to resend once with a fresh token.
      if (apiError.code === 'SIM_TOKEN_EXPIRED' && this.options.auth === 'token' && !isTokenRetry) {
        this.token = null
        return this.call(serviceCode, msgData, isMutating, ctx, true)
      }
      throw apiError
    }
    return readInner(envelope, reply, wire)
  }

  private async accessToken(ctx: CallCtx): Promise<string> {
    const nowMs = this.now(ctx).getTime()
    if (this.token && nowMs < this.token.expiresAtMs) return this.token.value
    const wire = this.wire(false, ctx)
    const reply = await postForm(`${this.base}/oauth2/accessToken`, { partnerID: this.options.partnerId, secret: this.options.checkWord, grantType: 'password' }, wire)
    const envelope = readEnvelope(reply, wire)
    const apiError = apiCodeError(envelope, wire)
    if (apiError) throw apiError
    if (typeof envelope.accessToken !== 'string' || !envelope.accessToken) throw malformed(wire, 'BAD_TOKEN', '承运商的令牌答复缺少 accessToken', 200, reply.text)
    const lifeMs = (Number(envelope.expiresIn) || 0) * 1000
    // Refresh a little early, so a token never expires between our check and the carrier's.
    this.token = { value: envelope.accessToken, expiresAtMs: nowMs + lifeMs - Math.min(300_000, lifeMs / 10) }
    return this.token.value
  }

  private wire(isMutating: boolean, ctx: CallCtx): WireCall {
    const untilDeadline = ctx.deadlineMs - Date.now()
    return {
      isMutating,
      timeoutMs: Math.min(this.options.timeoutMs ?? 10_000, untilDeadline),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      now: () => this.now(ctx),
      redact: (text) => this.redact(text),
    }
  }

  private now(ctx: CallCtx): Date {
    return this.options.clock?.now() ?? ctx.now()
  }

  private redact(text: string): string {
    let out = text
    const secrets = [this.options.checkWord, urlencodeJava(this.options.checkWord), this.token?.value]
    for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***')
    return out
  }
}
