/**
 * The simulator's control plane (specs/dispatch.md §C2), behind `X-Sim-Admin`:
 * faults, reset, the clock, pickups and scenarios, what was stored and called,
 * and where to push routes. Inputs are checked; a bad one is a 400 naming it.
 */
import { z } from 'zod'
import type { CarrierSim } from './carrierSim'
import { scenarios } from './carrierSimTimeline'
import { addFaultRules, controlRequest, isReply, noSuchControl } from './httpSimControl'
import { jsonReply, type PreparedReply } from './httpSimWire'

const resetSchema = z
  .object({
    seed: z.number().int().min(1).max(999_999_999_999).optional(),
    duplicateOrderMode: z.enum(['reject_8016', 'return_first']).optional(),
    tokenTtlSec: z.number().int().min(1).optional(),
    rateLimitPerSec: z.number().min(0).optional(),
    unserviceableCounties: z.array(z.string()).optional(),
    autoPickupAfterMs: z.number().int().min(0).nullable().optional(),
  })
  .strict()

const clockSchema = z.object({ set: z.iso.datetime({ offset: true }).optional(), advanceMs: z.number().int().optional(), running: z.boolean().optional() }).strict()
const pickupSchema = z.object({ waybillNos: z.array(z.string()).min(1), at: z.iso.datetime({ offset: true }).optional() }).strict()
const scenarioSchema = z.object({ waybillNo: z.string(), scenario: z.enum(scenarios) }).strict()
const pushSchema = z
  .object({
    url: z.url().nullable(),
    secretHeader: z.string().optional(),
    duplicatePush: z.boolean().default(false),
    maxTries: z.number().int().min(1).max(50).default(10),
  })
  .strict()

export function handleControl(sim: CarrierSim, method: string, url: URL, body: Buffer): PreparedReply {
  const request = controlRequest(method, url, body)
  if (isReply(request)) return request
  const { route, checked } = request

  switch (route) {
    case 'POST /faults':
      return addFaultRules(sim.faults, request.input, (err) => `故障规则无效：${err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；') : String(err)}`)
    case 'DELETE /faults':
      sim.faults.clear()
      return jsonReply(200, { pending: 0 })
    case 'POST /reset': {
      const settings = checked(resetSchema)
      if (isReply(settings)) return settings
      sim.reset(Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)))
      return jsonReply(200, { settings: sim.settings, now: new Date(sim.clock.now()).toISOString() })
    }
    case 'GET /clock':
      return jsonReply(200, { now: new Date(sim.clock.now()).toISOString(), running: sim.clock.isRunning })
    case 'POST /clock': {
      const change = checked(clockSchema)
      if (isReply(change)) return change
      if (change.set) sim.clock.set(Date.parse(change.set), change.running ?? false)
      else if (change.running !== undefined) sim.clock.set(sim.clock.now(), change.running)
      if (change.advanceMs) sim.clock.advance(change.advanceMs)
      sim.pumpPushes()
      return jsonReply(200, { now: new Date(sim.clock.now()).toISOString(), running: sim.clock.isRunning })
    }
    case 'POST /pickup': {
      const pickup = checked(pickupSchema)
      if (isReply(pickup)) return pickup
      const at = pickup.at ? Date.parse(pickup.at) : sim.clock.now()
      const unknown: string[] = []
      for (const no of pickup.waybillNos) {
        const order = sim.book.byWaybillNo(no)
        if (order) order.pickupAtMs = at
        else unknown.push(no)
      }
      sim.pumpPushes()
      return jsonReply(unknown.length ? 404 : 200, { pickedUp: pickup.waybillNos.length - unknown.length, unknown })
    }
    case 'POST /scenario': {
      const change = checked(scenarioSchema)
      if (isReply(change)) return change
      const order = sim.book.byWaybillNo(change.waybillNo)
      if (!order) return jsonReply(404, { error: `没有运单 ${change.waybillNo}` })
      order.scenario = change.scenario
      sim.pumpPushes()
      return jsonReply(200, { waybillNo: change.waybillNo, scenario: change.scenario })
    }
    case 'GET /orders':
      return jsonReply(
        200,
        sim.book.list().map((o) => ({
          partnerId: o.partnerId,
          orderId: o.orderId,
          waybillNo: o.waybillNo,
          status: o.status,
          filterResult: o.filterResult,
          scenario: o.scenario,
          createdAt: new Date(o.createdAtMs).toISOString(),
          pickupAt: ((ms) => (ms === null ? null : new Date(ms).toISOString()))(sim.book.pickupAt(o)),
          routes: sim.book.routesOf(o, sim.clock.now()).length,
        })),
      )
    case 'GET /calls': {
      const serviceCode = url.searchParams.get('serviceCode')
      const orderId = url.searchParams.get('orderId')
      return jsonReply(200, sim.calls.filter((c) => (!serviceCode || c.serviceCode === serviceCode) && (!orderId || c.orderId === orderId)))
    }
    case 'POST /push-config': {
      const config = checked(pushSchema)
      if (isReply(config)) return config
      sim.pusher.configure(
        config.url === null
          ? null
          : { url: config.url, duplicatePush: config.duplicatePush, maxTries: config.maxTries, retryBaseMs: sim.pushRetryBaseMs, ...(config.secretHeader ? { secretHeader: config.secretHeader } : {}) },
      )
      sim.pumpPushes()
      return jsonReply(200, { pushing: config.url !== null })
    }
    case 'GET /pushes':
      return jsonReply(200, sim.pusher.deliveries)
    default:
      return noSuchControl(route)
  }
}
