/**
 * The local side of the pull: a case accepted at another station, written
 * into this station's store from the hall's accept image, is found by ID
 * number here (sealed with this station's key and lookup hash); steps apply
 * once, however often the follower reads them; the audit cross-check stays
 * clean because each applied change carries its own linked audit row.
 */
import { describe, expect, it } from 'vitest'
import { crossCheckCases } from '../../../main/store/auditCrossCheck'
import { aPersonForm, PERSON_ID, tableCounts } from '../../fixtures/caseWorld'
import { caseWorldsPerTest } from '../../fixtures/caseWorlds'
import { aPulledEvent, aPulledImage } from '../../fixtures/hallPulls'

const world = caseWorldsPerTest()
const CASE_NO = '320300202603020020001'

describe('cases pulled from the hall', () => {
  it('are found by the applicant ID number at this station, with the station that accepted them', () => {
    const w = world()
    const accept = aPulledEvent(CASE_NO, 7, { action: 'accept', from: null, to: 'accepted', version: 1 })
    w.store.transaction(() => w.store.hallCases.insertCase('001', accept, aPulledImage(CASE_NO)))
    const rows = w.services.cases.findByIdNumber(PERSON_ID)
    expect(rows.map((r) => r.caseNo)).toEqual([CASE_NO])
    expect(w.store.hallCases.stateOf(CASE_NO)).toMatchObject({ station: '002', state: 'accepted', hallVersion: 1, steps: 1 })
    // The full ID number on the case page is this station's own decryption of its own ciphertext.
    expect(w.store.cases.detail(CASE_NO)?.applicant.idNumber).toBe(PERSON_ID)
  })

  it('apply each event once, however often it is read', () => {
    const w = world()
    const accept = aPulledEvent(CASE_NO, 7, { action: 'accept', from: null, to: 'accepted', version: 1 })
    const review = { ...aPulledEvent(CASE_NO, 9, { action: 'startReview', from: 'accepted', to: 'in_review', version: 2 }), note: '开始审查' }
    const apply = (): boolean[] =>
      w.store.transaction(() => [w.store.hallCases.insertCase('001', accept, aPulledImage(CASE_NO)), w.store.hallCases.applyStep('001', review, null)])
    expect(apply()).toEqual([true, true])
    const counts = tableCounts(w.store)
    expect(apply()).toEqual([false, false])
    expect(tableCounts(w.store)).toEqual(counts)
    const detail = w.store.cases.detail(CASE_NO)
    expect(detail?.state).toBe('in_review')
    expect(w.store.hallCases.stateOf(CASE_NO)).toMatchObject({ hallVersion: 2, steps: 2 })
    expect(detail?.events.map((e) => [e.action, e.stationId, e.operator, e.note])).toEqual([
      ['accept', '002', 'B002', null],
      ['startReview', '002', 'B002', '开始审查'],
    ])
  })

  it('never step a case back when an older event is read after a newer one', () => {
    const w = world()
    w.store.transaction(() => {
      w.store.hallCases.insertCase('001', aPulledEvent(CASE_NO, 7, { action: 'accept', from: null, to: 'accepted', version: 1 }), aPulledImage(CASE_NO))
      w.store.hallCases.applyStep('001', aPulledEvent(CASE_NO, 9, { action: 'startReview', from: 'accepted', to: 'in_review', version: 2 }), null)
      w.store.hallCases.applyStep('001', aPulledEvent(CASE_NO, 11, { action: 'approve', from: 'in_review', to: 'approved', version: 3 }), null)
      w.store.hallCases.applyStep('001', aPulledEvent(CASE_NO, 9, { action: 'startReview', from: 'accepted', to: 'in_review', version: 2 }), null)
    })
    expect(w.store.hallCases.stateOf(CASE_NO)).toMatchObject({ state: 'approved', hallVersion: 3, steps: 3 })
  })

  it('leave the audit cross-check clean: every pulled timeline row has its audit row here', () => {
    const w = world()
    w.store.transaction(() => {
      w.store.hallCases.insertCase('001', aPulledEvent(CASE_NO, 7, { action: 'accept', from: null, to: 'accepted', version: 1 }), aPulledImage(CASE_NO))
      w.store.hallCases.applyStep('001', aPulledEvent(CASE_NO, 9, { action: 'startReview', from: 'accepted', to: 'in_review', version: 2 }), null)
    })
    expect(crossCheckCases(w.store.db)).toMatchObject({ total: 0, events: 2 })
  })

  it('keep the follower position with the batch and never move it back', () => {
    const w = world()
    expect(w.store.hallCases.pulledSeq()).toBe(0)
    w.store.transaction(() => w.store.hallCases.setPulledSeq(12))
    w.store.transaction(() => w.store.hallCases.setPulledSeq(5))
    expect(w.store.hallCases.pulledSeq()).toBe(12)
  })

  it('give this station own cases their accepting station and no hall version until the hall knows them', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    expect(w.store.hallCases.stateOf(caseNo)).toMatchObject({ station: '001', hallVersion: null, steps: 1 })
    w.store.transaction(() => w.store.hallCases.markKnown(caseNo, 1))
    expect(w.store.hallCases.stateOf(caseNo)?.hallVersion).toBe(1)
  })
})
