/** An outbox row as SQLite holds it, and as the rest of the station reads it. */

export type OutboxState = 'waiting' | 'leased' | 'done' | 'parked' | 'cancelled'

export interface OutboxRecord {
  id: number
  lane: string
  kind: string
  idempotencyKey: string
  caseNo: string | null
  orderKey: string | null
  payload: unknown
  state: OutboxState
  attempts: number
  nextAttemptAt: string
  leaseUntil: string | null
  leaseSeq: number
  lastError: string | null
  lastErrorClass: string | null
  uncertain: boolean
  createdAt: string
  updatedAt: string
  doneAt: string | null
  result: unknown
}

export interface OutboxRow {
  id: number
  lane: string
  kind: string
  idempotency_key: string
  case_no: string | null
  order_key: string | null
  payload: string
  state: OutboxState
  attempts: number
  next_attempt_at: string
  lease_until: string | null
  lease_seq: number
  last_error: string | null
  last_error_class: string | null
  uncertain: number
  created_at: string
  updated_at: string
  done_at: string | null
  result: string | null
}

export const toOutboxRecord = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  lane: r.lane,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  caseNo: r.case_no,
  orderKey: r.order_key,
  payload: JSON.parse(r.payload) as unknown,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  leaseUntil: r.lease_until,
  leaseSeq: r.lease_seq,
  lastError: r.last_error,
  lastErrorClass: r.last_error_class,
  uncertain: r.uncertain === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  doneAt: r.done_at,
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
})
