/**
 * 好差评 (国办发〔2019〕51号): the applicant's rating of one visit at the
 * counter (一次一评 — acceptance and output are separate visits), five grades,
 * and the follow-up (整改) a 差评 opens for the supervisor.
 *
 * The reasons are the national evaluation standard's indicators for a rating
 * at a hall (线下评价: 服务效率, 服务水平, 服务态度) plus 其他 with the
 * applicant's own words.
 */
import { stateLabels, type CaseState } from './caseMachine'
import { AppError } from './errors'
import type { PlainDate } from './plainDate'
import { planDeadline, provisionalNote, type ProvisionalNote } from './provisionalDeadline'
import { lightOf } from './caseClock'
import type { DeadlineLight, WorkingDayCalendar } from './workingDays'

export const ratingVisits = ['intake', 'output'] as const
/** intake: the acceptance (受理); output: the collection of the result (出件). */
export type RatingVisit = (typeof ratingVisits)[number]

export const visitLabels: Readonly<Record<RatingVisit, string>> = { intake: '受理', output: '出件' }

/** 5 is the best. 1 is 非常不满意. */
export type RatingGrade = 1 | 2 | 3 | 4 | 5
export const ratingGrades: readonly RatingGrade[] = [5, 4, 3, 2, 1]

export const gradeLabels: Readonly<Record<RatingGrade, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
}

export const ratingReasons = ['efficiency', 'serviceLevel', 'attitude', 'other'] as const
export type RatingReason = (typeof ratingReasons)[number]

export const reasonLabels: Readonly<Record<RatingReason, string>> = {
  efficiency: '服务效率',
  serviceLevel: '服务水平',
  attitude: '服务态度',
  other: '其他',
}

export const RATING_TEXT_MAX = 300

/** 差评: 不满意 and 非常不满意. */
export function isNegative(grade: number): boolean {
  return grade <= 2
}

export function isRatingGrade(grade: number): grade is RatingGrade {
  return Number.isInteger(grade) && grade >= 1 && grade <= 5
}

/**
 * A rating as it may be stored: a grade 1–5, and for a 差评 at least one
 * reason (else the supervisor has nothing to put right); 其他 needs the
 * applicant's words. Reasons are kept once each, in the standard's order.
 */
export function checkRating(input: { grade: number; reasons?: readonly string[]; text?: string | null }): { grade: RatingGrade; reasons: RatingReason[]; text: string | null } {
  const { grade } = input
  if (!isRatingGrade(grade)) throw new AppError('BAD_INPUT', `评价等级应为 1–5（1 为非常不满意，5 为非常满意），收到 ${String(grade)}`, 'grade')
  const given = input.reasons ?? []
  const unknown = given.filter((r) => !(ratingReasons as readonly string[]).includes(r))
  if (unknown.length > 0) throw new AppError('BAD_INPUT', `评价原因“${unknown.join('、')}”不在评价指标中（可选：${ratingReasons.map((r) => reasonLabels[r]).join('、')}）`, 'reasons')
  const reasons = ratingReasons.filter((r) => given.includes(r))
  const text = input.text?.trim() || null
  if (text !== null && Array.from(text).length > RATING_TEXT_MAX) throw new AppError('BAD_INPUT', `评价内容最长 ${RATING_TEXT_MAX} 字`, 'text')
  if (isNegative(grade) && reasons.length === 0) {
    throw new AppError('BAD_INPUT', `“${gradeLabels[grade]}”是差评，请至少选择一项原因（${ratingReasons.map((r) => reasonLabels[r]).join('、')}）`, 'reasons')
  }
  if (reasons.includes('other') && text === null) throw new AppError('BAD_INPUT', '选择了“其他”原因，请写明具体情况', 'text')
  return { grade, reasons, text }
}

/** Working days a supervisor has to put a 差评 right: the station sets 5–15, 5 unless told. */
export const FOLLOW_UP_DAYS = { min: 5, max: 15, default: 5 } as const

export function checkFollowUpDays(days: number): number {
  if (!Number.isInteger(days) || days < FOLLOW_UP_DAYS.min || days > FOLLOW_UP_DAYS.max) {
    throw new AppError('CONFIG_INVALID', `差评整改时限应为 ${FOLLOW_UP_DAYS.min}–${FOLLOW_UP_DAYS.max} 个工作日，收到 ${String(days)}`, 'ratings.followUpDays')
  }
  return days
}

/** open: 整改中; closed: 已办结 (with a return visit where the rating was signed). */
export type FollowUpState = 'open' | 'closed'

/** Where a follow-up stands today: its due date, light and working days left, counted with the hall calendar. */
export interface FollowUpClock {
  dueDate: PlainDate
  /** null once closed: no clock to show. */
  light: DeadlineLight | null
  /** Working days after today up to the due date; negative when overdue; null when closed or uncountable. */
  workingDaysLeft: number | null
  /** 暂定: a year with no holiday calendar was counted Monday–Friday. */
  provisional: ProvisionalNote | null
}

/**
 * The due date is `days` working days after the day of the rating (the day
 * itself not counted, as for a case's deadline), counted again on every read
 * so an imported holiday calendar settles a provisional one. The light follows
 * the case rule (caseClock.lightOf): yellow from the last max(1, 20%) working days.
 */
export function followUpClock(input: { calendar: WorkingDayCalendar; openedOn: PlainDate; days: number; today: PlainDate; state: FollowUpState }): FollowUpClock {
  const plan = planDeadline({ calendar: input.calendar, acceptedDate: input.openedOn, promisedDays: input.days })
  const provisional = provisionalNote(plan.provisional)
  if (input.state === 'closed') return { dueDate: plan.deadline, light: null, workingDaysLeft: null, provisional }
  const light = lightOf({ clock: 'running', today: input.today, deadline: plan.deadline, warnDate: plan.warnDate })
  let workingDaysLeft: number | null
  try {
    workingDaysLeft = input.calendar.provisional().workingDaysBetween(input.today, plan.deadline)
  } catch {
    workingDaysLeft = null
  }
  return { dueDate: plan.deadline, light, workingDaysLeft, provisional }
}

/**
 * Whether a follow-up may close: a signed 差评 (the applicant left their name
 * and contact) must have its return visit (回访) recorded first; an anonymous
 * one cannot be called back and closes on the rectification alone.
 */
export function closeRefusal(input: { caseNo: string; visit: RatingVisit; signed: boolean; hasReturnVisit: boolean; state: FollowUpState }): string | null {
  const what = `办件 ${input.caseNo} 的${visitLabels[input.visit]}差评整改`
  if (input.state === 'closed') return `${what}已办结`
  if (input.signed && !input.hasReturnVisit) return `${what}是实名差评，须先记录回访，才能办结`
  return null
}

/**
 * The output visit (出件) is the applicant's visit to collect the result: a
 * certificate ready or handed over, or a refusal's notice. Before that there
 * is no such visit to rate. The acceptance visit exists once the case does.
 */
export const outputVisitStates: readonly CaseState[] = ['ready', 'collected', 'rejected']

export function visitRefusal(input: { caseNo: string; visit: RatingVisit; state: CaseState }): string | null {
  if (input.visit === 'output' && !outputVisitStates.includes(input.state)) {
    return `办件 ${input.caseNo} 当前${stateLabels[input.state]}，尚未到出件环节：出件评价在领取结果时进行`
  }
  return null
}
