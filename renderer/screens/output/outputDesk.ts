/**
 * The output window's rules the screen applies before asking main: who is at
 * the counter (from a card tap, or typed when the reader is out), and what
 * still stops the handover. Pure, so they are tested in Node; main checks
 * everything again.
 */
import type { IdcardRead } from '../../../main/contract/idcard'
import type { OutputCaseView } from '../../../main/contract/output'
import { checkAnyIdNumber } from '../../../main/domain/idNumber'
import type { PlainDate } from '../../../main/domain/plainDate'

export interface Collector {
  name: string
  idNumber: string
  source: 'card' | 'typed'
}

export type CardOutcome = { kind: 'read'; collector: Collector; expiredOn: string | null } | { kind: 'refused'; reason: string }

/** A tap names the collector; a card whose number fails its check is refused, so nobody collects on a misread card. */
export function collectorFromTap(tap: IdcardRead): CardOutcome {
  const { card } = tap
  if (!card.idNumberValid) return { kind: 'refused', reason: tap.warnings.length > 0 ? tap.warnings.join('；') : `证件号码 ${card.idNumber} 校验位不符` }
  const name = card.name.trim() !== '' ? card.name : (card.nameEn ?? '')
  return { kind: 'read', collector: { name, idNumber: card.idNumber, source: 'card' }, expiredOn: tap.isExpired && card.validTo !== 'long-term' ? card.validTo : null }
}

/** A typed collector, once both fields make sense; null while they do not. */
export function typedCollector(name: string, idNumber: string, options: { today?: PlainDate } = {}): Collector | null {
  if (name.trim() === '') return null
  const check = checkAnyIdNumber(idNumber, options)
  return check.valid ? { name: name.trim(), idNumber: check.normalized, source: 'typed' } : null
}

export type HandoverProblem = 'noCase' | 'noCollector' | 'refused' | 'notReady' | 'certificateMissing' | 'signatureMissing'

/**
 * What stops Ctrl+Enter, first problem first: a case, a collector main
 * allowed, the certificate number where approval recorded one, a signature.
 */
export function handoverProblem(input: {
  view: OutputCaseView | null
  collector: Collector | null
  isAllowed: boolean | null
  certificateNo: string
  hasSignature: boolean
}): HandoverProblem | null {
  if (input.view === null) return 'noCase'
  if (input.view.state !== 'ready') return 'notReady'
  if (input.collector === null) return 'noCollector'
  if (input.isAllowed !== true) return 'refused'
  if (input.view.certificate !== null && input.certificateNo.trim() === '') return 'certificateMissing'
  if (!input.hasSignature) return 'signatureMissing'
  return null
}
