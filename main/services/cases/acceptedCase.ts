/**
 * What every way in for a case shares — accepted at the counter
 * (intakeService.ts) or arriving online from the platform
 * (services/upstream/onlineCases.ts): the station's next case number, and the
 * new case's image from its catalog item and its deadline plan.
 */
import { clockOf } from '../../domain/caseClock'
import { formatCaseNumber } from '../../domain/caseNumber'
import type { PlainDate } from '../../domain/plainDate'
import type { DeadlinePlan } from '../../domain/provisionalDeadline'
import type { NewCase } from '../../store/caseRecords'
import { ALL_DAYS, type SequenceRepository } from '../../store/sequenceRepository'
import type { CatalogItemView } from './catalogService'

export interface CaseNumbering {
  format: string
  regionCode: string
  stationId: string
}

/**
 * The next case number at this station on `today`. Drawn inside the accept
 * transaction: the counter commits with the case. A format without the date
 * counts once for all time.
 */
export function nextCaseNo(sequences: Pick<SequenceRepository, 'next'>, numbering: CaseNumbering, today: PlainDate): string {
  const dayKey = /\{yy(yy)?mmdd\}/.test(numbering.format) ? today : ALL_DAYS
  const seq = sequences.next(dayKey, numbering.stationId)
  return formatCaseNumber(numbering.format, { regionCode: numbering.regionCode, date: today, stationId: numbering.stationId, seq })
}

/** Everything of an accepted case but what its item, its deadline plan and the state `accepted` settle. */
export type AcceptedCaseParts = Omit<NewCase, 'itemCode' | 'itemName' | 'department' | 'state' | 'clock' | 'promisedDays' | 'deadline' | 'warnDate' | 'provisional'>

export function acceptedCaseImage(item: Pick<CatalogItemView, 'code' | 'name' | 'departmentName' | 'promisedDays'>, plan: DeadlinePlan, parts: AcceptedCaseParts): NewCase {
  return {
    caseNo: parts.caseNo,
    itemCode: item.code,
    itemName: item.name,
    department: item.departmentName,
    state: 'accepted',
    clock: clockOf('accepted'),
    stationId: parts.stationId,
    operator: parts.operator,
    acceptedAt: parts.acceptedAt,
    acceptedDate: parts.acceptedDate,
    promisedDays: item.promisedDays,
    deadline: plan.deadline,
    warnDate: plan.warnDate,
    provisional: plan.provisional,
    delivery: parts.delivery,
    fee: parts.fee,
    note: parts.note,
    draftId: parts.draftId,
    applicant: parts.applicant,
    materials: parts.materials,
    express: parts.express,
    agent: parts.agent,
  }
}
