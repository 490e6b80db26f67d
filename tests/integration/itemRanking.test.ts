/**
 * An empty item search lists what this counter takes most often first,
 * counted from its own cases with a tally that reads only the rows added
 * since its last look.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventBus } from '../../main/services/eventBus'
import { buildCaseServices } from '../../main/services/cases/caseServices'
import { aPersonForm, ITEMS, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'

const world = caseWorldsPerTest()

function acceptTimes(w: CaseWorld, itemCode: string, times: number, services = w.services): void {
  const item = services.catalog.item(itemCode)
  const materials = item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies }))
  const fee = item.fee ? { receiptNo: 'FS2026-00001' } : undefined
  for (let i = 0; i < times; i++) {
    services.intake.accept({ form: aPersonForm({ itemCode, materials, fee, delivery: { method: 'window' } }) })
  }
}

const firstCodes = (w: CaseWorld, n: number): string[] => w.services.catalog.search('', n).map((i) => i.code)

describe('the empty item search', () => {
  it('lists the catalog in its own order on a station with no history', () => {
    const w = world()
    expect(firstCodes(w, 4)).toEqual([ITEMS.quick, ITEMS.withFee, ITEMS.windowOnly, ITEMS.long])
  })

  it('puts the items this station accepted most first, and follows new cases as they come', () => {
    const w = world()
    acceptTimes(w, ITEMS.windowOnly, 3)
    acceptTimes(w, ITEMS.long, 1)
    expect(firstCodes(w, 4)).toEqual([ITEMS.windowOnly, ITEMS.long, ITEMS.quick, ITEMS.withFee])
    acceptTimes(w, ITEMS.long, 3)
    expect(firstCodes(w, 2)).toEqual([ITEMS.long, ITEMS.windowOnly])
  })

  it('does not count another station’s cases in the same database', () => {
    const w = world()
    const other = buildCaseServices({
      store: w.store,
      events: new EventBus(),
      session: w.session,
      clock: w.clock,
      dataDir: w.dataDir,
      stationId: '002',
      regionCode: '320300',
      sampleCatalogFile: join(w.dataDir, 'test-catalog.json'),
    })
    acceptTimes(w, ITEMS.windowOnly, 5, other)
    acceptTimes(w, ITEMS.long, 1)
    expect(firstCodes(w, 2)).toEqual([ITEMS.long, ITEMS.quick])
    expect(other.catalog.search('', 1).map((i) => i.code)).toEqual([ITEMS.windowOnly])
  })

  it('keeps a typed search in match order', () => {
    const w = world()
    acceptTimes(w, ITEMS.long, 2)
    expect(w.services.catalog.search('gtgsh', 5)[0]?.code).toBe(ITEMS.quick)
  })
})

describe('the usage count in the store', () => {
  it('reads only the cases added since the last look, by row id', () => {
    const w = world()
    acceptTimes(w, ITEMS.windowOnly, 2)
    const first = w.store.itemUsage.countsSince('001', 0)
    expect(first.counts).toEqual([{ itemCode: ITEMS.windowOnly, count: 2 }])
    expect(w.store.itemUsage.countsSince('001', first.lastId)).toEqual({ counts: [], lastId: first.lastId })
    acceptTimes(w, ITEMS.long, 1)
    expect(w.store.itemUsage.countsSince('001', first.lastId).counts).toEqual([{ itemCode: ITEMS.long, count: 1 }])
    // A rowid range, not a scan of the table, whatever its size.
    const plan = w.store.db
      .prepare('EXPLAIN QUERY PLAN SELECT item_code, COUNT(*) FROM cases WHERE id > ? AND id <= ? AND station_id = ? GROUP BY item_code')
      .all(0, 1, '001') as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/)
  })
})
