import { describe, expect, it } from 'vitest'
import { parseStationConfig } from '../../main/config/stationConfig'
import { buildAcceptanceReceipt } from '../../main/domain/print/counterReceipts'
import { WorkingDayCalendar } from '../../main/domain/workingDays'
import { warnDateOf } from '../../main/domain/caseClock'
import type { AcceptedCase } from '../../main/services/cases/intakeService'
import { acceptanceReceiptOf } from '../../main/services/printing/receiptOnAccept'
import { verifyAuditChain } from '../../main/store/auditChain'
import { aCalendarYear, shipped2025, shipped2026 } from '../fixtures/calendarBuilder'
import { aPersonForm, caseCatalog, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { anItem } from '../fixtures/catalogBuilder'

const world = caseWorldsPerTest()

/** 施工许可: 50 working days, the item that reaches next year from early November. */
const PERMIT = 'XK90006001'
/** 300 working days: spans both 2027 and 2028 from December 2026. */
const TWO_YEARS = 'XK90007001'
const catalog = (() => {
  const c = caseCatalog()
  const items = [anItem({ code: PERMIT, name: '建筑工程施工许可证核发', promisedDays: 50, legalDays: 60 }), anItem({ code: TWO_YEARS, name: '跨两年的测试事项', promisedDays: 300, legalDays: 300 })]
  return { ...c, items: [...c.items, ...items] }
})()
const permitForm = aPersonForm({ itemCode: PERMIT, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }] })

/** The 2027 notice as a test makes it up (never shipped): New Year's Day only, so a recount visibly differs from the weekend guess. */
const notice2027 = aCalendarYear({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] })
const exact2027 = new WorkingDayCalendar([shipped2025(), shipped2026(), notice2027])
const guessed2027 = new WorkingDayCalendar([shipped2025(), shipped2026(), aCalendarYear({ year: 2027, holidays: [] })])

function openWorld(now: Date): { w: CaseWorld; receipts: AcceptedCase[] } {
  const receipts: AcceptedCase[] = []
  const w = world({ now, catalog, acceptPorts: () => ({ receipts: { queueFor: (a) => receipts.push(a) } }) })
  return { w, receipts }
}

