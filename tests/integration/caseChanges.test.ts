/**
 * The one way a case change is recorded: timeline and audit rows in the
 * change's transaction, `case.changed` only once that transaction has
 * committed — seen from a second connection, which reads committed data only.
 */
import { describe, expect, it } from 'vitest'
import type { EventPayload } from '../../main/contract'
import { AppError } from '../../main/domain/errors'
import { databaseFile, openDatabaseReadOnly } from '../../main/store/database'
import { aPersonForm, tableCounts, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'

const world = caseWorldsPerTest()

interface Seen {
  action: string
  caseNo: string
  /** What another connection finds when the event arrives. */
  committedTimeline: string[]
  committedAudit: string[]
  storeInTransaction: boolean
}

/** Records each `case.changed` with what a second connection sees of that case at that moment. */
function watch(w: CaseWorld): Seen[] {
  const reader = openDatabaseReadOnly(databaseFile(w.dataDir))
  const timeline = reader.prepare('SELECT e.action FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_no = ? ORDER BY e.seq').pluck()
  const audit = reader.prepare('SELECT action FROM audit_log WHERE case_no = ? ORDER BY seq').pluck()
  const seen: Seen[] = []
  w.events.on('case.changed', (p: EventPayload<'case.changed'>) => {
    seen.push({ action: p.action, caseNo: p.caseNo, committedTimeline: timeline.all(p.caseNo) as string[], committedAudit: audit.all(p.caseNo) as string[], storeInTransaction: w.store.inTransaction })
  })
  const dispose = w.dispose.bind(w)
  w.dispose = () => {
    reader.close()
    dispose()
  }
  return seen
}

const failing = (message: string) => () => {
  throw new AppError('PRINTER_UNAVAILABLE', message)
}

describe('recording a case change', () => {
  it('publishes accept, transition and materials received only after each has committed', () => {
    const w = world()
    const seen = watch(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-03-06' }] }) })
    w.services.cases.transition({ caseNo, action: 'startReview' })
    w.services.cases.receiveMaterials({ caseNo, materialIds: ['premises'] })
    expect(seen).toEqual([
      { action: 'accept', caseNo, committedTimeline: ['accept'], committedAudit: ['case.accept'], storeInTransaction: false },
      { action: 'startReview', caseNo, committedTimeline: ['accept', 'startReview'], committedAudit: ['case.accept', 'case.transition'], storeInTransaction: false },
      { action: 'supplyMaterials', caseNo, committedTimeline: ['accept', 'startReview', 'supplyMaterials'], committedAudit: ['case.accept', 'case.transition', 'case.materials'], storeInTransaction: false },
    ])
  })

  it('publishes nothing and leaves no timeline or audit row when the change rolls back after it was recorded', () => {
    const w = world({ acceptPorts: () => ({ receipts: { queueFor: failing('回执打印任务写入失败') } }) })
    const seen = watch(w)
    const before = tableCounts(w.store)
    expect(() => w.services.intake.accept({ form: aPersonForm() })).toThrow(/回执打印任务写入失败/)
    expect(tableCounts(w.store)).toEqual(before)
    expect(seen).toEqual([])
  })

  it('holds the events of a batch (the demo seeder’s) until the batch commits, and drops those of a step rolled back in it', () => {
    let failReceipt = false
    const w = world({ acceptPorts: () => ({ receipts: { queueFor: (a) => failReceipt && failing(`回执 ${a.caseNo} 写入失败`)() } }) })
    const seen = watch(w)
    const caseNos = w.services.changes.transaction(() => {
      const first = w.services.intake.accept({ form: aPersonForm() }).caseNo
      w.services.cases.apply({ caseNo: first, action: 'startReview' })
      // Fails after its change was recorded: its savepoint rolls back, the batch goes on.
      failReceipt = true
      expect(() => w.services.intake.accept({ form: aPersonForm() })).toThrow(/写入失败/)
      failReceipt = false
      const second = w.services.intake.accept({ form: aPersonForm() }).caseNo
      expect(seen).toEqual([])
      return [first, second]
    })
    expect(caseNos.map((no) => no.slice(-4))).toEqual(['0001', '0002'])
    expect(seen.map((s) => [s.action, s.caseNo, s.storeInTransaction])).toEqual([
      ['accept', caseNos[0], false],
      ['startReview', caseNos[0], false],
      ['accept', caseNos[1], false],
    ])
    expect(seen[1]!.committedTimeline).toEqual(['accept', 'startReview'])
    expect(seen[2]!.committedAudit).toEqual(['case.accept'])
  })

  it('publishes nothing of a batch that rolls back, though its changes were recorded', () => {
    const w = world()
    const seen = watch(w)
    const before = tableCounts(w.store)
    expect(() =>
      w.services.changes.transaction(() => {
        const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
        w.services.cases.apply({ caseNo, action: 'startReview' })
        throw new Error('batch aborted')
      }),
    ).toThrow('batch aborted')
    expect(seen).toEqual([])
    expect(tableCounts(w.store)).toEqual(before)
  })

  it('refuses to run inside a transaction it did not open, where the commit is out of its sight', () => {
    const w = world()
    const seen = watch(w)
    expect(() => w.store.transaction(() => w.services.intake.accept({ form: aPersonForm() }))).toThrow(/CaseChangeRecorder\.transaction/)
    expect(tableCounts(w.store).cases).toBe(0)
    expect(seen).toEqual([])
  })

  it('refuses a change recorded after its transaction ended', () => {
    const w = world()
    let kept: Parameters<Parameters<CaseWorld['services']['changes']['transaction']>[0]>[0] | undefined
    w.services.changes.transaction((scope) => {
      kept = scope
    })
    const change = { caseId: 1, caseNo: 'X', action: 'accept', from: null, to: 'accepted' as const, at: '', operator: 'A001', stationId: '001', timeline: { note: null, details: null }, audit: [] }
    expect(() => kept!.record(change)).toThrow(/after its transaction ended/)
  })
})
