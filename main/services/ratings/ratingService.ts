/**
 * 好差评 (国办发〔2019〕51号) at the counter: the clerk offers the rating of a
 * visit on the customer-facing panel, the applicant gives it once (一次一评),
 * and a 差评 opens a follow-up (整改) for the supervisor, due in the
 * station's working days (5–15). A signed 差评 closes only after its return
 * visit (回访). Every write is audited in its own transaction; ratings are
 * never changed (the store's triggers refuse it).
 */
import { AppError } from '../../domain/errors'
import { maskName } from '../../domain/masking'
import { plainDateOf } from '../../domain/plainDate'
import { checkFollowUpDays, checkRating, closeRefusal, gradeLabels, isNegative, visitLabels, visitRefusal, type RatingReason, type RatingVisit } from '../../domain/ratings'
import { utcTimestamp } from '../../domain/timestamps'
import type { CaseSummary } from '../../store/caseRecords'
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { RatingRecord } from '../../store/ratingsRepository'
import type { Store } from '../../store/store'
import type { CalendarService } from '../cases/calendarService'
import { todayOn, type HallClock } from '../cases/hallClock'
import { requireOperator } from '../cases/operator'
import type { EventBus } from '../eventBus'
import type { SessionService } from '../system/session'
import { OfferBoard, type PanelState } from './offerBoard'
import { toFollowUpView, toRatingView, type FollowUpView, type RatingView } from './ratingViews'

export interface RatingServiceDeps {
  store: Store
  calendar: CalendarService
  session: SessionService
  events: EventBus
  clock: HallClock
  stationId: string
  /** Working days a 差评's follow-up is due in (station config `ratings.followUpDays`). */
  followUpDays: number
  /** Effects of a rating besides its own (the platform's 评价 event): outbox rows in the rating's transaction. */
  effects?: (rating: RatingRecord) => readonly OutboxRowInput[]
}

export interface RatingSubmission {
  caseNo: string
  visit: RatingVisit
  grade: number
  reasons?: RatingReason[]
  text?: string
  anonymous?: boolean
}

export interface FollowUpNote {
  caseNo: string
  visit: RatingVisit
  note: string
}

/** The audit chain's operator for a rating: the applicant gave it, not the clerk. */
const APPLICANT = '评价人'

export class RatingService {
  /** The offered rating and the attached customer panels. */
  readonly board: OfferBoard

  constructor(private readonly deps: RatingServiceDeps) {
    this.board = new OfferBoard(deps.events)
    checkFollowUpDays(deps.followUpDays)
  }

  /** Puts the visit's rating on the customer-facing panel (or the clerk's overlay when none is attached). */
  offer(input: { caseNo: string; visit: RatingVisit }): PanelState {
    const staff = requireOperator(this.deps.session)
    const c = this.rateableCase(input.caseNo, input.visit)
    return this.board.offer({ caseNo: c.caseNo, visit: input.visit, itemName: c.itemName, applicantName: maskName(c.applicantName), staff, offeredAt: utcTimestamp(this.deps.clock.now()) })
  }

  submit(input: RatingSubmission): RatingView & { followUp: FollowUpView | null } {
    const checked = checkRating(input)
    const c = this.rateableCase(input.caseNo, input.visit)
    const { store, stationId, followUpDays } = this.deps
    const now = this.deps.clock.now()
    const ratedAt = utcTimestamp(now)
    // Who served the applicant: the clerk who offered this rating, else whoever is signed in.
    const offered = this.board.offered(c.caseNo, input.visit)
    // The customer panel has no operator: it rates only the visit a signed-in clerk put on it.
    if (!offered && this.deps.session.get().operator === null) {
      throw new AppError('FORBIDDEN', '没有请申请人评价这次办事：请由窗口工作人员发起评价后再评', 'caseNo')
    }
    const staff = offered?.staff ?? this.deps.session.get().operator
    const signed = input.anonymous !== true
    const negative = isNegative(checked.grade)
    const rating = store.transaction(() => {
      const row = store.ratings.insert({ caseNo: c.caseNo, visit: input.visit, ...checked, signed, staff, stationId, ratedAt, ratedOn: plainDateOf(now) })
      if (negative) store.ratings.openFollowUp(row, followUpDays)
      for (const effect of this.deps.effects?.(row) ?? []) store.outbox.enqueue({ at: ratedAt, ...effect })
      store.audit({
        at: ratedAt,
        operator: APPLICANT,
        stationId,
        action: 'rating.submit',
        caseNo: c.caseNo,
        details: { visit: input.visit, grade: checked.grade, reasons: checked.reasons, text: checked.text, signed, staff, ...(negative ? { followUpDays } : {}) },
      })
      return row
    })
    this.board.settle(c.caseNo, input.visit)
    this.deps.events.emit('ratings.changed', { caseNo: c.caseNo, visit: input.visit, grade: checked.grade, followUpState: negative ? 'open' : null })
    return { ...toRatingView(rating), followUp: negative ? this.followUpView(c.caseNo, input.visit) : null }
  }

  /** The open follow-ups, oldest first. */
  followUps(): FollowUpView[] {
    const calendar = this.deps.calendar.calendar()
    const today = todayOn(this.deps.clock)
    return this.deps.store.ratings.open().map((f) => toFollowUpView(f, calendar, today))
  }

