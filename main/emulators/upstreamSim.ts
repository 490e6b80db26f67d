/**
 * The government service platform on 127.0.0.1, speaking docs/upstream.md:
 * the data plane (`/api/v1/stations`, `/api/v1/events`, `/api/v1/notices`)
 * with every request's Ed25519 signature verified against the station's
 * registered key, events stored once by Idempotency-Key, each station's
 * notice feed read with a cursor — and a control plane (`/__sim/*`, behind
 * `X-Sim-Admin`, upstreamSimControl.ts) for faults on demand and online 办件.
 * HTTP, or HTTPS with a given key and certificate. State lives in memory.
 * It imports the shared wire (schemas, signature), never the station's driver.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { eventBodySchema, EVENTS_PATH, NOTICES_PATH, registrationSchema, STATIONS_PATH } from '../domain/upstream/upstreamMessages'
import { signatureHeaders } from '../domain/upstream/upstreamSigning'
import { isSignedBy, publicKeyOfRaw } from './upstreamSimSignature'
import { answerUnderFault } from './httpSimFaults'
import { SimHttpServer } from './httpSimServer'
import { jsonReply, send, type PreparedReply } from './httpSimWire'
import { UpstreamSimBook } from './upstreamSimBook'
import { handleUpstreamControl } from './upstreamSimControl'
import { describeUpstreamFault, UpstreamFaultBook, type UpstreamFault } from './upstreamSimFaults'
import { beforeCommit, parseJson, signedPartsOf, unavailableReply } from './upstreamSimWire'

export interface UpstreamSimOptions {
  port?: number
  host?: string
  adminToken?: string
  /** Registration with another key for a known station needs it (X-OW-Enrol-Token); absent: first registration is open. */
  enrolToken?: string
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: Buffer; cert: Buffer }
  log?: (line: string) => void
}

export interface UpstreamSimCall {
  seq: number
  at: string
  method: string
  path: string
  station?: string
  key?: string
  caseNo?: string
  step?: string
  fault?: string
  /** `stored`, `duplicate`, `bad_signature`, `unknown_key`, `rate_limited`, `fault`, `client_gone`, `page`, … */
  outcome: string
  /** This call stored a new event: tests count these per key ("exactly once"). */
  stored: boolean
}

const MAX_CALLS_KEPT = 100_000

export class UpstreamSim {
  readonly adminToken: string
  readonly book = new UpstreamSimBook(() => new Date())
  readonly faults = new UpstreamFaultBook()
  readonly calls: UpstreamSimCall[] = []
  private readonly http: SimHttpServer
  private seq = 0

  constructor(private readonly options: UpstreamSimOptions = {}) {
    this.adminToken = options.adminToken ?? randomBytes(16).toString('hex')
    this.http = new SimHttpServer(options, {
      adminToken: this.adminToken,
      control: (method, url, body) => handleUpstreamControl(this, method, url, body),
      serve: (req, res, url, body) => this.route(req, res, url, body),
      failed: (message) => jsonReply(400, { code: 'BAD_REQUEST', message }),
      name: 'upstream sim',
    })
  }

  get port(): number {
    return this.http.port
  }

  get url(): string {
    return this.http.url
  }

  start(): Promise<number> {
    return this.http.start()
  }

  stop(): Promise<void> {
    return this.http.stop()
  }

  reset(): void {
    this.book.clear()
    this.faults.clear()
    this.calls.length = 0
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const route = `${req.method} ${url.pathname}`
    if (route === `POST ${EVENTS_PATH}` || route === `GET ${NOTICES_PATH}` || route === `POST ${STATIONS_PATH}`) return await this.dataPlane(req, res, url, body)
    send(res, jsonReply(404, { code: 'NOT_FOUND', message: `没有这个接口：${route}` }))
  }

  private async dataPlane(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const header = (name: string): string => String(req.headers[name] ?? '')
    const parsedBody = url.pathname === EVENTS_PATH ? eventBodySchema.safeParse(parseJson(body)) : null
    const event = parsedBody?.success ? parsedBody.data : undefined
    const call: UpstreamSimCall = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      method: req.method ?? '',
      path: url.pathname,
      ...(header(signatureHeaders.station) ? { station: header(signatureHeaders.station) } : {}),
      ...(header(signatureHeaders.idempotencyKey) ? { key: header(signatureHeaders.idempotencyKey) } : {}),
      ...(event ? { caseNo: event.caseNo, step: event.step } : {}),
      outcome: '',
      stored: false,
    }
    this.calls.push(call)
    if (this.calls.length > MAX_CALLS_KEPT) this.calls.splice(0, this.calls.length - MAX_CALLS_KEPT)

