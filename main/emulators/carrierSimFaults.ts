/**
 * Faults on demand (specs/dispatch.md §C2): rules appended over the control
 * plane and consumed in order (httpSimFaults.ts). `commit: 'after'` means the
 * carrier did the work and only the reply fails — the case that makes
 * duplicate waybills when a client retries a create blindly.
 */
import { z } from 'zod'
import { delayFaultSchema, describeWireFault, faultCommit, httpFaultSchema, resetFaultSchema, ruleCount, SimFaultBook } from './httpSimFaults'

export const faultSchema = z.discriminatedUnion('kind', [
  httpFaultSchema.extend({ body: z.enum(['json', 'html', 'empty']).default('json') }),
  delayFaultSchema,
  resetFaultSchema,
  z.object({ kind: z.literal('rate_limit'), retryAfterSec: z.number().int().min(0).max(86_400).optional() }),
  z.object({ kind: z.literal('malformed'), variant: z.enum(['truncated', 'html_200', 'bad_inner_json', 'gbk_body']), commit: faultCommit }),
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
      ...ruleCount,
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

export class FaultBook extends SimFaultBook<FaultTarget, Fault> {
  constructor() {
    super((raw) => faultRuleSchema.parse(raw))
  }
}

/** How the calls log names a fault. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'http':
    case 'delay':
    case 'reset':
      return describeWireFault(fault)
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
