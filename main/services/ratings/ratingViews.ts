/** Ratings and follow-ups as the contract carries them: labels, the due date and light counted for today, masked contact. */
import type { z } from 'zod'
import type { followUpSchema, ratingSchema } from '../../contract/ratings'
import { maskName, maskPhone } from '../../domain/masking'
import type { PlainDate } from '../../domain/plainDate'
import { followUpClock, gradeLabels, isNegative } from '../../domain/ratings'
import type { WorkingDayCalendar } from '../../domain/workingDays'
import type { FollowUpRecord, RatingRecord } from '../../store/ratingsRepository'

export type RatingView = z.output<typeof ratingSchema>
export type FollowUpView = z.output<typeof followUpSchema>

export function toRatingView(r: RatingRecord): RatingView {
  return {
    caseNo: r.caseNo,
    visit: r.visit,
    grade: r.grade,
    gradeLabel: gradeLabels[r.grade],
    isNegative: isNegative(r.grade),
    reasons: r.reasons,
    text: r.text,
    signed: r.signed,
    staff: r.staff,
    ratedAt: r.ratedAt,
  }
}

export function toFollowUpView(f: FollowUpRecord, calendar: WorkingDayCalendar, today: PlainDate): FollowUpView {
  const clock = followUpClock({ calendar, openedOn: f.openedOn, days: f.days, today, state: f.state })
  const r = f.rating
  return {
    caseNo: r.caseNo,
    visit: r.visit,
    grade: r.grade,
    gradeLabel: gradeLabels[r.grade],
    reasons: r.reasons,
    text: r.text,
    signed: r.signed,
    staff: r.staff,
    ratedAt: r.ratedAt,
    openedOn: f.openedOn,
    days: f.days,
    dueDate: clock.dueDate,
    state: f.state,
    light: clock.light,
    workingDaysLeft: clock.workingDaysLeft,
    provisional: clock.provisional,
    itemName: f.itemName,
    // An anonymous rating keeps its applicant out of the list: nobody is to be called.
    applicantName: r.signed && f.applicantName !== null ? maskName(f.applicantName) : null,
    applicantPhone: r.signed && f.applicantPhone !== null ? maskPhone(f.applicantPhone) : null,
    returnVisit: f.returnVisit,
    closedAt: f.closedAt,
    closedBy: f.closedBy,
    closeNote: f.closeNote,
  }
}