  forCase(caseNo: string): Array<RatingView & { followUp: FollowUpView | null }> {
    const followUps = new Map(this.deps.store.ratings.followUpsOf(caseNo).map((f) => [f.rating.id, f]))
    const calendar = this.deps.calendar.calendar()
    const today = todayOn(this.deps.clock)
    return this.deps.store.ratings.ratingsOf(caseNo).map((r) => {
      const f = followUps.get(r.id)
      return { ...toRatingView(r), followUp: f ? toFollowUpView(f, calendar, today) : null }
    })
  }

  /** The return visit (回访) of a signed 差评: recorded with what the applicant said, and the follow-up closes. */
  recordReturnVisit(input: FollowUpNote & { signed?: boolean }): FollowUpView {
    const operator = requireOperator(this.deps.session)
    const f = this.openFollowUp(input)
    if (!f.rating.signed) {
      throw new AppError('ILLEGAL_TRANSITION', `办件 ${input.caseNo} 的${visitLabels[input.visit]}差评是匿名评价，无法回访：请记录整改情况后办结`)
    }
    if (f.returnVisit) throw new AppError('CONFLICT', `办件 ${input.caseNo} 的${visitLabels[input.visit]}差评已于 ${f.returnVisit.at} 回访`)
    const at = utcTimestamp(this.deps.clock.now())
    const signed = input.signed === true
    const { store, stationId } = this.deps
    store.transaction(() => {
      if (!store.ratings.recordReturnVisit(f.rating.id, { at, by: operator, note: input.note, signed })) this.changedMeanwhile(input)
      if (!store.ratings.close(f.rating.id, at, operator, input.note)) this.changedMeanwhile(input)
      store.audit({ at, operator, stationId, action: 'rating.returnVisit', caseNo: input.caseNo, details: { visit: input.visit, note: input.note, signed, closed: true } })
    })
    return this.changed(input, f.rating.grade)
  }

  /** Closes a follow-up on what was put right; a signed 差评 must have had its return visit. */
  closeFollowUp(input: FollowUpNote): FollowUpView {
    const operator = requireOperator(this.deps.session)
    const f = this.openFollowUp(input)
    const refusal = closeRefusal({ caseNo: input.caseNo, visit: input.visit, signed: f.rating.signed, hasReturnVisit: f.returnVisit !== null, state: f.state })
    if (refusal) throw new AppError('ILLEGAL_TRANSITION', refusal)
    const at = utcTimestamp(this.deps.clock.now())
    const { store, stationId } = this.deps
    store.transaction(() => {
      if (!store.ratings.close(f.rating.id, at, operator, input.note)) this.changedMeanwhile(input)
      store.audit({ at, operator, stationId, action: 'rating.followUpClose', caseNo: input.caseNo, details: { visit: input.visit, note: input.note } })
    })
    return this.changed(input, f.rating.grade)
  }

  /** The case, when its visit can be rated now: it exists, the visit has happened, and it has no rating yet. */
  private rateableCase(caseNo: string, visit: RatingVisit): CaseSummary {
    const c = this.deps.store.cases.summary(caseNo.trim())
    if (!c) throw new AppError('NOT_FOUND', `没有编号为 ${caseNo} 的办件`, 'caseNo')
    const refusal = visitRefusal({ caseNo: c.caseNo, visit, state: c.state })
    if (refusal) throw new AppError('ILLEGAL_TRANSITION', refusal, 'visit')
    const earlier = this.deps.store.ratings.rating(c.caseNo, visit)
    if (earlier) {
      throw new AppError('CONFLICT', `办件 ${c.caseNo} 的这次${visitLabels[visit]}已评价为“${gradeLabels[earlier.grade]}”（一次一评，评价不能修改）`, 'visit')
    }
    return c
  }

  private openFollowUp(input: FollowUpNote): NonNullable<ReturnType<Store['ratings']['followUp']>> {
    const f = this.deps.store.ratings.followUp(input.caseNo.trim(), input.visit)
    if (!f) throw new AppError('NOT_FOUND', `办件 ${input.caseNo} 的${visitLabels[input.visit]}评价没有差评整改`, 'caseNo')
    if (f.state === 'closed') throw new AppError('ILLEGAL_TRANSITION', `办件 ${input.caseNo} 的${visitLabels[input.visit]}差评整改已办结`)
    return f
  }

  private changedMeanwhile(input: FollowUpNote): never {
    throw new AppError('CONFLICT', `办件 ${input.caseNo} 的${visitLabels[input.visit]}差评整改刚被他人处理，请刷新后再看`)
  }

  private changed(input: FollowUpNote, grade: number): FollowUpView {
    const view = this.followUpView(input.caseNo.trim(), input.visit)
    this.deps.events.emit('ratings.changed', { caseNo: view.caseNo, visit: input.visit, grade, followUpState: view.state })
    return view
  }

  private followUpView(caseNo: string, visit: RatingVisit): FollowUpView {
    const f = this.deps.store.ratings.followUp(caseNo, visit)
    if (!f) throw new AppError('NOT_FOUND', `办件 ${caseNo} 的${visitLabels[visit]}评价没有差评整改`)
    return toFollowUpView(f, this.deps.calendar.calendar(), todayOn(this.deps.clock))
  }
}