const auditActions = (w: CaseWorld, action: string) =>
  w.store.db.prepare('SELECT case_no, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{ case_no: string; details: string }>

describe('accepting while next year has no holiday calendar', () => {
  it('accepts a 50-day item on 2026-12-02 with a provisional deadline, marked with its reason everywhere the deadline shows', () => {
    const { w, receipts } = openWorld(new Date(2026, 11, 2, 9, 30))
    const result = w.services.intake.accept({ form: permitForm })
    const expected = guessed2027.addWorkingDays('2026-12-02', 50)
    expect(expected.startsWith('2027-02')).toBe(true)
    expect(result).toMatchObject({ deadline: expected, deadlineProvisional: { missingYears: [2027], reason: '2027 年节假日安排未导入' }, alreadyAccepted: false })

    const row = w.services.cases.list({}).rows[0]!
    expect(row).toMatchObject({ caseNo: result.caseNo, deadline: expected, deadlineProvisional: { reason: '2027 年节假日安排未导入' }, light: 'green' })
    expect(row.workingDaysLeft).toBe(guessed2027.workingDaysBetween('2026-12-02', expected))
    const page = w.services.cases.get(result.caseNo)
    expect(page.deadlineProvisional).toEqual({ missingYears: [2027], reason: '2027 年节假日安排未导入' })
    expect(page.timeline[0]!.details).toMatchObject({ deadlineProvisional: { missingYears: [2027] } })

    // The warn date is counted the same way, and stored.
    const stored = w.store.cases.summary(result.caseNo)!
    expect(stored.warnDate).toBe(warnDateOf({ calendar: guessed2027, acceptedDate: '2026-12-02', deadline: expected, totalDays: 50 }))
    expect(stored.provisional).toEqual({ missingYears: [2027], pauses: [] })
    expect(JSON.parse(auditActions(w, 'case.accept')[0]!.details)).toMatchObject({ deadline: expected, deadlineProvisionalYears: [2027] })

    // The receipt tells the applicant the date is provisional, and why.
    const config = parseStationConfig({}, w.dataDir)
    const data = acceptanceReceiptOf(receipts[0]!, config)
    expect(data).toMatchObject({ promisedDate: expected, promisedDateProvisional: '2027 年节假日安排未导入' })
    const lines = buildAcceptanceReceipt(data).blocks.flatMap((b) => (b.type === 'text' ? [b.text.trim()] : []))
    expect(lines).toContain(`承诺办结：${expected}（暂定，50 个工作日）`)
    expect(lines.join('')).toContain('暂定原因：2027 年节假日安排未导入。导入后重新计算，以扫码查询结果为准。')
  })

  it('gives an exact, unmarked deadline when the span is loaded', () => {
    const { w } = openWorld(new Date(2026, 8, 1, 9, 30))
    const result = w.services.intake.accept({ form: permitForm })
    expect(result.deadlineProvisional).toBeNull()
    expect(w.store.cases.summary(result.caseNo)!.provisional).toBeNull()
  })

  it('keeps the mark through a 补正 pause that crosses into the missing year', () => {
    const { w } = openWorld(new Date(2026, 11, 2, 9, 30))
    const { caseNo } = w.services.intake.accept({ form: permitForm })
    w.services.cases.transition({ caseNo, action: 'startReview' })
    w.clock.set(new Date(2026, 11, 28, 10, 0))
    w.services.cases.transition({ caseNo, action: 'requestSupplement', note: '补正：施工图审查合格书' })
    w.clock.set(new Date(2027, 0, 5, 10, 0))
    const resumed = w.services.cases.transition({ caseNo, action: 'supply' })
    // Dec 29–31, Jan 1 (a Friday: a working day by the weekend guess), Jan 4, Jan 5.
    expect(resumed.pausedDays).toBe(6)
    expect(resumed.deadline).toBe(guessed2027.addWorkingDays('2026-12-02', 56))
    expect(resumed.deadlineProvisional).toEqual({ missingYears: [2027], reason: '2027 年节假日安排未导入' })
    expect(w.store.cases.summary(caseNo)!.provisional!.pauses).toEqual([{ from: '2026-12-28', to: '2027-01-05', workingDays: 6, missingYears: [2027] }])
  })
})

describe('importing the missing year', () => {
  it('recounts every open provisional deadline in the import’s transaction, with timeline and audit rows, and leaves closed cases alone', () => {
    const { w } = openWorld(new Date(2026, 11, 2, 9, 30))
    const running = w.services.intake.accept({ form: permitForm }).caseNo
    const paused = w.services.intake.accept({ form: permitForm }).caseNo
    const closed = w.services.intake.accept({ form: permitForm }).caseNo
    const exact = w.services.intake.accept({ form: aPersonForm() }).caseNo
    w.services.cases.transition({ caseNo: closed, action: 'withdraw' })
    w.services.cases.transition({ caseNo: paused, action: 'startReview' })
    w.clock.set(new Date(2026, 11, 28, 10, 0))
    w.services.cases.transition({ caseNo: paused, action: 'requestSupplement', note: '补正：施工图审查合格书' })
    w.clock.set(new Date(2027, 0, 5, 10, 0))
    w.services.cases.transition({ caseNo: paused, action: 'supply' })
    const closedBefore = w.store.cases.summary(closed)!
    const exactBefore = w.store.cases.summary(exact)!

    // case.changed goes out after the one commit: at the first event the transaction is over and every recount and the year are in.
    const seenAtEvent: Array<{ caseNo: string; action: string; inTransaction: boolean; provisionalLeft: number; year2027: number }> = []
    w.events.on('case.changed', (e) => {
      seenAtEvent.push({
        caseNo: e.caseNo,
        action: e.action,
        inTransaction: w.store.db.inTransaction,
        provisionalLeft: w.store.db.prepare("SELECT COUNT(*) FROM cases WHERE provisional_deadline IS NOT NULL AND state <> 'withdrawn'").pluck().get() as number,
        year2027: w.store.db.prepare('SELECT COUNT(*) FROM calendar_years WHERE year = 2027').pluck().get() as number,
      })
    })
    const { recounted } = w.services.calendar.importYear(notice2027, '2027.json', { operator: 'A009', stationId: '001' })

    expect(recounted.map((r) => r.caseNo).sort()).toEqual([running, paused].sort())
    expect(seenAtEvent.map((e) => [e.caseNo, e.action]).sort()).toEqual([[running, 'recountDeadline'], [paused, 'recountDeadline']].sort())
    expect(seenAtEvent.map((e) => [e.inTransaction, e.provisionalLeft, e.year2027])).toEqual([[false, 0, 1], [false, 0, 1]])

    const runningPage = w.services.cases.get(running)
    expect(runningPage).toMatchObject({ deadline: exact2027.addWorkingDays('2026-12-02', 50), deadlineProvisional: null })
    expect(w.store.cases.summary(running)!.warnDate).toBe(warnDateOf({ calendar: exact2027, acceptedDate: '2026-12-02', deadline: runningPage.deadline, totalDays: 50 }))
    expect(runningPage.timeline.at(-1)).toMatchObject({ action: 'recountDeadline', actionLabel: '时限重算', operator: 'A009', note: '导入 2027 年节假日日历，时限已按正式日历重算' })
    expect(runningPage.timeline.at(-1)!.details).toMatchObject({ previousDeadline: guessed2027.addWorkingDays('2026-12-02', 50), deadline: runningPage.deadline, provisionalYears: [] })

    // The pause is recounted too: New Year's Day was a holiday, so it took 5 working days, not 6.
    const pausedPage = w.services.cases.get(paused)
    expect(pausedPage).toMatchObject({ pausedDays: 5, deadline: exact2027.addWorkingDays('2026-12-02', 55), deadlineProvisional: null })
    expect(w.store.cases.summary(paused)!.provisional).toBeNull()

    expect(w.store.cases.summary(closed)).toMatchObject({ deadline: closedBefore.deadline, warnDate: closedBefore.warnDate, provisional: closedBefore.provisional, version: closedBefore.version })
    expect(w.services.cases.get(closed).timeline.map((t) => t.action)).toEqual(['accept', 'withdraw'])
    expect(w.store.cases.summary(exact)).toEqual(exactBefore)

    const recountAudit = auditActions(w, 'case.deadline.recount')
    expect(recountAudit.map((r) => r.case_no).sort()).toEqual([running, paused].sort())
    expect(verifyAuditChain(w.store.db)).toMatchObject({ ok: true })
  })

  it('writes nothing, the year included, when one recount fails', () => {
    const { w } = openWorld(new Date(2026, 11, 2, 9, 30))
    const good = w.services.intake.accept({ form: permitForm }).caseNo
    const bad = w.services.intake.accept({ form: permitForm }).caseNo
    // A mark no code writes: a pause that cannot be recounted makes the second recount throw after the first one ran.
    w.store.db.prepare('UPDATE cases SET provisional_deadline = ? WHERE case_no = ?').run(JSON.stringify({ missingYears: [2027], pauses: [{ from: '2027-01-05', to: '2026-12-28', workingDays: 1, missingYears: [2027] }] }), bad)
    const auditRows = w.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()
    const events: string[] = []
    w.events.on('case.changed', (e) => events.push(e.caseNo))

    expect(() => w.services.calendar.importYear(notice2027, '2027.json', { operator: 'A009', stationId: '001' })).toThrow(/补正结束日/)
    expect(w.store.db.prepare('SELECT COUNT(*) FROM calendar_years').pluck().get()).toBe(0)
    expect(w.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(auditRows)
    expect(w.store.cases.summary(good)!.provisional).toEqual({ missingYears: [2027], pauses: [] })
    expect(events).toEqual([])
    // And the calendar in use did not take in the year that was rolled back.
    expect(w.services.calendar.calendar().hasYear(2027)).toBe(false)
  })

  it('keeps a deadline provisional for a second missing year and says so', () => {
    const { w } = openWorld(new Date(2026, 11, 2, 9, 30))
    const { caseNo, deadlineProvisional } = w.services.intake.accept({ form: { ...permitForm, itemCode: TWO_YEARS } })
    expect(deadlineProvisional).toEqual({ missingYears: [2027, 2028], reason: '2027、2028 年节假日安排未导入' })
    const { recounted } = w.services.calendar.importYear(notice2027, '2027.json', { operator: 'A009', stationId: '001' })
    expect(recounted).toEqual([expect.objectContaining({ caseNo, stillMissingYears: [2028] })])
    const page = w.services.cases.get(caseNo)
    expect(page.deadlineProvisional).toEqual({ missingYears: [2028], reason: '2028 年节假日安排未导入' })
    expect(page.timeline.at(-1)!.note).toBe('导入 2027 年节假日日历，时限已重算，仍为暂定（2028 年节假日安排未导入）')
  })
})
