/**
 * The platform's push, at its source (docs/upstream.md "Exactly once, in
 * order"): every step this station records that the platform records too
 * becomes one `upstream.event` outbox row in the change's own transaction,
 * keyed `<station>:<caseNo>:<seq>` and ordered by the case; a rating, one
 * row in the rating's transaction. Steps the station applies FROM the
 * platform (its notices, `fromPlatform`) are the platform's own and are not
 * sent back.
 */
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { RatingRecord } from '../../store/ratingsRepository'
import type { Store } from '../../store/store'
import type { UpstreamRepository } from '../../store/upstreamRepository'
import { UPSTREAM_EVENT_KIND, UPSTREAM_LANE, upstreamEventKey, upstreamRatingKey } from '../../upstream/upstreamLane'
import type { ChangeTap } from '../cases/caseChanges'
import { upstreamEventOf, upstreamRatingOf, type CaseFacts, type UpstreamStation } from './upstreamEvents'

export interface UpstreamTapDeps {
  store: Store
  repo: UpstreamRepository
  station: UpstreamStation
}

export class UpstreamTap {
  private fromPlatformDepth = 0

  constructor(private readonly deps: UpstreamTapDeps) {}

  /** Runs `work` (synchronous, inside its transaction) as the platform's: the changes it records are not pushed. */
  fromPlatform<T>(work: () => T): T {
    this.fromPlatformDepth++
    try {
      return work()
    } finally {
      this.fromPlatformDepth--
    }
  }

  readonly tap: ChangeTap = (change, seq) => {
    const { store, station } = this.deps
    // Another station's change (hall mode) is that station's to push; the platform's own comes back from it.
    if (this.fromPlatformDepth > 0 || change.stationId !== station.id) return []
    const image = change.image
    const summary = image ? undefined : store.cases.summary(change.caseNo)
    const facts = this.facts(change.caseNo, image ? { itemCode: image.itemCode, itemName: image.itemName, department: image.department } : summary)
    if (!facts) return []
    const key = upstreamEventKey(station.id, change.caseNo, seq)
    const payload = upstreamEventOf(change, seq, key, facts, station, this.seal)
    if (!payload) return []
    return [{ lane: UPSTREAM_LANE, kind: UPSTREAM_EVENT_KIND, idempotencyKey: key, orderKey: change.caseNo, payload }]
  }

  /** The 评价 event of a rating just stored (RatingService, in its transaction). */
  ratingRows(rating: RatingRecord): OutboxRowInput[] {
    const { store, station } = this.deps
    const facts = this.facts(rating.caseNo, store.cases.summary(rating.caseNo))
    if (!facts) return []
    const key = upstreamRatingKey(station.id, rating.caseNo, rating.visit)
    const seq = store.cases.eventsOf(rating.caseNo).length
    return [{ lane: UPSTREAM_LANE, kind: UPSTREAM_EVENT_KIND, idempotencyKey: key, orderKey: rating.caseNo, caseNo: rating.caseNo, payload: upstreamRatingOf(rating, seq, key, facts, station) }]
  }

  private facts(caseNo: string, item: { itemCode: string; itemName: string; department: string } | undefined): CaseFacts | null {
    if (!item) return null
    return { caseNo, platformCaseNo: this.deps.repo.platformCaseNoOf(caseNo) ?? caseNo, itemCode: item.itemCode, itemName: item.itemName, department: item.department }
  }

  private readonly seal = (idNumber: string): string => this.deps.store.cipher.encryptId(idNumber).toString('base64')
}
