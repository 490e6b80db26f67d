/**
 * A carrier on 127.0.0.1 speaking the SF-shaped protocol of specs/dispatch.md
 * §C: the data plane (`/oauth2/accessToken`, `/std/service` with the gateway's
 * checks in SF's order, idempotent create, search, cancel, routes) so the real
 * adapter is the code under test, and a control plane (`/__sim/*`, behind an
 * `X-Sim-Admin` token) for faults, the clock, pickups and what was called.
 * State lives in memory; the clock is the simulator's own (carrierSimClock.ts).
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { RateLimiter, SimClock } from './carrierSimClock'
import { handleControl } from './carrierSimControl'
import { describeFault, FaultBook, type Fault } from './carrierSimFaults'
import { SimGateway, type CarrierSimPartner } from './carrierSimGateway'
import { SimOrderBook, type SimSettings } from './carrierSimOrders'
import { SimPusher } from './carrierSimPush'
import { envelope, httpErrorReply, jsonReply, malformedReply, rateLimitedReply, resetMidReply, send, type PreparedReply } from './carrierSimReplies'

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
  private readonly waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>()
  private server: Server | null = null
  private pushTimer: NodeJS.Timeout | null = null
  private boundPort = 0
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
  }

  get port(): number {
    return this.boundPort
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`
  }

  async start(): Promise<number> {
    const server = createServer((req, res) => void this.onRequest(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve())
    })
    this.server = server
    this.boundPort = (server.address() as { port: number }).port
    // Pushes follow a running clock by themselves; a set clock pushes when moved (carrierSimControl.ts).
    this.pushTimer = setInterval(() => this.pumpPushes(), 1000)
    this.pushTimer.unref()
    return this.boundPort
  }

  async stop(): Promise<void> {
    if (this.pushTimer) clearInterval(this.pushTimer)
    this.pusher.stop()
    for (const wait of this.waits) {
      clearTimeout(wait.timer)
      wait.done()
    }
    this.waits.clear()
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
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

  private log(line: string): void {
    this.options.log?.(line)
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sim')
      const body = await readBody(req)
      if (url.pathname.startsWith('/__sim/')) {
        if (req.headers['x-sim-admin'] !== this.adminToken) return send(res, jsonReply(401, { error: '需要正确的 X-Sim-Admin 令牌' }))
        return send(res, handleControl(this, req.method ?? 'GET', url, body))
      }
      if (req.method === 'POST' && (url.pathname === '/std/service' || url.pathname === '/oauth2/accessToken')) {
        return await this.dataPlane(url.pathname, body, res)
      }
      send(res, jsonReply(404, { error: `没有这个接口：${req.method} ${url.pathname}` }))
    } catch (err) {
      this.log(`carrier sim: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) send(res, jsonReply(400, { error: err instanceof Error ? err.message : String(err) }))
    }
  }

  private async dataPlane(path: string, body: Buffer, res: ServerResponse): Promise<void> {
    let isGone = false
    res.on('close', () => (isGone = !res.writableFinished))
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
    const early = fault ? this.faultBeforeCommit(fault) : undefined
    if (early === 'reset') {
      call.outcome = 'reset'
      res.socket?.destroy()
      return
    }
    if (early) {
      call.outcome = `fault ${fault!.kind}`
      return send(res, early)
    }
    if (fault?.kind === 'delay' && fault.commit === 'before') {
      await this.wait(fault.ms)
      if (isGone || !this.server) {
        call.outcome = 'client_gone'
        return
      }
    }

    const processed = path === '/oauth2/accessToken' ? this.gateway.issueToken(form) : this.gateway.service(form, msg, body)
    call.outcome = processed.outcome
    if (processed.stored) {
      call.stored = true
      call.waybillNo = processed.stored.waybillNo
    }

    if (!fault || !('commit' in fault) || fault.commit !== 'after') return send(res, processed.reply)
    // The work is done; only the reply goes wrong.
    switch (fault.kind) {
      case 'http':
        return send(res, httpErrorReply(fault.status, fault.body))
      case 'malformed':
        return send(res, malformedReply(processed.reply, fault.variant))
      case 'reset':
        return resetMidReply(res, processed.reply)
      case 'delay':
        await this.wait(fault.ms)
        if (!isGone && this.server) send(res, processed.reply)
        return
    }
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

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.waits.delete(entry)
          resolve()
        }, ms),
        done: () => resolve(),
      }
      this.waits.add(entry)
    })
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > 1_000_000) {
        reject(new Error('请求体超过 1 MB'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
