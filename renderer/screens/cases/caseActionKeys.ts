/**
 * One Alt+letter per case action, fixed across states so the hand learns it
 * (审核 Alt+R, 通过 Alt+Y, 补正 Alt+B …). Alt+S stays the search, Alt+1…7
 * the screens. Matched by physical key (`event.code`).
 */
import type { CaseAction } from './queueModel'

export const actionKeys: Readonly<Record<CaseAction, string>> = {
  startReview: 'R',
  approve: 'Y',
  reject: 'J',
  requestSupplement: 'B',
  supply: 'Q',
  produce: 'Z',
  collect: 'L',
  ship: 'K',
  handOver: 'H',
  deliver: 'D',
  withdraw: 'W',
  // Never offered on the case page (the courier desk cancels the shipment with it); here for completeness.
  unship: 'U',
}

/** Actions that are told to the applicant in writing, or cannot be undone: they ask first. */
export const actionsAskingFirst: ReadonlySet<CaseAction> = new Set<CaseAction>(['reject', 'requestSupplement', 'withdraw'])

export function actionKeyLabel(action: CaseAction): string {
  return `Alt+${actionKeys[action]}`
}

/** The allowed action an Alt+letter press stands for, if any. */
export function actionOfKey(e: { code: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, allowed: readonly CaseAction[]): CaseAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !e.code.startsWith('Key')) return null
  const letter = e.code.slice(3)
  return allowed.find((a) => actionKeys[a] === letter) ?? null
}
