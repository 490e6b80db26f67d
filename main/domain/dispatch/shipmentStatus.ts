/**
 * A shipment's local status (specs/dispatch.md §B4): monotonic by rank, so a
 * late or repeated carrier event never moves a parcel backwards. Push and poll
 * feed the same functions; duplicates and out-of-order events are harmless.
 */

export type NormalStatus =
  | 'queued'
  | 'created'
  | 'label_printed'
  | 'handed_over'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'returned'
  | 'failed'
  | 'cancelled'

export const STATUS_RANK: Readonly<Record<NormalStatus, number>> = {
  queued: 0,
  created: 10,
  label_printed: 20,
  handed_over: 30,
  in_transit: 40,
  out_for_delivery: 50,
  // Not terminal: a failed delivery may be re-attempted (failed → in_transit | out_for_delivery).
  failed: 60,
  delivered: 100,
  returned: 100,
  cancelled: 100,
}

const TERMINAL: ReadonlySet<NormalStatus> = new Set(['delivered', 'returned', 'cancelled'])
const REATTEMPT: ReadonlySet<NormalStatus> = new Set(['in_transit', 'out_for_delivery'])
const BEFORE_HANDOVER: ReadonlySet<NormalStatus> = new Set(['queued', 'created', 'label_printed'])

export function isTerminal(status: NormalStatus): boolean {
  return TERMINAL.has(status)
}

/** Cancel is ours to do only before the courier has the parcel; later it is a carrier interception. */
export function canCancel(status: NormalStatus): boolean {
  return status === 'created' || status === 'label_printed'
}

export type ApplyOutcome =
  | { applied: true; status: NormalStatus; handoverMissing: boolean }
  | { applied: false; status: NormalStatus; why: 'terminal' | 'informational' | 'not_higher' | 'older_than_failure' }

/**
 * One event's effect. `isNewer` says the event happened after the moment the
 * current status was set; only a re-attempt after a failure needs it.
 */
export function applyStatus(current: NormalStatus, incoming: NormalStatus | null, isNewer: boolean): ApplyOutcome {
  if (isTerminal(current)) return { applied: false, status: current, why: 'terminal' }
  if (incoming === null) return { applied: false, status: current, why: 'informational' }
  // The courier scanned the parcel before the batch was closed: follow the carrier, flag the handover.
  const handoverMissing = BEFORE_HANDOVER.has(current) && STATUS_RANK[incoming] >= STATUS_RANK.in_transit && incoming !== 'cancelled'
  if (STATUS_RANK[incoming] > STATUS_RANK[current]) return { applied: true, status: incoming, handoverMissing }
  if (current === 'failed' && REATTEMPT.has(incoming)) {
    return isNewer ? { applied: true, status: incoming, handoverMissing: false } : { applied: false, status: current, why: 'older_than_failure' }
  }
  return { applied: false, status: current, why: 'not_higher' }
}

export interface StatusEvent {
  /** ISO 8601 with offset; compared as instants. */
  at: string
  status: NormalStatus | null
}

export interface FoldResult<E extends StatusEvent> {
  status: NormalStatus
  /** When the resulting status was set: the applying event's time, or the start's. */
  statusAt: string
  /** Events in the order they were applied, each with whether it moved the status. */
  steps: Array<{ event: E; outcome: ApplyOutcome }>
  handoverMissing: boolean
}

/**
 * Applies events sorted by time, then by arrival (a stable sort keeps arrival
 * order for equal times). Events already stored should be filtered out by
 * their dedup key first; applying one twice changes nothing anyway.
 */
export function foldEvents<E extends StatusEvent>(start: { status: NormalStatus; at: string }, events: readonly E[]): FoldResult<E> {
  const ordered = events
    .map((event, arrival) => ({ event, arrival, ms: Date.parse(event.at) }))
    .sort((a, b) => a.ms - b.ms || a.arrival - b.arrival)
  let status = start.status
  let statusAt = start.at
  let statusMs = Date.parse(start.at)
  let handoverMissing = false
  const steps: FoldResult<E>['steps'] = []
  for (const { event, ms } of ordered) {
    const outcome = applyStatus(status, event.status, ms > statusMs)
    steps.push({ event, outcome })
    if (outcome.applied) {
      status = outcome.status
      statusAt = event.at
      statusMs = ms
      handoverMissing ||= outcome.handoverMissing
    }
  }
  return { status, statusAt, steps, handoverMissing }
}

/**
 * The key a tracking event is stored under, unique per shipment: the
 * carrier's event id when it gives one (SF push `id`), else the event's own
 * facts. Kept as readable text rather than a hash — the domain does no I/O and
 * the key needs uniqueness, not secrecy.
 */
export function trackingDedupKey(waybillNo: string, event: { carrierEventId?: string; code: string; at: string; location?: string }): string {
  if (event.carrierEventId) return `id:${event.carrierEventId}`
  return `ev:${waybillNo}|${event.code}|${event.at}|${event.location ?? ''}`
}