    const fault = this.faults.take({ path: url.pathname, ...(event ? { caseNo: event.caseNo, step: event.step } : {}) })
    if (fault) call.fault = describeUpstreamFault(fault)
    await answerUnderFault<UpstreamFault>({
      res,
      fault,
      call,
      beforeWork: beforeCommit,
      stoppedAs: (f) => (f.kind === 'rate_limit' ? 'rate_limited' : 'fault'),
      work: () => {
        const refusal = this.checkSignature(req.method ?? '', url, header, body)
        if (refusal && url.pathname !== STATIONS_PATH) {
          call.outcome = refusal.outcome
          return refusal.reply
        }
        if (url.pathname === STATIONS_PATH) return this.register(header, body, call)
        if (url.pathname === EVENTS_PATH) return this.storeEvent(header(signatureHeaders.idempotencyKey), header(signatureHeaders.station), parsedBody!, body, call)
        return this.notices(url, header(signatureHeaders.station), fault, call)
      },
      brokenReply: (f, reply) => (f.kind === 'http' ? unavailableReply(f.status) : reply),
      server: this.http,
    })
  }

  private checkSignature(method: string, url: URL, header: (name: string) => string, body: Buffer): { outcome: string; reply: PreparedReply } | null {
    const station = this.book.station(header(signatureHeaders.station))
    if (!station || station.keyId !== header(signatureHeaders.keyId)) {
      return { outcome: 'unknown_key', reply: jsonReply(401, { code: 'UNKNOWN_KEY', message: `工作站 ${header(signatureHeaders.station) || '（未注明）'} 的密钥 ${header(signatureHeaders.keyId) || '（未注明）'} 未在平台登记` }) }
    }
    if (!isSignedBy(signedPartsOf(method, url, header), body, header(signatureHeaders.signature), station.publicKey)) {
      return { outcome: 'bad_signature', reply: jsonReply(401, { code: 'BAD_SIGNATURE', message: '签名验证失败' }) }
    }
    return null
  }

  private register(header: (name: string) => string, body: Buffer, call: UpstreamSimCall): PreparedReply {
    const parsed = registrationSchema.safeParse(parseJson(body))
    if (!parsed.success) {
      call.outcome = 'bad_request'
      return jsonReply(400, { code: 'BAD_REQUEST', message: `登记内容不符：${parsed.error.issues[0]?.path.join('.') ?? ''}` })
    }
    const reg = parsed.data
    if (reg.stationId !== header(signatureHeaders.station) || reg.keyId !== header(signatureHeaders.keyId)) {
      call.outcome = 'bad_request'
      return jsonReply(400, { code: 'BAD_REQUEST', message: '请求头中的工作站或密钥编号与登记内容不符' })
    }
    // Proof of possession: the request is signed with the key it registers.
    const parts = { method: 'POST', path: STATIONS_PATH, station: reg.stationId, keyId: reg.keyId, timestamp: header(signatureHeaders.timestamp), idempotencyKey: '' }
    if (!isSignedBy(parts, body, header(signatureHeaders.signature), publicKeyOfRaw(Buffer.from(reg.publicKey, 'base64')))) {
      call.outcome = 'bad_signature'
      return jsonReply(401, { code: 'BAD_SIGNATURE', message: '登记请求未用所登记的密钥签名' })
    }
    const token = this.options.enrolToken
    if (token !== undefined && header(signatureHeaders.enrolToken) !== token) {
      call.outcome = 'enrol_refused'
      return jsonReply(403, { code: 'ENROL_TOKEN', message: '登记需要平台发放的登记令牌（X-OW-Enrol-Token）' })
    }
    const outcome = this.book.register(reg.stationId, reg.keyId, reg.publicKey, token !== undefined)
    call.outcome = `register ${outcome}`
    if (outcome === 'conflict') return jsonReply(409, { code: 'KEY_CONFLICT', message: `工作站 ${reg.stationId} 已登记另一把密钥：更换密钥需平台登记令牌` })
    return jsonReply(outcome === 'created' ? 201 : 200, { code: 'OK', stationId: reg.stationId, keyId: reg.keyId })
  }

  private storeEvent(key: string, station: string, parsed: ReturnType<typeof eventBodySchema.safeParse>, raw: Buffer, call: UpstreamSimCall): PreparedReply {
    if (!parsed.success) {
      call.outcome = 'bad_request'
      const issue = parsed.error.issues[0]
      return jsonReply(400, { code: 'BAD_REQUEST', message: `办件数据不符：${issue ? `${issue.path.join('.')} ${issue.message}` : ''}` })
    }
    const body = parsed.data
    if (!key || key !== body.eventId || body.station.id !== station) {
      call.outcome = 'bad_request'
      return jsonReply(400, { code: 'BAD_REQUEST', message: 'Idempotency-Key 应等于 eventId，X-OW-Station 应等于 station.id' })
    }
    const outcome = this.book.storeEvent(key, station, body, raw)
    call.outcome = outcome.kind
    if (outcome.kind === 'mismatch') return jsonReply(409, { code: 'IDEMPOTENCY_MISMATCH', message: `幂等键 ${key} 已用于另一内容的事件（回执 ${outcome.event.receiptNo}）` })
    call.stored = outcome.kind === 'stored'
    return jsonReply(outcome.kind === 'stored' ? 201 : 200, { code: 'OK', receiptNo: outcome.event.receiptNo, duplicate: outcome.kind === 'duplicate' })
  }

  private notices(url: URL, station: string, fault: UpstreamFault | null, call: UpstreamSimCall): PreparedReply {
    const afterText = url.searchParams.get('after')
    const after = afterText === null ? 0 : Number(afterText)
    const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? '100') || 100))
    if (!Number.isInteger(after) || after < 0) {
      call.outcome = 'bad_request'
      return jsonReply(400, { code: 'BAD_REQUEST', message: `游标 ${afterText} 无效` })
    }
    const page = this.book.page(station, after, limit, { duplicate: fault?.kind === 'duplicate_notices', outOfOrder: fault?.kind === 'out_of_order' })
    call.outcome = `page ${page.notices.length}`
    return jsonReply(200, { code: 'OK', notices: page.notices, cursor: String(page.cursor), more: page.more })
  }
}
