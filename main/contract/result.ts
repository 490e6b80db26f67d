/**
 * A failure on the wire: the code and message a screen acts on. Services throw
 * AppError (main/domain/errors); the dispatcher turns it into this.
 */
import type { ErrorCode } from '../domain/errors'

export type { ErrorCode }

export interface ApiError {
  code: ErrorCode
  message: string
  /** The input field the error is about, as a dotted path (`applicant.idNumber`). */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }
