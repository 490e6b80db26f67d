/**
 * What a station puts on the outbox for the platform (docs/upstream.md
 * "Exactly once, in order"): one `upstream.event` row per pushed step, keyed
 * per event and ordered by the local case number. The payload is the event's
 * body as it will be sent, except the ID numbers: those stay sealed under the
 * station's key (`store.cipher.encryptId`) and are opened at send time, so no
 * outbox row — nor a backup of one — holds an ID number in clear.
 */
import type { UpstreamEventBody } from '../domain/upstream/upstreamMessages'

export const UPSTREAM_LANE = 'upstream'
export const UPSTREAM_EVENT_KIND = 'upstream.event'

export interface UpstreamEventPayload {
  /** The body with `applicant.idNumber` and `applicant.handlerIdNumber` null. */
  body: UpstreamEventBody
  /** base64 of the local cipher's sealed ID numbers; null when none. */
  idSealed: string | null
  handlerIdSealed: string | null
}

export const upstreamEventKey = (station: string, caseNo: string, seq: number): string => `${station}:${caseNo}:${seq}`
export const upstreamRatingKey = (station: string, caseNo: string, visit: string): string => `${station}:${caseNo}:rate:${visit}`

/**
 * The lane's worker settings: the platform away for days is a backlog, never
 * a park. The lease outlasts one call (`timeoutMs`) with room to store its
 * outcome, and no more: a station killed mid-call has its row taken again
 * soon after it restarts (marked uncertain; the platform's dedupe makes the
 * resend harmless).
 */
export function upstreamLaneOptions(timeoutMs: number): { concurrency: number; maxAttempts: number; backoff: { baseMs: number; capMs: number }; leaseMs: number } {
  return { concurrency: 8, maxAttempts: 1_000_000, backoff: { baseMs: 1_000, capMs: 300_000 }, leaseMs: 2 * timeoutMs + 5_000 }
}
