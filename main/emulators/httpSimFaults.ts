/**
 * Faults on demand in a simulated HTTP server (the carrier's of
 * specs/dispatch.md §C2, the platform's of docs/upstream.md "Emulator"): the
 * fault kinds both know, the book of rules appended over the control plane
 * and fired in order, and a data-plane request's life under a fault.
 * `commit: 'after'` = the server did the work and only the reply fails — the
 * case that doubles the work when a client retries blindly.
 */
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import { resetMidReply, send, type PreparedReply } from './httpSimWire'

export const faultCommit = z.enum(['before', 'after'])

/** A 5xx instead of the answer (the server's own body). */
export const httpFaultSchema = z.object({ kind: z.literal('http'), status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]), commit: faultCommit })
/** The answer held back `ms`; before the work, a client that gave up meanwhile finds nothing done. */
export const delayFaultSchema = z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), commit: faultCommit })
/** The connection dropped: before the work, with no answer; after it, halfway through the answer. */
export const resetFaultSchema = z.object({ kind: z.literal('reset'), commit: faultCommit })

type WireFault = z.infer<typeof httpFaultSchema> | z.infer<typeof delayFaultSchema> | z.infer<typeof resetFaultSchema>

/** When a rule fires among the requests it matches; beside the server's own match fields. */
export const ruleCount = {
  /** 1-based among this rule's matches: fire on the nth matching request. */
  nth: z.number().int().min(1).optional(),
  /** How many times it fires; -1 = forever. */
  times: z.number().int().min(-1).optional(),
}

/** A parsed rule: each match field present must equal the request's. */
interface FaultRuleOf<Fault> {
  match: { readonly [field: string]: unknown; nth?: number; times?: number }
  fault: Fault
}

interface ActiveRule<Fault> {
  rule: FaultRuleOf<Fault>
  seen: number
  fired: number
}

export class SimFaultBook<Target extends { path: string }, Fault> {
  private rules: Array<ActiveRule<Fault>> = []

  /** `parseRule` throws on a rule that does not parse: none of the batch is kept past it. */
  constructor(private readonly parseRule: (raw: unknown) => FaultRuleOf<Fault>) {}

  add(rules: unknown[]): number {
    for (const raw of rules) this.rules.push({ rule: this.parseRule(raw), seen: 0, fired: 0 })
    return this.rules.length
  }

  clear(): void {
    this.rules = []
  }

  get pending(): number {
    return this.rules.length
  }

  /** The first rule that matches and is due fires; a rule that has fired `times` times is dropped. */
  take(target: Target): Fault | null {
    for (const active of this.rules) {
      const { match } = active.rule
      if (!matches(match, target)) continue
      active.seen++
      if (active.seen < (match.nth ?? 1)) continue
      const times = match.times ?? 1
      active.fired++
      if (times !== -1 && active.fired >= times) this.rules = this.rules.filter((r) => r !== active)
      return active.rule.fault
    }
    return null
  }
}

function matches(match: FaultRuleOf<unknown>['match'], target: object): boolean {
  for (const [field, wanted] of Object.entries(match)) {
    if (field === 'nth' || field === 'times' || wanted === undefined) continue
    if ((target as Record<string, unknown>)[field] !== wanted) return false
  }
  return true
}

/** How a calls log names a fault both servers know. */
export function describeWireFault(fault: WireFault): string {
  switch (fault.kind) {
    case 'http':
      return `http ${fault.status} ${fault.commit}`
    case 'delay':
      return `delay ${fault.ms}ms ${fault.commit}`
    case 'reset':
      return `reset ${fault.commit}`
  }
}

export interface FaultedRequest<Fault extends { kind: string }> {
  res: ServerResponse
  fault: Fault | null
  /** The request's row in the calls log: the outcome of a request stopped before the work is set here. */
  call: { outcome: string }
  /** The reply of a fault that stops the request before any work; 'reset' = drop the connection. */
  beforeWork(fault: Fault): PreparedReply | 'reset' | undefined
  /** The outcome logged for such a reply. */
  stoppedAs(fault: Fault): string
  /** The work (it sets the call's outcome) and its reply. */
  work(): PreparedReply
  /** The reply an after-commit fault other than a reset or a delay sends instead of the work's. */
  brokenReply(fault: Fault, reply: PreparedReply): PreparedReply
  server: { wait(ms: number): Promise<void>; readonly isOpen: boolean }
}

/** One data-plane request under its fault (or none): stopped before the work, delayed, or the work done and only the reply broken. */
export async function answerUnderFault<Fault extends { kind: string }>(r: FaultedRequest<Fault>): Promise<void> {
  const { res, fault, call } = r
  let isGone = false
  res.on('close', () => (isGone = !res.writableFinished))
  const early = fault ? r.beforeWork(fault) : undefined
  if (early === 'reset') {
    call.outcome = 'reset'
    res.socket?.destroy()
    return
  }
  if (early) {
    call.outcome = r.stoppedAs(fault!)
    return send(res, early)
  }
  const timed = fault as Partial<WireFault> | null
  if (timed?.kind === 'delay' && timed.commit === 'before') {
    await r.server.wait(timed.ms!)
    if (isGone || !r.server.isOpen) {
      call.outcome = 'client_gone'
      return
    }
  }

  const reply = r.work()
  if (!timed || timed.commit !== 'after') return send(res, reply)
  // The work is done; only the reply goes wrong.
  switch (timed.kind) {
    case 'reset':
      return resetMidReply(res, reply)
    case 'delay':
      await r.server.wait(timed.ms!)
      if (!isGone && r.server.isOpen) send(res, reply)
      return
    default:
      return send(res, r.brokenReply(fault!, reply))
  }
}
