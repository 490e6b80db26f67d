/**
 * The agent (委托代领人) named at intake: the person the applicant authorises
 * to collect the result, with the authorisation letter (委托书) photographed
 * onto the draft. Checked before the accept transaction opens; written inside
 * it, after the draft's photos became the case's, so the newest letter photo
 * is the one that names them. Without a letter photo the agent is named but
 * cannot collect until one is photographed at the output window.
 */
import { AppError } from '../../domain/errors'
import { checkAnyIdNumber } from '../../domain/idNumber'
import type { IntakeForm } from '../../domain/intakeForm'
import { maskIdNumber, maskName } from '../../domain/masking'
import type { PlainDate } from '../../domain/plainDate'
import type { Store } from '../../store/store'

export interface IntakeAgent {
  name: string
  idNumber: string
}

/** null when the form names no agent; BAD_INPUT naming the field when it names one half or wrongly. */
export function checkedIntakeAgent(form: IntakeForm, today: PlainDate): IntakeAgent | null {
  const name = form.collectionAgent?.name?.trim() ?? ''
  const idNumber = form.collectionAgent?.idNumber?.trim() ?? ''
  if (name === '' && idNumber === '') return null
  if (name === '') throw new AppError('BAD_INPUT', '请填写委托代领人姓名（或清空代领人身份证号码）', 'collectionAgent.name')
  if (idNumber === '') throw new AppError('BAD_INPUT', '请填写委托代领人身份证号码（或刷代领人身份证）', 'collectionAgent.idNumber')
  const check = checkAnyIdNumber(idNumber, { today })
  if (!check.valid) throw new AppError('INVALID_ID_NUMBER', `委托代领人身份证号码有误：${check.reason}`, 'collectionAgent.idNumber')
  return { name, idNumber: check.normalized }
}

/** Inside the accept transaction, after the draft's photos were adopted by the case. */
export function recordIntakeAgent(store: Store, accepted: { caseId: number; caseNo: string; acceptedAt: string; operator: string; stationId: string }, agent: IntakeAgent): void {
  const letter = store.collection.newestLetter(accepted.caseId)
  const { caseId, caseNo, acceptedAt: at, operator, stationId } = accepted
  store.collection.recordAgent({ caseId, name: agent.name, idNumber: agent.idNumber, letterAttachmentId: letter, recordedAt: at, recordedWhere: 'intake', operator, stationId })
  store.audit({ at, operator, stationId, action: 'output.agent', caseNo, details: { agent: { name: maskName(agent.name), id: maskIdNumber(agent.idNumber) }, letterPhotoId: letter, at: 'intake' } })
}
