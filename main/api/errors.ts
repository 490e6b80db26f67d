/**
 * A failure is a value with a code a screen can act on, not a thrown string.
 * Services throw AppError; the contract turns it into ApiError for the wire.
 */
export type ErrorCode =
  | 'BAD_INPUT' // input failed the command's schema
  | 'UNKNOWN_COMMAND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_USCC'
  | 'INVALID_PHONE'
  | 'CALENDAR_MISSING'
  | 'CATALOG_INVALID'
  | 'DEVICE_UNAVAILABLE'
  | 'DEVICE_ERROR'
  | 'PRINTER_UNAVAILABLE'
  | 'STORE_ERROR'
  | 'CONFIG_INVALID'
  | 'INTERNAL'

export interface ApiError {
  code: ErrorCode
  message: string
  /** The input field the error is about, as a dotted path (`applicant.idNumber`). */
  field?: string
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }

  toApi(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

