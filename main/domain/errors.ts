/**
 * A failure is a value with a code a screen can act on, not a thrown string.
 * Every layer throws AppError; the dispatcher (main/api) turns it into the
 * contract's ApiError for the wire.
 */
export type ErrorCode =
  | 'BAD_INPUT' // input failed the command's schema
  | 'UNKNOWN_COMMAND'
  | 'UNAUTHORIZED' // nobody signed in, or the sign-in was refused (wrong PIN, locked, disabled)
  | 'SESSION_EXPIRED' // the tab's session ended after the station's idle time: sign in again, the draft stays
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'COLLECTOR_MISMATCH' // the person at the output window may not collect this case; the message names who may (masked)
  | 'INVALID_ID_NUMBER'
  | 'INVALID_USCC'
  | 'INVALID_PHONE'
  | 'CALENDAR_MISSING'
  | 'CATALOG_INVALID'
  | 'DEVICE_UNAVAILABLE'
  | 'DEVICE_ERROR'
  | 'PRINTER_UNAVAILABLE'
  | 'HALL_OFFLINE' // hall mode: the hall's PostgreSQL is unreachable; a case the hall knows waits for it (new cases still go in)
  | 'CARRIER_UNAVAILABLE' // the carrier's API could not be reached or answered garbage (a queued effect is retried by itself)
  | 'UPSTREAM_OFFLINE' // the government service platform could not be reached (its events wait in the outbox)
  | 'STORE_ERROR'
  | 'CONFIG_INVALID'
  | 'INTERNAL'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }
}
