/**
 * Who may collect a result at the output window (统一窗口出件): the
 * applicant in person, the enterprise's handler (经办人), or an agent named on
 * the case whose authorisation letter (委托书) was photographed. Anyone else
 * is refused, and the refusal names who may collect — masked, so the words on
 * the screen and in the audit row are no use to the stranger at the counter.
 *
 * Pure: the store compares ID numbers by their keyed hash and hands the
 * answer in as `IdentityMatch`; no ID number in clear reaches this module.
 */
import type { CaseState } from './caseMachine'
import { stateLabels } from './caseMachine'
import { maskIdNumber, maskName } from './masking'

/** The checklist line a 委托书 photo is filed under (a case's photos, beside its materials). */
export const AUTHORISATION_LETTER_MATERIAL = 'authorisationLetter'

export type CollectorRole = 'applicant' | 'handler' | 'agent'

export const collectorRoleLabels: Readonly<Record<CollectorRole, string>> = {
  applicant: '申请人本人',
  handler: '企业经办人',
  agent: '委托代领人',
}

/** The people a case names, as masked text: what a refusal may show. */
export interface CaseParties {
  caseNo: string
  state: CaseState
  applicant: { kind: 'person' | 'enterprise'; name: string; idMasked: string | null }
  handler: { name: string; idMasked: string } | null
  agent: { name: string; idMasked: string; hasLetter: boolean } | null
}

/** Whether the collector's ID number is the one stored for each role (compared by lookup hash). */
export interface IdentityMatch {
  applicant: boolean
  handler: boolean
  agent: boolean
}

export type CollectorVerdict =
  | { allowed: true; role: CollectorRole; reason: string; mayCollect: string[] }
  | { allowed: false; role: null; reason: string; mayCollect: string[] }

/** A case collects only once it is produced (待出件). */
export function isCollectable(state: CaseState): boolean {
  return state === 'ready'
}

const person = (name: string, idMasked: string | null): string => `${maskName(name)}（${idMasked ?? '证件未登记'}）`

/** The people who may collect this case, masked: `申请人本人 李**（3203**********2313）`. */
export function whoMayCollect(p: CaseParties): string[] {
  const out: string[] = []
  if (p.applicant.kind === 'person') out.push(`${collectorRoleLabels.applicant} ${person(p.applicant.name, p.applicant.idMasked)}`)
  if (p.handler) out.push(`${collectorRoleLabels.handler} ${person(p.handler.name, p.handler.idMasked)}`)
  if (p.agent) out.push(`${collectorRoleLabels.agent} ${person(p.agent.name, p.agent.idMasked)}${p.agent.hasLetter ? '' : '（委托书未留存）'}`)
  return out
}

/**
 * The verdict for one collector on one case. The role is checked in the
 * order applicant, handler, agent: a person who is both applicant and agent
 * collects as the applicant, and needs no letter.
 */
export function judgeCollector(p: CaseParties, match: IdentityMatch, collector: { name: string; idNumber: string }): CollectorVerdict {
  const mayCollect = whoMayCollect(p)
  // Without a name (a check by ID number alone) the person is the card's holder, unnamed.
  const who = collector.name.trim() === '' ? `持证人（${maskIdNumber(collector.idNumber)}）` : person(collector.name, maskIdNumber(collector.idNumber))
  if (!isCollectable(p.state)) {
    return { allowed: false, role: null, reason: `办件 ${p.caseNo} 当前为“${stateLabels[p.state]}”，不是待出件，不能出件`, mayCollect }
  }
  if (match.applicant && p.applicant.kind === 'person') {
    return { allowed: true, role: 'applicant', reason: `${who}是办件 ${p.caseNo} 的申请人本人`, mayCollect }
  }
  if (match.handler && p.handler) {
    return { allowed: true, role: 'handler', reason: `${who}是 ${p.applicant.name} 的经办人`, mayCollect }
  }
  if (match.agent && p.agent) {
    if (p.agent.hasLetter) return { allowed: true, role: 'agent', reason: `${who}是办件 ${p.caseNo} 登记的委托代领人，委托书已留存`, mayCollect }
    return {
      allowed: false,
      role: null,
      reason: `${who}已登记为代领人，但没有留存委托书照片：请用高拍仪拍摄申请人出具的委托书，登记后再出件`,
      mayCollect,
    }
  }
  const allowed = mayCollect.length > 0 ? `可领取：${mayCollect.join('；')}` : '本办件没有登记可领取人'
  return {
    allowed: false,
    role: null,
    reason: `${who}不是办件 ${p.caseNo} 的申请人、经办人或登记的代领人，不能领取。${allowed}；他人代领须持申请人出具的委托书，登记为代领人`,
    mayCollect,
  }
}

/**
 * Certificate numbers as people type and scanners read them: spaces, and
 * the case of Latin letters, do not make a different certificate. Full-width
 * digits and letters (a Chinese IME) are read as their ASCII forms.
 */
export function normalizeCertificateNo(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase()
}

export type CertificateCheck =
  | { kind: 'matched'; number: string }
  | { kind: 'skipped'; note: string }
  | { kind: 'mismatch'; message: string }
  | { kind: 'missing'; message: string }

/** The number read off the certificate in hand against the one recorded at approval (准予). */
export function checkCertificateNo(caseNo: string, recorded: { type: string; number: string } | null, given: string): CertificateCheck {
  if (recorded === null) return { kind: 'skipped', note: '准予时未登记证照编号，出件时未核对证照编号' }
  const typed = normalizeCertificateNo(given)
  if (typed === '') return { kind: 'missing', message: `办件 ${caseNo} 准予时登记了${recorded.type}：请核对手中证照，输入或扫描证照编号` }
  if (typed !== normalizeCertificateNo(recorded.number)) {
    return { kind: 'mismatch', message: `证照编号“${given.trim()}”与准予时登记的${recorded.type}编号“${recorded.number}”不符：请核对手中的证照是否为本办件的` }
  }
  return { kind: 'matched', number: recorded.number }
}
