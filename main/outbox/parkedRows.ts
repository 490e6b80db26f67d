/**
 * What a person does with a parked row (搁置): retry it — after fixing the
 * cause — or cancel it, always with a reason, in the audit chain with the
 * change itself.
 */
import { AppError } from '../domain/errors'
import type { OutboxRecord, OutboxState } from '../store/outboxRepository'
import type { Store } from '../store/store'

export interface ParkedDecision {
  operator: string
  reason: string
}

const STATE_NAMES: Record<OutboxState, string> = {
  waiting: '排队等待',
  leased: '正在处理',
  done: '已完成',
  parked: '已搁置',
  cancelled: '已取消',
}

export function decideParked(
  store: Store,
  id: number,
  decision: ParkedDecision,
  ctx: { at: string; stationId: string; action: 'retry' | 'cancel' },
): OutboxRecord {
  const reason = decision.reason.trim()
  const verb = ctx.action === 'retry' ? '重试' : '取消'
  if (reason === '') throw new AppError('BAD_INPUT', `请填写${verb}的原因（记入审计）`, 'reason')
  if (decision.operator.trim() === '') throw new AppError('FORBIDDEN', '请先登录（输入工号）')
  // A decision inside someone else's transaction could be rolled back after the worker was told.
  if (store.inTransaction) throw new Error('outbox decisions run in their own transaction')
  return store.transaction(() => {
    const row = store.outbox.get(id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的外发作业`, 'id')
    if (row.state !== 'parked') {
      throw new AppError('CONFLICT', `外发作业 #${id} 当前${STATE_NAMES[row.state]}，只有已搁置的作业可以${verb}`, 'id')
    }
    if (ctx.action === 'retry') store.outbox.requeueParked(id, ctx.at)
    else store.outbox.cancelParked(id, ctx.at)
    store.audit({
      at: ctx.at,
      operator: decision.operator,
      stationId: ctx.stationId,
      action: `outbox.${ctx.action}`,
      caseNo: row.caseNo,
      // Not the payload: it may hold a recipient's phone and address; the key finds it.
      details: {
        id: row.id,
        lane: row.lane,
        kind: row.kind,
        idempotencyKey: row.idempotencyKey,
        attempts: row.attempts,
        lastError: row.lastError,
        lastErrorClass: row.lastErrorClass,
        reason,
      },
    })
    return store.outbox.get(id)!
  })
}
