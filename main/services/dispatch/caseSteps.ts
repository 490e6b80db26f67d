/**
 * The courier desk moving a case along its machine (ship → handOver →
 * deliver), inside a CaseChangeRecorder transaction the caller opened, so the
 * case's state, its timeline row, its audit row and whatever the desk writes
 * beside them (the shipment, the batch, an outbox row) commit together.
 */
import { clockOf } from '../../domain/caseClock'
import { actionLabels, nextState, type CaseAction, type CaseState } from '../../domain/caseMachine'
import { AppError } from '../../domain/errors'
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { Store } from '../../store/store'
import type { CaseChangeScope } from '../cases/caseChanges'

export interface CaseStep {
  caseNo: string
  action: CaseAction
  at: string
  operator: string
  stationId: string
  note: string | null
  details: Record<string, unknown>
  outbox?: readonly OutboxRowInput[]
}

/** Reads the case afresh (its version), moves it, records it; returns the new state. */
export function recordCaseStep(store: Store, scope: CaseChangeScope, step: CaseStep): CaseState {
  const current = store.cases.summary(step.caseNo)
  if (!current) throw new AppError('NOT_FOUND', `没有编号为 ${step.caseNo} 的办件`, 'caseNo')
  let to: CaseState
  try {
    to = nextState(current.state, step.action)
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, `办件 ${step.caseNo}：${err.message}`, 'caseNo')
    throw err
  }
  const updated = store.cases.updateState({
    id: current.id,
    expectedVersion: current.version,
    state: to,
    clock: clockOf(to),
    deadline: current.deadline,
    warnDate: current.warnDate,
    provisional: current.provisional,
    pausedDays: current.pausedDays,
    pausedSince: current.pausedSince,
    updatedAt: step.at,
  })
  if (!updated) throw new AppError('CONFLICT', `办件 ${step.caseNo} 刚被其他操作更新，请刷新后重试`, 'caseNo')
  scope.record({
    caseId: current.id,
    caseNo: current.caseNo,
    action: step.action,
    from: current.state,
    to,
    at: step.at,
    operator: step.operator,
    stationId: step.stationId,
    timeline: { note: step.note ?? actionLabels[step.action], details: step.details },
    audit: [{ action: 'case.transition', details: { action: step.action, from: current.state, to, ...step.details } }],
    ...(step.outbox ? { outbox: step.outbox } : {}),
  })
  return to
}
