/**
 * Faults on demand (specs/dispatch.md §C2): rules appended over the control
 * plane and consumed in order. `commit: 'after'` means the carrier did the
 * work and only the reply fails — the case that makes duplicate waybills when
 * a client retries a create blindly.
 */
import { z } from 'zod'

const commit = z.enum(['before', 'after'])

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http'), status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]), body: z.enum(['json', 'html', 'empty']).default('json'), commit }),
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), commit }),
  z.object({ kind: z.literal('reset'), commit }),
  z.object({ kind: z.literal('rate_limit'), retryAfterSec: z.number().int().min(0).max(86_400).optional() }),
  z.object({ kind: z.literal('malformed'), variant: z.enum(['truncated', 'html_200', 'bad_inner_json', 'gbk_body']), commit }),
  z.object({ kind: z.literal('api_code'), apiResultCode: z.enum(['A1001', 'A1002', 'A1003', 'A1004', 'A1006']) }),
  z.object({ kind: z.literal('biz_error'), errorCode: z.string().min(1).max(40), errorMsg: z.string().max(200) }),
  z.object({ kind: z.literal('token_expired') }),
])
export type Fault = z.infer<typeof faultSchema>

export const faultRuleSchema = z.object({
  match: z
    .object({
      path: z.string().optional(),
      serviceCode: z.string().optional(),
      orderId: z.string().optional(),
      /** 1-based among this rule's matches: fire on the nth matching request. */
      nth: z.number().int().min(1).optional(),
      /** How many times it fires; -1 = forever. */
      times: z.number().int().min(-1).optional(),
    })
    .default({}),
  fault: faultSchema,
})
export type FaultRule = z.input<typeof faultRuleSchema>

export interface FaultTarget {
  path: string
  serviceCode?: string
  orderId?: string
}

interface ActiveRule {
  rule: z.output<typeof faultRuleSchema>
  seen: number
  fired: number
}

export class FaultBook {
  private rules: ActiveRule[] = []

  add(rules: unknown[]): number {
    for (const raw of rules) this.rules.push({ rule: faultRuleSchema.parse(raw), seen: 0, fired: 0 })
    return this.rules.length
  }

  clear(): void {
    this.rules = []
  }

  get pending(): number {
    return this.rules.length
  }

  /** The first rule that matches and is due fires; a rule that has fired `times` times is dropped. */
  take(target: FaultTarget): Fault | null {
    for (const active of this.rules) {
      const { match } = active.rule
      if (match.path !== undefined && match.path !== target.path) continue
      if (match.serviceCode !== undefined && match.serviceCode !== target.serviceCode) continue
      if (match.orderId !== undefined && match.orderId !== target.orderId) continue
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

/** How the calls log names a fault. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'http':
      return `http ${fault.status} ${fault.commit}`
    case 'delay':
      return `delay ${fault.ms}ms ${fault.commit}`
    case 'reset':
      return `reset ${fault.commit}`
    case 'malformed':
      return `malformed ${fault.variant} ${fault.commit}`
    case 'rate_limit':
      return 'rate_limit'
    case 'api_code':
      return `api_code ${fault.apiResultCode}`
    case 'biz_error':
      return `biz_error ${fault.errorCode}`
    case 'token_expired':
      return 'token_expired'
  }
}
