/**
 * What a station puts on the outbox for the hall (docs/hall.md "Push" and
 * "Payloads"): one `hall.event` row per case change, keyed
 * `<station>:<caseNo>:<version>` and ordered by case number, and
 * `hall.audit` rows that copy the audit chain up to its head, ordered
 * among themselves. The follower (pull) and the CLI read the same shapes.
 */
import type { NewCase } from '../store/caseRecords'

export const HALL_LANE = 'hall'
export const HALL_EVENT_KIND = 'hall.event'
export const HALL_AUDIT_KIND = 'hall.audit'
export const HALL_AUDIT_ORDER = 'audit'
/** Events per hall transaction; the lane leases twice as many, so one slice is in the hall while the outbox settles the last. */
export const HALL_EVENT_BATCH = 1_000

export type HallEventKind = 'accept' | 'transition' | 'materials'

/** The accept's case image: the local NewCase without the plaintext ID numbers. */
export type HallCaseImage = Omit<NewCase, 'applicant'> & { applicant: Omit<NewCase['applicant'], 'idNumber' | 'handlerIdNumber'> }

export type HallEventPayload =
  | { case: HallCaseImage; idSealed: string | null; handlerIdSealed: string | null }
  | { note: string | null; details: Record<string, unknown> | null }
  | { materialIds: string[]; at: string }

/** A `hall.event` row's payload: the event as case_events stores it. */
export interface HallEventRow {
  station: string
  caseNo: string
  kind: HallEventKind
  action: string
  from: string | null
  to: string
  /** The case's version the event makes: 1 at accept, then one more per event (the local timeline's entry number). */
  version: number
  at: string
  operator: string
  /** For the cases row an accept creates. */
  item?: { code: string; name: string }
  payload: HallEventPayload
}

/** A `hall.audit` row's payload: copy every audit row up to the head at push time (rows written later ride along). */
export interface HallAuditRow {
  station: string
}

export const hallEventKey = (station: string, caseNo: string, version: number): string => `${station}:${caseNo}:${version}`
export const hallAuditKey = (station: string, headSeq: number): string => `${station}:audit:${headSeq}`
