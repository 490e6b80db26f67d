/**
 * 好差评 on the real store and services: one rating per visit, never edited
 * or deleted (the store's triggers), every rating audited, and the follow-up
 * a 差评 opens — due in the station's working days, with its light, closing
 * only after the return visit when the rating was signed.
 */
import { describe, expect, it } from 'vitest'
import type { EventPayload } from '../../main/contract'
import { EventBus } from '../../main/services/eventBus'
import { RatingService } from '../../main/services/ratings/ratingService'
import { verifyAuditChain } from '../../main/store/auditChain'
import { aPersonForm, tableCounts, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { createTestApp } from '../fixtures/testApp'
import { seedCases } from '../fixtures/queueSeed'
import { refusal } from '../fixtures/refusal'

const world = caseWorldsPerTest()

function ratingsOn(w: CaseWorld, followUpDays = 5): RatingService {
  return new RatingService({ store: w.store, calendar: w.services.calendar, session: w.session, events: w.events, clock: w.clock, stationId: '001', followUpDays })
}

const count = (w: CaseWorld, table: string): number => w.store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number

describe('rating a visit (一次一评)', () => {
  it('takes one rating per case and visit: a second is refused and the first stands', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    expect(ratings.submit({ caseNo, visit: 'intake', grade: 4 })).toMatchObject({ caseNo, visit: 'intake', grade: 4, gradeLabel: '满意', isNegative: false, staff: 'A001', followUp: null })

    const again = refusal(() => ratings.submit({ caseNo, visit: 'intake', grade: 1, reasons: ['attitude'] }))
    expect(again.code).toBe('CONFLICT')
    expect(again.message).toMatch(new RegExp(`${caseNo}.*满意.*一次一评`))
    expect(ratings.forCase(caseNo).map((r) => [r.visit, r.grade])).toEqual([['intake', 4]])
    expect(count(w, 'rating_follow_ups')).toBe(0)
  })

  it('rates the output visit on its own, once the result is there to collect', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    ratings.submit({ caseNo, visit: 'intake', grade: 5 })
    expect(refusal(() => ratings.submit({ caseNo, visit: 'output', grade: 5 })).code).toBe('ILLEGAL_TRANSITION')
    for (const action of ['startReview', 'approve', 'produce'] as const) w.services.cases.transition({ caseNo, action })
    ratings.submit({ caseNo, visit: 'output', grade: 3 })
    expect(ratings.forCase(caseNo).map((r) => [r.visit, r.grade])).toEqual([
      ['intake', 5],
      ['output', 3],
    ])
  })

  it('refuses a 差评 without a reason, and a case that does not exist, writing nothing', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    const before = { ...tableCounts(w.store), ratings: count(w, 'ratings') }
    const err = refusal(() => ratings.submit({ caseNo, visit: 'intake', grade: 2 }))
    expect([err.code, err.field]).toEqual(['BAD_INPUT', 'reasons'])
    expect(refusal(() => ratings.submit({ caseNo: '320300209912310019999', visit: 'intake', grade: 5 })).code).toBe('NOT_FOUND')
    expect({ ...tableCounts(w.store), ratings: count(w, 'ratings') }).toEqual(before)
  })

  it('audits every rating with its grade, reasons and words, on an intact chain', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    ratings.submit({ caseNo, visit: 'intake', grade: 1, reasons: ['attitude', 'efficiency'], text: '排队很久' })
    const row = w.store.db.prepare("SELECT operator, case_no, details FROM audit_log WHERE action = 'rating.submit'").get() as { operator: string; case_no: string; details: string }
    expect(row.case_no).toBe(caseNo)
    expect(row.operator).toBe('评价人')
    expect(JSON.parse(row.details)).toEqual({ visit: 'intake', grade: 1, reasons: ['efficiency', 'attitude'], text: '排队很久', signed: true, staff: 'A001', followUpDays: 5 })
    expect(verifyAuditChain(w.store.db).ok).toBe(true)
  })

  it('never lets a rating be edited or deleted: the store refuses it', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    ratings.submit({ caseNo, visit: 'intake', grade: 2, reasons: ['serviceLevel'] })
    expect(() => w.store.db.prepare('UPDATE ratings SET grade = 5').run()).toThrow(/never edited/)
    expect(() => w.store.db.prepare('DELETE FROM ratings').run()).toThrow(/never deleted/)
    expect(() => w.store.db.prepare('DELETE FROM rating_follow_ups').run()).toThrow(/never deleted/)
    expect(() => w.store.db.prepare('UPDATE rating_follow_ups SET grade = 1, days = 15').run()).toThrow(/only moves forward/)
    expect(ratings.forCase(caseNo)[0]).toMatchObject({ grade: 2, reasons: ['serviceLevel'] })
  })
})

