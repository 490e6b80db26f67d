/**
 * A carrier on 127.0.0.1 speaking the SF-shaped protocol of specs/dispatch.md
 * §C: the data plane (`/oauth2/accessToken`, `/std/service` with the gateway's
 * checks in SF's order, idempotent create, search, cancel, routes) so the real
 * adapter is the code under test, and a control plane (`/__sim/*`, behind an
 * `X-Sim-Admin` token) for faults, the clock, pickups and what was called.
 * State lives in memory; the clock is the simulator's own (carrierSimClock.ts).
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RateLimiter, SimClock } from './carrierSimClock'
import { handleControl } from './carrierSimControl'
import { describeFault, FaultBook, type Fault } from './carrierSimFaults'
import { SimGateway, type CarrierSimPartner } from './carrierSimGateway'
import { SimOrderBook, type SimSettings } from './carrierSimOrders'
import { SimPusher } from './carrierSimPush'
import { envelope, httpErrorReply, malformedReply, rateLimitedReply } from './carrierSimReplies'
import { answerUnderFault } from './httpSimFaults'
import { SimHttpServer } from './httpSimServer'
import { jsonReply, send, type PreparedReply } from './httpSimWire'

export type { CarrierSimPartner } from './carrierSimGateway'

export interface CarrierSimSettings extends SimSettings {
  tokenTtlSec: number
  /** Built-in token bucket per partner; 0 = off. */
  rateLimitPerSec: number
}

export interface CarrierSimOptions {
  port?: number
  host?: string
  partners?: CarrierSimPartner[]
  adminToken?: string
  clock?: { at?: Date; isRunning?: boolean }
  settings?: Partial<CarrierSimSettings>
  /** First push retry wait (doubles each try); 1000 ms like SF's resends, shorter in tests. */
  pushRetryBaseMs?: number
  log?: (line: string) => void
}

export interface SimCall {
  seq: number
  /** On the simulator's clock. */
  at: string
  path: string
  serviceCode?: string
  partnerId?: string
  orderId?: string
  requestID?: string
  /** The §C2 fault applied, e.g. `http 503 after`. */
  fault?: string
  /** `ok`, an api code (`A1006`), `biz 8016`, `replayed`, `rate_limited`, `client_gone`, … */
  outcome: string
  /** This call stored a new order: tests count these per order id ("exactly one create"). */
  stored: boolean
  waybillNo?: string | null
}

export const DEFAULT_SIM_SETTINGS: CarrierSimSettings = {
  seed: 100_000_000_001,
  duplicateOrderMode: 'reject_8016',
  unserviceableCounties: [],
  autoPickupAfterMs: null,
  tokenTtlSec: 7200,
  // Generous: a 10,000-shipment bench drains against it; set 0 for none, or a few for a throttling demo.
  rateLimitPerSec: 2000,
}

const MAX_CALLS_KEPT = 200_000

type Json = Record<string, unknown>

export class CarrierSim {
  readonly clock: SimClock
  readonly partners: CarrierSimPartner[]
  readonly adminToken: string
  readonly book: SimOrderBook
  readonly faults = new FaultBook()
  readonly pusher = new SimPusher()
  readonly calls: SimCall[] = []
  readonly pushRetryBaseMs: number
  settings: CarrierSimSettings
  private readonly limiter: RateLimiter
  private readonly gateway: SimGateway
  private readonly http: SimHttpServer
  private pushTimer: NodeJS.Timeout | null = null
  private seq = 0

  constructor(private readonly options: CarrierSimOptions = {}) {
    this.clock = new SimClock(options.clock)
    this.partners = options.partners ?? [{ partnerId: 'OWSIM01', checkWord: randomBytes(16).toString('hex') }]
    this.adminToken = options.adminToken ?? randomBytes(16).toString('hex')
    this.settings = { ...DEFAULT_SIM_SETTINGS, ...options.settings }
    this.limiter = new RateLimiter(this.settings.rateLimitPerSec)
    this.book = new SimOrderBook(() => this.settings)
    this.gateway = new SimGateway({ clock: this.clock, partners: this.partners, book: this.book, settings: () => this.settings })
    this.pushRetryBaseMs = options.pushRetryBaseMs ?? 1000
    this.http = new SimHttpServer(options, {
      adminToken: this.adminToken,
      control: (method, url, body) => handleControl(this, method, url, body),
      serve: (req, res, url, body) => this.route(req, res, url, body),
      failed: (message) => jsonReply(400, { error: message }),
      name: 'carrier sim',
    })
  }

  get port(): number {
    return this.http.port
  }

  get url(): string {
    return this.http.url
  }

