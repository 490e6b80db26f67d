import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseState } from '../../../main/domain/caseMachine'
import { CaseQueueRepository, type QueueFilter, type QueueSort } from '../../../main/store/caseQueueRepository'
import { anIdNumber } from '../../fixtures/registrationNumbers'
import { aPersonForm, openCaseWorld, type CaseWorld } from '../../fixtures/caseWorld'

let w: CaseWorld
const surnames = ['王', '李', '王', '赵', '王']

beforeAll(() => {
  w = openCaseWorld()
  for (let i = 0; i < 40; i++) {
    w.clock.set(new Date(2026, 2, 2 + Math.floor(i / 10), 9, i))
    const name = `${surnames[i % surnames.length]!}${'明华'[i % 2]!}`
    const form = aPersonForm({ applicant: { kind: 'person', name, idNumber: anIdNumber({ seq: String(100 + i) }), phone: '13951234567' } })
    const { caseNo } = w.services.intake.accept({ form })
    if (i % 3 === 0) w.services.cases.transition({ caseNo, action: 'startReview' })
    if (i % 6 === 0) w.services.cases.transition({ caseNo, action: 'requestSupplement', note: '补正' })
  }
})
afterAll(() => w.dispose())

function everyPage(repo: CaseQueueRepository, filter: QueueFilter, sort: QueueSort): number[] {
  const ids: number[] = []
  let after
  for (;;) {
    const rows = repo.page(filter, sort, after, 6)
    ids.push(...rows.map((r) => r.id))
    if (rows.length < 6) return ids
    after = CaseQueueRepository.cursorOf(rows.at(-1)!, sort)
  }
}

describe('queue query plans', () => {
  it('gives the same pages whether a name search narrows by index or filters an ordered scan', () => {
    const narrow = new CaseQueueRepository(w.store.db, w.store.cipher)
    const scan = new CaseQueueRepository(w.store.db, w.store.cipher, { broadNameHits: 1 })
    for (const sort of ['newest', 'oldest', 'deadline'] as const) {
      const filter: QueueFilter = { today: '2026-03-05', match: { by: 'namePrefix', prefix: '王' } }
      const a = everyPage(narrow, filter, sort)
      expect(a).toHaveLength(24)
      expect(everyPage(scan, filter, sort)).toEqual(a)
      expect(scan.count(filter)).toBe(24)
      // With a state and a date range too (the name index alone no longer decides the page).
      const combined: QueueFilter = { ...filter, states: ['in_review', 'needs_supplement'], acceptedFrom: '2026-03-03' }
      const b = everyPage(narrow, combined, sort)
      expect(b.length).toBeGreaterThan(0)
      expect(b.length).toBeLessThan(24)
      expect(everyPage(scan, combined, sort)).toEqual(b)
      expect(narrow.count(combined)).toBe(b.length)
      // A date range alone: newest/oldest pages come from the name index by itself, and must agree with the scan.
      const ranged: QueueFilter = { ...filter, acceptedFrom: '2026-03-03', acceptedTo: '2026-03-04' }
      const c = everyPage(narrow, ranged, sort)
      expect(c.length).toBeGreaterThan(0)
      expect(c.length).toBeLessThan(24)
      expect(everyPage(scan, ranged, sort)).toEqual(c)
      expect(narrow.count(ranged)).toBe(c.length)
    }
  })

  it('merges one ordered range per state into the same order a single sort would give', () => {
    const repo = new CaseQueueRepository(w.store.db, w.store.cipher)
    const states: CaseState[] = ['accepted', 'in_review', 'needs_supplement']
    for (const sort of ['newest', 'oldest', 'deadline'] as const) {
      const merged = everyPage(repo, { today: '2026-03-05', states }, sort)
      const single = everyPage(repo, { today: '2026-03-05' }, sort)
      expect(merged).toEqual(single)
    }
  })

  it('returns nothing, without asking SQLite, for a light no chosen state can show', () => {
    const repo = new CaseQueueRepository(w.store.db, w.store.cipher)
    expect(repo.page({ today: '2026-03-05', states: ['needs_supplement'], light: 'red' }, 'newest', undefined, 10)).toEqual([])
    expect(repo.count({ today: '2026-03-05', states: ['needs_supplement'], light: 'red' })).toBe(0)
    expect(repo.count({ today: '2026-03-05', light: 'paused' })).toBe(7)
  })
})