describe('the follow-up of a 差评 (整改)', () => {
  it("opens with a due date in the station's working days and a light that turns as the days pass", () => {
    const w = world()
    const ratings = ratingsOn(w)
    const seen: Array<EventPayload<'ratings.changed'>> = []
    w.events.on('ratings.changed', (e) => seen.push(e))
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    // Monday 2026-03-02 + 5 working days.
    const rated = ratings.submit({ caseNo, visit: 'intake', grade: 1, reasons: ['attitude'] })
    expect(rated.followUp).toMatchObject({ caseNo, grade: 1, dueDate: '2026-03-09', state: 'open', light: 'green', workingDaysLeft: 5, signed: true })
    expect(ratings.followUps()).toEqual([expect.objectContaining({ caseNo, grade: 1, dueDate: '2026-03-09', state: 'open', applicantName: '张**', applicantPhone: '139****4567' })])
    expect(seen).toEqual([{ caseNo, visit: 'intake', grade: 1, followUpState: 'open' }])

    w.clock.set(new Date(2026, 2, 9, 9, 0))
    expect(ratings.followUps()[0]).toMatchObject({ light: 'yellow', workingDaysLeft: 0 })
    w.clock.set(new Date(2026, 2, 10, 9, 0))
    expect(ratings.followUps()[0]).toMatchObject({ light: 'red', workingDaysLeft: -1 })
  })

  it('is due in the working days the station sets (here 15), and a good grade opens none', () => {
    const w = world()
    const ratings = ratingsOn(w, 15)
    const [first, second] = [w.services.intake.accept({ form: aPersonForm() }), w.services.intake.accept({ form: aPersonForm({ applicant: { ...aPersonForm().applicant, name: '李四' } }) })]
    ratings.submit({ caseNo: first.caseNo, visit: 'intake', grade: 3 })
    ratings.submit({ caseNo: second.caseNo, visit: 'intake', grade: 2, reasons: ['efficiency'] })
    expect(ratings.followUps().map((f) => [f.caseNo, f.dueDate, f.days])).toEqual([[second.caseNo, '2026-03-23', 15]])
  })

  it('cannot close a signed 差评 without a return visit; recording it closes the follow-up, audited', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    ratings.submit({ caseNo, visit: 'intake', grade: 1, reasons: ['attitude'] })

    const early = refusal(() => ratings.closeFollowUp({ caseNo, visit: 'intake', note: '已批评教育窗口人员' }))
    expect(early.code).toBe('ILLEGAL_TRANSITION')
    expect(early.message).toContain('须先记录回访')
    // Not even the store lets it close without one.
    expect(() => w.store.db.prepare("UPDATE rating_follow_ups SET state = 'closed', closed_at = 'x', closed_by = 'y'").run()).toThrow(/CHECK constraint/)
    expect(ratings.followUps()).toHaveLength(1)

    w.session.actAs('主管 S01')
    w.clock.set(new Date(2026, 2, 4, 15, 0))
    const closed = ratings.recordReturnVisit({ caseNo, visit: 'intake', note: '电话回访，已致歉并说明整改措施，评价人表示理解', signed: true })
    expect(closed).toMatchObject({ state: 'closed', light: null, closedBy: '主管 S01', returnVisit: { by: '主管 S01', signed: true, at: new Date(2026, 2, 4, 15, 0).toISOString() } })
    expect(ratings.followUps()).toEqual([])
    expect(ratings.forCase(caseNo)[0]!.followUp).toMatchObject({ state: 'closed' })
    expect(refusal(() => ratings.recordReturnVisit({ caseNo, visit: 'intake', note: '再次回访' })).code).toBe('ILLEGAL_TRANSITION')
    const audit = w.store.db.prepare("SELECT operator, action FROM audit_log WHERE action LIKE 'rating.%' ORDER BY seq").all()
    expect(audit).toEqual([
      { operator: '评价人', action: 'rating.submit' },
      { operator: '主管 S01', action: 'rating.returnVisit' },
    ])
    expect(verifyAuditChain(w.store.db).ok).toBe(true)
  })

  it('closes an anonymous 差评 on what was put right; it has nobody to call back', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    ratings.submit({ caseNo, visit: 'intake', grade: 2, reasons: ['efficiency'], anonymous: true })
    expect(ratings.followUps()[0]).toMatchObject({ signed: false, applicantName: null, applicantPhone: null })
    expect(refusal(() => ratings.recordReturnVisit({ caseNo, visit: 'intake', note: '回访' })).message).toContain('匿名')
    expect(ratings.closeFollowUp({ caseNo, visit: 'intake', note: '增开午间窗口，缩短排队' })).toMatchObject({ state: 'closed', closeNote: '增开午间窗口，缩短排队', returnVisit: null })
    expect(ratings.followUps()).toEqual([])
  })

  it('wants someone signed in to close a follow-up', () => {
    const w = world()
    const ratings = ratingsOn(w)
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    ratings.submit({ caseNo, visit: 'intake', grade: 1, reasons: ['attitude'] })
    w.session.actAs(null)
    expect(refusal(() => ratings.recordReturnVisit({ caseNo, visit: 'intake', note: '电话回访' })).code).toBe('FORBIDDEN')
  })
})

