/**
 * Carrier failures, classified once in the adapter (specs/dispatch.md §B2) so
 * the outbox acts on the class alone: retry the same request, wait out a
 * Retry-After, ask the carrier whether a create happened before sending it
 * again, or park the row for a person with the carrier's own words.
 */

export type CarrierCode = 'sf' | 'ems' | 'manual' | 'sim'

export type ErrorClass =
  | 'transient' // 502/503/504, connection refused, 5xx or garbage on a read: retry the same request
  | 'rate_limited' // 429 or carrier throttle: retry after Retry-After (or backoff)
  | 'unknown_outcome' // a create/cancel may or may not have happened: look it up before sending again
  | 'auth' // bad digest, token, IP or permission: stop and alert
  | 'clock' // timestamp rejected (SF A1002): the PC's clock is off
  | 'validation' // missing/invalid field, not serviceable: permanent
  | 'conflict' // duplicate order id (look it up) or a state the carrier refuses: permanent unless adopted
  | 'not_found' // order or waybill unknown to the carrier
  | 'unsupported' // the carrier cannot do this

export interface CarrierErrorDetail {
  httpStatus?: number
  /** From Retry-After (seconds or an HTTP date), as a floor for the next attempt. */
  retryAfterMs?: number
  field?: string
  /** The reply (or its start) as received, with secrets removed: for the audit, never shown to applicants. */
  raw?: string
  /**
   * The carrier said this order id was already used (SF 8016 重复下单): the
   * caller looks the order up and adopts it (same payload) or reports a
   * conflict — never a failure by itself.
   */
  duplicateOrder?: boolean
}

export class CarrierError extends Error {
  constructor(
    readonly cls: ErrorClass,
    readonly carrier: CarrierCode,
    /** The carrier's code (A1006, 8016, HTTP 503, …) or ours for local failures. */
    readonly code: string,
    /** The carrier's text where it gave one, shown to staff verbatim (karrio #368). */
    message: string,
    readonly detail: CarrierErrorDetail = {},
  ) {
    super(message)
    this.name = 'CarrierError'
  }

  /** Worth trying again later without a person: the outbox backs off and retries. */
  get retryable(): boolean {
    return this.cls === 'transient' || this.cls === 'rate_limited' || this.cls === 'unknown_outcome'
  }

  /** The order id is already taken at the carrier: look it up before anything else. */
  get isDuplicateOrder(): boolean {
    return this.detail.duplicateOrder === true
  }
}

export function isCarrierError(err: unknown): err is CarrierError {
  return err instanceof CarrierError
}