  async start(): Promise<number> {
    const port = await this.http.start()
    // Pushes follow a running clock by themselves; a set clock pushes when moved (carrierSimControl.ts).
    this.pushTimer = setInterval(() => this.pumpPushes(), 1000)
    this.pushTimer.unref()
    return port
  }

  async stop(): Promise<void> {
    if (this.pushTimer) clearInterval(this.pushTimer)
    this.pusher.stop()
    await this.http.stop()
  }

  /** Back to an empty carrier with these settings (the clock keeps its time). */
  reset(settings: Partial<CarrierSimSettings>): void {
    this.settings = { ...DEFAULT_SIM_SETTINGS, ...this.options.settings, ...settings }
    this.limiter.reset(this.settings.rateLimitPerSec)
    this.book.clear()
    this.faults.clear()
    this.pusher.reset()
    this.calls.length = 0
    this.gateway.clear()
  }

  /** Offers every order's events up to now to the pusher (it sends only new ones). */
  pumpPushes(): void {
    if (!this.pusher.isConfigured) return
    const now = this.clock.now()
    for (const order of this.book.list()) {
      if (order.waybillNo) this.pusher.offer(order.waybillNo, order.orderId, this.book.routesOf(order, now))
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    if (req.method === 'POST' && (url.pathname === '/std/service' || url.pathname === '/oauth2/accessToken')) {
      return await this.dataPlane(url.pathname, body, res)
    }
    send(res, jsonReply(404, { error: `没有这个接口：${req.method} ${url.pathname}` }))
  }

  private async dataPlane(path: string, body: Buffer, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(body.toString('utf8'))
    const field = (name: string): string => form.get(name) ?? ''
    const msg = parseMsgData(field('msgData'))
    const serviceCode = path === '/std/service' ? field('serviceCode') : undefined
    const orderId = typeof msg?.orderId === 'string' ? msg.orderId : undefined
    const call: SimCall = {
      seq: ++this.seq,
      at: new Date(this.clock.now()).toISOString(),
      path,
      ...(serviceCode ? { serviceCode } : {}),
      ...(field('partnerID') ? { partnerId: field('partnerID') } : {}),
      ...(orderId ? { orderId } : {}),
      ...(field('requestID') ? { requestID: field('requestID') } : {}),
      outcome: '',
      stored: false,
    }
    this.calls.push(call)
    if (this.calls.length > MAX_CALLS_KEPT) this.calls.splice(0, this.calls.length - MAX_CALLS_KEPT)

    const waitSec = this.limiter.take(field('partnerID') || '-')
    if (waitSec !== null) {
      call.outcome = 'rate_limited'
      return send(res, rateLimitedReply(waitSec))
    }
    const fault = this.faults.take({ path, ...(serviceCode ? { serviceCode } : {}), ...(orderId ? { orderId } : {}) })
    if (fault) call.fault = describeFault(fault)
    await answerUnderFault<Fault>({
      res,
      fault,
      call,
      beforeWork: (f) => this.faultBeforeCommit(f),
      stoppedAs: (f) => `fault ${f.kind}`,
      work: () => {
        const processed = path === '/oauth2/accessToken' ? this.gateway.issueToken(form) : this.gateway.service(form, msg, body)
        call.outcome = processed.outcome
        if (processed.stored) {
          call.stored = true
          call.waybillNo = processed.stored.waybillNo
        }
        return processed.reply
      },
      brokenReply: (f, reply) => (f.kind === 'malformed' ? malformedReply(reply, f.variant) : f.kind === 'http' ? httpErrorReply(f.status, f.body) : reply),
      server: this.http,
    })
  }

  /** The reply of a fault that stops the request before any work; 'reset' = drop the connection. */
  private faultBeforeCommit(fault: Fault): PreparedReply | 'reset' | undefined {
    switch (fault.kind) {
      case 'rate_limit':
        return rateLimitedReply(fault.retryAfterSec ?? 1)
      case 'api_code':
        return envelope(fault.apiResultCode, `模拟故障 ${fault.apiResultCode}`, null)
      case 'token_expired':
        return envelope('SIM_TOKEN_EXPIRED', '访问令牌已过期', null)
      case 'biz_error':
        return envelope('A1000', '', { success: false, errorCode: fault.errorCode, errorMsg: fault.errorMsg, msgData: null })
      case 'http':
        return fault.commit === 'before' ? httpErrorReply(fault.status, fault.body) : undefined
      case 'reset':
        return fault.commit === 'before' ? 'reset' : undefined
      case 'malformed':
        return fault.commit === 'before' ? malformedReply(envelope('A1000', '', { success: true, errorCode: 'S0000', errorMsg: null, msgData: {} }), fault.variant) : undefined
      case 'delay':
        return undefined
    }
  }

}

function parseMsgData(text: string): Json | null {
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' ? (parsed as Json) : null
  } catch {
    return null
  }
}