describe('the customer panel', () => {
  it('shows the offered visit until it is rated, and names the clerk who offered it as the staff', () => {
    const w = world()
    const events = new EventBus()
    const pushed: Array<EventPayload<'ratings.panelChanged'>> = []
    events.on('ratings.panelChanged', (p) => pushed.push(p))
    const ratings = new RatingService({ store: w.store, calendar: w.services.calendar, session: w.session, events, clock: w.clock, stationId: '001', followUpDays: 5 })
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    expect(ratings.board.attach('panel-0001', true).panels).toBe(1)
    w.session.actAs('王晓明 A0123')
    expect(ratings.offer({ caseNo, visit: 'intake' }).offer).toMatchObject({ caseNo, visit: 'intake', itemName: '个体工商户设立登记', applicantName: '张**', staff: '王晓明 A0123' })
    w.session.actAs(null)
    expect(ratings.submit({ caseNo, visit: 'intake', grade: 5 }).staff).toBe('王晓明 A0123')
    expect(ratings.board.state()).toEqual({ offer: null, panels: 1 })
    expect(pushed.map((p) => [p.offer?.caseNo ?? null, p.panels])).toEqual([
      [null, 1],
      [caseNo, 1],
      [null, 1],
    ])
    w.session.actAs('王晓明 A0123')
    expect(refusal(() => ratings.offer({ caseNo, visit: 'intake' })).code).toBe('CONFLICT')
  })
})

describe('the contract', () => {
  it('answers a grade out of range and a 差评 without a reason with BAD_INPUT naming the field', async () => {
    const t = await createTestApp()
    try {
      const { services } = t.app
      services.session.actAs('王晓明 A0123')
      const [seeded] = seedCases(services, 1, ['XK00201004'])
      const invoke = (input: unknown) => t.app.dispatcher.invoke('ratings.submit', input, { transport: 'test' })
      await expect(invoke({ caseNo: seeded!.caseNo, visit: 'intake', grade: 6 })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'grade' } })
      await expect(invoke({ caseNo: seeded!.caseNo, visit: 'intake', grade: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'reasons' } })
      await expect(invoke({ caseNo: seeded!.caseNo, visit: 'intake', grade: 1, reasons: ['attitude'] })).resolves.toMatchObject({ ok: true, value: { grade: 1, followUp: { state: 'open' } } })
      const listed = await t.app.dispatcher.invoke('ratings.followUps', {}, { transport: 'test' })
      expect(listed).toMatchObject({ ok: true, value: [{ caseNo: seeded!.caseNo, grade: 1, state: 'open', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }] })
    } finally {
      await t.dispose()
    }
  })
})
