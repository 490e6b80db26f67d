/**
 * Route pushes from the simulated carrier (specs/dispatch.md §C1): each new
 * event is POSTed as SF's `{"Body":{"WaybillRoute":[…]}}`; anything but HTTP
 * 200 with `return_code "0000"` is retried with doubling waits (1 s, 2 s, 4 s …,
 * 10 tries), like SF resending unacknowledged routes — so the receiver must
 * de-duplicate by route id. `duplicatePush` sends every push twice.
 */
import type { SimRoute } from './carrierSimTimeline'

export interface PushConfig {
  url: string
  /** `Name: value`, sent with every push (the receiver's shared secret). */
  secretHeader?: string
  duplicatePush: boolean
  /** First wait before a retry; doubles each time (tests shorten it). */
  retryBaseMs: number
  maxTries: number
}

export interface PushDelivery {
  routeId: string
  waybillNo: string
  attempts: number
  state: 'pending' | 'delivered' | 'gave_up'
  lastError?: string
}

export class SimPusher {
  private config: PushConfig | null = null
  private readonly queued = new Set<string>()
  private readonly timers = new Set<NodeJS.Timeout>()
  readonly deliveries: PushDelivery[] = []

  configure(config: PushConfig | null): void {
    this.config = config
  }

  get isConfigured(): boolean {
    return this.config !== null
  }

  reset(): void {
    this.stop()
    this.config = null
    this.queued.clear()
    this.deliveries.length = 0
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** Pushes the routes not pushed before (by route id). */
  offer(waybillNo: string, orderId: string, routes: SimRoute[]): void {
    const config = this.config
    if (!config) return
    for (const route of routes) {
      if (this.queued.has(route.id)) continue
      this.queued.add(route.id)
      const delivery: PushDelivery = { routeId: route.id, waybillNo, attempts: 0, state: 'pending' }
      this.deliveries.push(delivery)
      const body = JSON.stringify({
        Body: { WaybillRoute: [{ id: route.id, mailno: waybillNo, orderid: orderId, acceptTime: route.acceptTime, acceptAddress: route.acceptAddress, remark: route.remark, opCode: route.opCode }] },
      })
      void this.attempt(config, delivery, body)
    }
  }

  private async attempt(config: PushConfig, delivery: PushDelivery, body: string): Promise<void> {
    delivery.attempts++
    const sends = config.duplicatePush ? 2 : 1
    let error: string | undefined
    for (let i = 0; i < sends && !error; i++) error = await this.send(config, body)
    if (!error) {
      delivery.state = 'delivered'
      delete delivery.lastError
      return
    }
    delivery.lastError = error
    if (delivery.attempts >= config.maxTries || this.config !== config) {
      delivery.state = 'gave_up'
      return
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void this.attempt(config, delivery, body)
    }, config.retryBaseMs * 2 ** (delivery.attempts - 1))
    timer.unref()
    this.timers.add(timer)
  }

  /** Undefined when acknowledged; else why not. */
  private async send(config: PushConfig, body: string): Promise<string | undefined> {
    const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' }
    const colon = config.secretHeader?.indexOf(':') ?? -1
    if (config.secretHeader && colon > 0) headers[config.secretHeader.slice(0, colon).trim()] = config.secretHeader.slice(colon + 1).trim()
    try {
      const response = await fetch(config.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) })
      const text = await response.text()
      if (response.status !== 200) return `HTTP ${response.status}`
      const ack = JSON.parse(text) as { return_code?: unknown }
      return ack.return_code === '0000' ? undefined : `return_code ${String(ack.return_code)}`
    } catch (err) {
      return err instanceof Error ? err.message : String(err)
    }
  }
}
