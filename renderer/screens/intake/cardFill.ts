/**
 * What one ID card tap does to the applicant: a person's card fills the
 * applicant; during an enterprise intake it fills the handler (经办人), the
 * person actually at the counter. A card whose number fails its check
 * character is refused outright: a wrong number on a case cannot be undone
 * by the applicant later — and the identity a card fills is emptied, so the
 * previous applicant's name and number cannot be accepted for the person now
 * at the counter.
 */
import type { IdcardRead } from '../../../main/contract/idcard'
import type { ApplicantForm } from './intakeModel'

export type CardTap = IdcardRead

export type CardOutcome =
  | { kind: 'filled'; applicant: ApplicantForm; holder: string }
  /** `applicant`: the form with the identity a card fills emptied (as given when there was none). */
  | { kind: 'refused'; reason: string; applicant: ApplicantForm | undefined }

/** The one verdict a tap gets on screen: a key under the screen's `card.` texts and its values. */
export interface CardVerdict {
  type: 'success' | 'error'
  key: 'filled' | 'expired' | 'refused'
  values: Record<string, string>
}

/** The name to write: the Chinese name, else the English one (foreign permanent residence cards may have no Chinese name). */
export function holderName(card: CardTap['card']): string {
  return card.name.trim() !== '' ? card.name : (card.nameEn ?? '')
}

export function applyCard(tap: CardTap, applicant: ApplicantForm | undefined): CardOutcome {
  const { card } = tap
  if (!card.idNumberValid) {
    const reason = tap.warnings.length > 0 ? tap.warnings.join('；') : `证件号码 ${card.idNumber} 校验位不符`
    return { kind: 'refused', reason, applicant: withoutCardIdentity(applicant) }
  }
  const name = holderName(card)
  const current = applicant ?? {}
  if (current.kind === 'enterprise') {
    return { kind: 'filled', holder: name, applicant: { ...current, handlerName: name, handlerIdNumber: card.idNumber, source: 'card' } }
  }
  return {
    kind: 'filled',
    holder: name,
    applicant: {
      ...current,
      kind: 'person',
      name,
      idNumber: card.idNumber,
      // The card's address replaces a typed one only when the card has one (foreign cards do not).
      address: card.address ?? current.address ?? '',
      source: 'card',
    },
  }
}

/**
 * Empties what a card fills — a person's name, number and address, or an
 * enterprise's handler — whoever put it there: after a refused card nobody
 * at the counter is identified, and what the form held belongs to someone
 * else (the last tap) or is unproven. The phone and the enterprise stay,
 * as a successful tap keeps them too.
 */
function withoutCardIdentity(applicant: ApplicantForm | undefined): ApplicantForm | undefined {
  if (!applicant) return applicant
  const isEnterprise = applicant.kind === 'enterprise'
  const keys = isEnterprise ? (['handlerName', 'handlerIdNumber'] as const) : (['name', 'idNumber', 'address'] as const)
  if (keys.every((key) => (applicant[key] ?? '') === '')) return applicant
  const { source: _source, ...rest } = applicant
  return isEnterprise ? { ...rest, handlerName: '', handlerIdNumber: '' } : { ...rest, name: '', idNumber: '', address: '' }
}

/**
 * One verdict per tap: a card read and valid is green; an expired one is
 * red (with its expiry date), never also a green "read"; a refused one red.
 */
export function cardVerdict(tap: CardTap, outcome: CardOutcome): CardVerdict {
  if (outcome.kind === 'refused') return { type: 'error', key: 'refused', values: { reason: outcome.reason } }
  if (tap.isExpired) return { type: 'error', key: 'expired', values: { name: outcome.holder, date: tap.card.validTo } }
  return { type: 'success', key: 'filled', values: { name: outcome.holder } }
}

/**
 * Whether `idNumber` is the number of an expired card read for this intake:
 * the field then gets no green "valid" of its own (the number checks out;
 * the card does not), the card's red verdict stands alone.
 */
export function isExpiredCardNumber(tap: CardTap | null, idNumber: string | undefined): boolean {
  return tap !== null && tap.isExpired && tap.card.idNumber === (idNumber ?? '').trim()
}
