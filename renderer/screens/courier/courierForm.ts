/**
 * Who takes the batch: the courier's name and ID number from the card they
 * tap (or typed when the reader is out), an optional phone, and the
 * signature drawn on the pad. Pure, so the rules are tested in Node.
 */
import type { IdcardRead } from '../../../main/contract/idcard'
import { checkAnyIdNumber } from '../../../main/domain/idNumber'
import type { PlainDate } from '../../../main/domain/plainDate'

export interface CourierDraft {
  name: string
  idNumber: string
  phone: string
  /** Where name and number came from: a typed change after a tap makes them typed again. */
  source: 'card' | 'typed'
}

export const emptyCourier: CourierDraft = { name: '', idNumber: '', phone: '', source: 'typed' }

export type TapOutcome = { kind: 'filled'; draft: CourierDraft; holder: string; isExpired: boolean } | { kind: 'refused'; reason: string; draft: CourierDraft }

/**
 * A tap fills name and number; a card whose number fails its check is
 * refused and empties them, so a previous courier's identity cannot be
 * signed for by the one now at the desk. The phone stays (typed by hand).
 */
export function applyCourierCard(tap: IdcardRead, draft: CourierDraft): TapOutcome {
  const { card } = tap
  if (!card.idNumberValid) {
    const reason = tap.warnings.length > 0 ? tap.warnings.join('；') : `证件号码 ${card.idNumber} 校验位不符`
    return { kind: 'refused', reason, draft: { ...draft, name: '', idNumber: '', source: 'typed' } }
  }
  const holder = card.name.trim() !== '' ? card.name : (card.nameEn ?? '')
  return { kind: 'filled', holder, isExpired: tap.isExpired, draft: { ...draft, name: holder, idNumber: card.idNumber, source: 'card' } }
}

export type CourierField = 'name' | 'idNumber' | 'phone' | 'signature'

/** A problem to show under its field: a key of the screen's `close.problems` texts, with main's reason where it gave one. */
export interface CourierProblem {
  key: 'nameMissing' | 'idMissing' | 'idInvalid' | 'phoneInvalid' | 'signatureMissing'
  reason?: string
}

/**
 * What stops the handover before it is sent (main checks again): a name, a
 * valid ID number, a phone that looks like one if given, and a signature.
 */
export function courierProblems(draft: CourierDraft, hasSignature: boolean, options: { today?: PlainDate } = {}): Partial<Record<CourierField, CourierProblem>> {
  const problems: Partial<Record<CourierField, CourierProblem>> = {}
  if (draft.name.trim() === '') problems.name = { key: 'nameMissing' }
  const idNumber = draft.idNumber.trim()
  if (idNumber === '') problems.idNumber = { key: 'idMissing' }
  else {
    const check = checkAnyIdNumber(idNumber, options)
    if (!check.valid) problems.idNumber = { key: 'idInvalid', reason: check.reason }
  }
  const phone = draft.phone.trim()
  if (phone !== '' && !/^[\d+\- ]{5,20}$/.test(phone)) problems.phone = { key: 'phoneInvalid' }
  if (!hasSignature) problems.signature = { key: 'signatureMissing' }
  return problems
}

/** The courier as `dispatch.closeBatch` takes it: trimmed, the number upper-cased, no empty phone. */
export function courierInput(draft: CourierDraft): { name: string; idNumber: string; phone?: string } {
  const phone = draft.phone.trim()
  return { name: draft.name.trim(), idNumber: draft.idNumber.trim().toUpperCase(), ...(phone !== '' ? { phone } : {}) }
}
