/**
 * The station's own intake history per item, for ranking an empty item
 * search: a small tally kept in memory and topped up from the cases table
 * with only the rows added since the last look (a rowid range). A case
 * written by a CLI beside the app is counted like one accepted here; a
 * replaced database (restore) starts the tally over.
 */
import type { Store } from '../../store/store'

export class ItemUsageTally {
  private readonly tally = new Map<string, number>()
  private seenId = 0

  constructor(
    private readonly store: Store,
    private readonly stationId: string,
  ) {}

  /** Accepted cases of this station per item code, as of now. */
  counts(): ReadonlyMap<string, number> {
    let fresh = this.store.itemUsage.countsSince(this.stationId, this.seenId)
    if (fresh.lastId < this.seenId) {
      // Fewer rows than we saw: not this database any more. Count it from the start.
      this.tally.clear()
      fresh = this.store.itemUsage.countsSince(this.stationId, 0)
    }
    for (const { itemCode, count } of fresh.counts) this.tally.set(itemCode, (this.tally.get(itemCode) ?? 0) + count)
    this.seenId = fresh.lastId
    return this.tally
  }
}
