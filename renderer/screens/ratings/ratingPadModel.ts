/**
 * The rating pad's keys and steps, pure so they are unit tested: digits 1–5
 * pick a grade (1 非常不满意 … 5 非常满意); a 差评 then asks for its reasons,
 * digits 1–4 toggling them in the standard's order. Whether a draft may go is
 * the domain's own rule (checkRating), so the pad never says yes to what
 * main would refuse.
 */
import { AppError } from '../../../main/domain/errors'
import { checkRating, isNegative, ratingGrades, ratingReasons, type RatingGrade, type RatingReason } from '../../../main/domain/ratings'

export type PadStep = 'grade' | 'reasons' | 'thanks'

export interface RatingDraft {
  grade: RatingGrade | null
  reasons: RatingReason[]
  text: string
  anonymous: boolean
}

export const emptyDraft: RatingDraft = { grade: null, reasons: [], text: '', anonymous: false }

/** The grades as the pad lays them out: best first. */
export const padGrades: readonly RatingGrade[] = ratingGrades

export function gradeForKey(key: string): RatingGrade | null {
  return /^[1-5]$/.test(key) ? (Number(key) as RatingGrade) : null
}

export function reasonForKey(key: string): RatingReason | null {
  const index = /^[1-9]$/.test(key) ? Number(key) - 1 : -1
  return ratingReasons[index] ?? null
}

export function toggleReason(draft: RatingDraft, reason: RatingReason): RatingDraft {
  const has = draft.reasons.includes(reason)
  return { ...draft, reasons: has ? draft.reasons.filter((r) => r !== reason) : ratingReasons.filter((r) => r === reason || draft.reasons.includes(r)) }
}

/** After a grade is picked: a 差评 asks why; any other grade goes at once. */
export function stepAfterGrade(grade: RatingGrade): 'reasons' | 'submit' {
  return isNegative(grade) ? 'reasons' : 'submit'
}

/** Why the draft cannot go yet (the domain's message and the field it names), or null. */
export function draftProblem(draft: RatingDraft): { message: string; field: string | undefined } | null {
  if (draft.grade === null) return { message: '请选择评价等级', field: 'grade' }
  try {
    checkRating({ grade: draft.grade, reasons: draft.reasons, text: draft.text })
    return null
  } catch (err) {
    if (err instanceof AppError) return { message: err.message, field: err.field }
    throw err
  }
}
