/**
 * What one ID card tap does to the applicant: a person's card fills the
 * applicant; during an enterprise intake it fills the handler (经办人), the
 * person actually at the counter. A card whose number fails its check
 * character is refused outright: a wrong number on a case cannot be undone
 * by the applicant later.
 */
import type { IdcardRead } from '../../../main/contract/idcard'
import type { ApplicantForm } from './intakeModel'

export type CardTap = IdcardRead

export type CardOutcome =
  | { kind: 'filled'; applicant: ApplicantForm; holder: string }
  | { kind: 'refused'; reason: string }

/** The name to write: the Chinese name, else the English one (foreign permanent residence cards may have no Chinese name). */
export function holderName(card: CardTap['card']): string {
  return card.name.trim() !== '' ? card.name : (card.nameEn ?? '')
}

export function applyCard(tap: CardTap, applicant: ApplicantForm | undefined): CardOutcome {
  const { card } = tap
  if (!card.idNumberValid) {
    const reason = tap.warnings.length > 0 ? tap.warnings.join('；') : `证件号码 ${card.idNumber} 校验位不符`
    return { kind: 'refused', reason }
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
