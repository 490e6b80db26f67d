import { describe, expect, it } from 'vitest'
import type { EventPayload } from '../../main/contract'
import type { AppError } from '../../main/domain/errors'
import { lightOf } from '../../main/domain/caseClock'
import { addDays } from '../../main/domain/plainDate'
import { deadlineLight } from '../../main/domain/workingDays'
import { verifyAuditChain } from '../../main/store/auditChain'
import { aPersonForm, ENTERPRISE_USCC, ITEMS, tableCounts } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'

const world = caseWorldsPerTest()

const longForm = aPersonForm({ itemCode: ITEMS.long, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }] })

describe('case transitions', () => {
  it('records operator, station and time in the timeline and the audit chain, and tells the screens', () => {
    const w = world()
    const seen: Array<EventPayload<'case.changed'>> = []
    w.events.on('case.changed', (p) => seen.push(p))
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    w.session.actAs('B002')
    w.clock.set(new Date(2026, 2, 2, 14, 5))
    const detail = w.services.cases.transition({ caseNo, action: 'startReview' })
    expect(detail.state).toBe('in_review')
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'startReview', fromState: 'accepted', toState: 'in_review', operator: 'B002', stationId: '001' })
    expect(detail.timeline.at(-1)!.at).toBe(new Date(2026, 2, 2, 14, 5).toISOString())
    expect(seen.map((e) => [e.action, e.previousState, e.state])).toEqual([
      ['accept', null, 'accepted'],
      ['startReview', 'accepted', 'in_review'],
    ])
    const audit = w.store.db.prepare('SELECT operator, action, case_no FROM audit_log ORDER BY seq').all()
    expect(audit).toEqual([
      { operator: 'A001', action: 'case.accept', case_no: caseNo },
      { operator: 'B002', action: 'case.transition', case_no: caseNo },
    ])
    expect(verifyAuditChain(w.store.db).ok).toBe(true)
  })

  it('refuses an illegal transition naming the case and both states, and writes nothing', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    const before = tableCounts(w.store)
    let error: AppError | undefined
    try {
      w.services.cases.transition({ caseNo, action: 'collect' })
    } catch (err) {
      error = err as AppError
    }
    expect(error?.code).toBe('ILLEGAL_TRANSITION')
    expect(error?.message).toContain(caseNo)
    expect(error?.message).toMatch(/accepted.*collected/)
    expect(tableCounts(w.store)).toEqual(before)
    expect(w.services.cases.get(caseNo).version).toBe(1)
  })

  it('wants a reason for a rejection and a supplement request', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    w.services.cases.transition({ caseNo, action: 'startReview' })
    expect(() => w.services.cases.transition({ caseNo, action: 'reject' })).toThrow(/理由/)
    expect(() => w.services.cases.transition({ caseNo, action: 'requestSupplement', note: '  ' })).toThrow(/补正/)
    expect(w.services.cases.get(caseNo).state).toBe('in_review')
  })

  it('will not ship a case the applicant chose to collect at the window', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    for (const action of ['startReview', 'approve', 'produce'] as const) w.services.cases.transition({ caseNo, action })
    expect(() => w.services.cases.transition({ caseNo, action: 'ship' })).toThrow(/窗口领取/)
    // Collected at the output window only, where the collector is checked (tests/integration/outputWindow.test.ts).
    expect(() => w.services.cases.transition({ caseNo, action: 'collect' })).toThrow(/须在出件窗口/)
  })

  it('stops the clock while the case needs supplement and moves the deadline by the working days paused', () => {
    const w = world()
    const { caseNo, deadline } = w.services.intake.accept({ form: longForm })
    // 20 working days from Monday 2026-03-02: Monday 2026-03-30.
    expect(deadline).toBe('2026-03-30')
    w.services.cases.transition({ caseNo, action: 'startReview' })
    w.clock.set(new Date(2026, 2, 4, 10, 0)) // Wednesday
    const paused = w.services.cases.transition({ caseNo, action: 'requestSupplement', note: '缺少执业场所平面图', promiseDate: '2026-03-13' })
    expect(paused).toMatchObject({ clock: 'paused', light: null, pausedSince: '2026-03-04', workingDaysLeft: null })
    expect(w.services.cases.list({ filters: { light: 'paused' } }).rows.map((r) => r.caseNo)).toEqual([caseNo])

    w.clock.set(new Date(2026, 2, 11, 15, 0)) // next Wednesday: Thu, Fri, Mon, Tue, Wed = 5 working days paused
    const resumed = w.services.cases.transition({ caseNo, action: 'supply' })
    expect(resumed).toMatchObject({ state: 'in_review', clock: 'running', pausedDays: 5, pausedSince: null, deadline: '2026-04-07' })
    expect(resumed.timeline.at(-1)!.details).toMatchObject({ pausedWorkingDays: 5, deadline: '2026-04-07' })
  })

  it('turns the light yellow and red on the days the working-day rule says', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: longForm })
    const calendar = w.services.calendar.calendar()
    const row = w.store.cases.summary(caseNo)!
    for (let day = '2026-03-02'; day <= '2026-04-10'; day = addDays(day, 1)) {
      const stored = lightOf({ clock: 'running', today: day, deadline: row.deadline, warnDate: row.warnDate })
      expect([day, stored]).toEqual([day, deadlineLight({ today: day, deadline: row.deadline, totalDays: 20, calendar })])
    }
  })
})

describe('finding cases', () => {
  it('finds open cases by the ID number on a card, not closed ones', () => {
    const w = world()
    const open = w.services.intake.accept({ form: aPersonForm() }).caseNo
    const closed = w.services.intake.accept({ form: aPersonForm() }).caseNo
    w.services.cases.transition({ caseNo: closed, action: 'withdraw' })
    const idNumber = aPersonForm().applicant!.idNumber!
    expect(w.services.cases.findByIdNumber(idNumber.toLowerCase()).map((r) => r.caseNo)).toEqual([open])
    expect(() => w.services.cases.findByIdNumber('123')).toThrow(/身份证号码有误/)
  })

  it('tells a scanned receipt, credit code and waybill apart', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    expect(w.services.cases.classifyScan(`${caseNo}\r`)).toEqual({ kind: 'case', caseNo, exists: true, state: 'accepted' })
    expect(w.services.cases.classifyScan('320300202603020019999')).toMatchObject({ kind: 'case', exists: false, state: null })
    expect(w.services.cases.classifyScan('SF1000000000011')).toEqual({ kind: 'waybill', carrier: 'sf', waybillNo: 'SF1000000000011' })
    expect(w.services.cases.classifyScan('ee123456785cn')).toEqual({ kind: 'waybill', carrier: 'ems', waybillNo: 'EE123456785CN' })
    expect(w.services.cases.classifyScan('1151238971060')).toMatchObject({ kind: 'waybill', carrier: 'ems' })
    expect(w.services.cases.classifyScan(ENTERPRISE_USCC.toLowerCase())).toEqual({ kind: 'uscc', uscc: ENTERPRISE_USCC })
    expect(w.services.cases.classifyScan('hello')).toEqual({ kind: 'unknown', text: 'hello' })
  })
})
