/**
 * The platform emulator's control plane (docs/upstream.md "Emulator"),
 * behind `X-Sim-Admin`: faults, reset, registering a station out of band,
 * online 办件 and their notices made on demand, and what was stored and
 * called. Inputs are checked; a bad one is a 400 naming it.
 */
import { z } from 'zod'
import { addFaultRules, controlRequest, isReply, noSuchControl } from './httpSimControl'
import { jsonReply, type PreparedReply } from './httpSimWire'
import type { UpstreamSim } from './upstreamSim'
import { noticeCaseSchema, registrationSchema, resultSchema } from '../domain/upstream/upstreamMessages'

const onlineCaseSchema = z
  .object({
    station: z.string().regex(/^\d{3}$/),
    case: noticeCaseSchema,
    decision: resultSchema,
    ready: z.boolean().default(false),
    operator: z.string().max(80).optional(),
    note: z.string().max(500).optional(),
  })
  .strict()

const noticeInputSchema = z
  .object({ caseNo: z.string().min(1), kind: z.enum(['decided', 'ready']), result: resultSchema.optional(), operator: z.string().max(80).optional(), note: z.string().max(500).optional() })
  .strict()

export function handleUpstreamControl(sim: UpstreamSim, method: string, url: URL, body: Buffer): PreparedReply {
  const request = controlRequest(method, url, body)
  if (isReply(request)) return request
  const { route, checked } = request

  switch (route) {
    case 'POST /faults':
      return addFaultRules(sim.faults, request.input, (err) => (err instanceof Error ? err.message : String(err)))
    case 'POST /reset':
      sim.reset()
      return jsonReply(200, { ok: true })
    case 'POST /register': {
      const reg = checked(registrationSchema.pick({ stationId: true, keyId: true, publicKey: true }))
      if (isReply(reg)) return reg
      return jsonReply(200, { outcome: sim.book.register(reg.stationId, reg.keyId, reg.publicKey, true) })
    }
    case 'POST /online-cases': {
      const c = checked(onlineCaseSchema)
      if (isReply(c)) return c
      return jsonReply(200, sim.book.addOnlineCase({ station: c.station, case: c.case, decision: c.decision, ready: c.ready, ...(c.operator ? { operator: c.operator } : {}), ...(c.note ? { note: c.note } : {}) }))
    }
    case 'POST /notices': {
      const n = checked(noticeInputSchema)
      if (isReply(n)) return n
      try {
        return jsonReply(200, sim.book.addNotice(n.caseNo, n.kind, { ...(n.result ? { result: n.result } : {}), ...(n.operator ? { operator: n.operator } : {}), ...(n.note ? { note: n.note } : {}) }))
      } catch (err) {
        return jsonReply(404, { error: err instanceof Error ? err.message : String(err) })
      }
    }
    case 'GET /events':
      return jsonReply(200, sim.book.eventList(url.searchParams.get('caseNo') ?? undefined))
    case 'GET /calls':
      return jsonReply(200, sim.calls)
    case 'GET /stations':
      return jsonReply(200, sim.book.stationList())
    default:
      return noSuchControl(route)
  }
}
