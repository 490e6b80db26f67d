/**
 * The platform emulator's faults on demand (docs/upstream.md "Emulator"):
 * rules appended over the control plane and consumed in order
 * (httpSimFaults.ts). `commit: 'after'` = the platform stored the event and
 * only the reply fails — the case that doubles events when a client retries
 * without an idempotency key. The feed's faults bend a page: repeated
 * notices, a notice held back and delivered late.
 */
import { z } from 'zod'
import { delayFaultSchema, describeWireFault, httpFaultSchema, resetFaultSchema, ruleCount, SimFaultBook } from './httpSimFaults'

export const upstreamFaultSchema = z.discriminatedUnion('kind', [
  httpFaultSchema,
  resetFaultSchema,
  delayFaultSchema,
  z.object({ kind: z.literal('rate_limit'), retryAfterSec: z.number().int().min(0).max(86_400).default(1) }),
  z.object({ kind: z.literal('duplicate_notices') }),
  z.object({ kind: z.literal('out_of_order') }),
])
export type UpstreamFault = z.infer<typeof upstreamFaultSchema>

export const upstreamFaultRuleSchema = z.object({
  match: z
    .object({
      /** `/api/v1/events`, `/api/v1/notices`, `/api/v1/stations`. */
      path: z.string().optional(),
      /** Events: the body's 办件编号. */
      caseNo: z.string().optional(),
      /** Events: the step (`accept`, `collect`…). */
      step: z.string().optional(),
      ...ruleCount,
    })
    .default({}),
  fault: upstreamFaultSchema,
})
export type UpstreamFaultRule = z.input<typeof upstreamFaultRuleSchema>

export interface UpstreamFaultTarget {
  path: string
  caseNo?: string
  step?: string
}

export class UpstreamFaultBook extends SimFaultBook<UpstreamFaultTarget, UpstreamFault> {
  constructor() {
    super((raw) => upstreamFaultRuleSchema.parse(raw))
  }
}

export function describeUpstreamFault(fault: UpstreamFault): string {
  switch (fault.kind) {
    case 'http':
    case 'reset':
    case 'delay':
      return describeWireFault(fault)
    case 'rate_limit':
      return `rate_limit ${fault.retryAfterSec}s`
    case 'duplicate_notices':
    case 'out_of_order':
      return fault.kind
  }
}
