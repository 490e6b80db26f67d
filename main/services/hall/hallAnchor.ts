/**
 * The audit head anchored in the hall (issue 15 "Operators and the trail"):
 * each time the station's signed anchor moves (AuditAnchorService), a joined
 * station queues one `hall.audit` row keyed by the anchored seq, so the push
 * copies the chain up to there and sets `stations.audit_head_seq/hash`
 * (hallPush.ts). Exactly once: the same key as the change tap's for that
 * head, so a head queued twice is one row. `audit verify` reads the hall's
 * head back and checks the station's chain reaches it with the same hash.
 */
import { HALL_AUDIT_KIND, HALL_AUDIT_ORDER, HALL_LANE, hallAuditKey } from '../../hall/hallLane'
import type { HallPool } from '../../hall/hallDb'
import type { Store } from '../../store/store'

/** Queues the push of the chain up to `seq` (its own transaction); no-op when that head is queued already. */
export function enqueueHallAnchor(store: Store, station: string, seq: number): void {
  if (!store.isOpen || seq <= 0) return
  store.transaction(() => store.outbox.enqueue({ lane: HALL_LANE, kind: HALL_AUDIT_KIND, idempotencyKey: hallAuditKey(station, seq), orderKey: HALL_AUDIT_ORDER, caseNo: null, payload: { station } }))
}

/** The station's audit head as the hall holds it; null when none was pushed yet. */
export async function hallAuditAnchor(pool: HallPool, station: string): Promise<{ seq: number; hash: string; at: string | null } | null> {
  const r = await pool.query<{ seq: string | null; hash: string | null; at: Date | null }>('SELECT audit_head_seq AS seq, audit_head_hash AS hash, anchored_at AS at FROM stations WHERE code = $1', [station])
  const row = r.rows[0]
  if (!row || row.seq === null || row.hash === null) return null
  return { seq: Number(row.seq), hash: row.hash, at: row.at ? row.at.toISOString() : null }
}
