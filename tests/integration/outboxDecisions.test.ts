/**
 * A parked row is a person's to decide: retry it or cancel it, with a
 * reason, in the audit chain — through the commands the desk uses.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Dispatcher } from '../../main/api/dispatcher'
import { demoHandlers, handlers } from '../../main/api/handlers'
import type { EventPayload } from '../../main/contract'
import { EventBus } from '../../main/services/eventBus'
import { OutboxService } from '../../main/services/outbox/outboxService'
import type { Services } from '../../main/services/services'
import { SessionService } from '../../main/services/system/session'
import { verifyAuditChain } from '../../main/store/auditChain'
import { aPersonForm, openCaseWorld, type CaseWorld } from '../fixtures/caseWorld'
import { BACKOFF, enqueueOne, scriptedConsumer } from '../fixtures/outboxWorld'
import { waitFor } from '../fixtures/waitFor'

interface Desk {
  world: CaseWorld
  outbox: OutboxService
  session: SessionService
  invoke(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } }>
  stats: Array<EventPayload<'outbox.changed'>>
}

const desks: Desk[] = []
afterEach(async () => {
  for (const d of desks.splice(0)) {
    await d.outbox.stop()
    d.world.dispose()
  }
})

function desk(): Desk {
  const world = openCaseWorld()
  const events = new EventBus()
  const session = new SessionService({ events })
  session.actAs('B007')
  const outbox = new OutboxService({ store: world.store, events, session, clock: world.clock, stationId: '001', worker: { backoff: BACKOFF, statsIntervalMs: 0 } })
  const stats: Array<EventPayload<'outbox.changed'>> = []
  events.on('outbox.changed', (s) => stats.push(s))
  // Only what the outbox commands reach.
  const dispatcher = new Dispatcher(handlers, { outbox, session, events } as unknown as Services, demoHandlers)
  const d: Desk = { world, outbox, session, stats, invoke: (name, input) => dispatcher.invoke(name, input, { transport: 'test' }) as never }
  desks.push(d)
  return d
}

const auditRows = (w: CaseWorld, action: string) =>
  w.store.db.prepare('SELECT operator, case_no AS caseNo, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{ operator: string; caseNo: string | null; details: string }>

describe('deciding on a parked row', () => {
  it('retries it with the reason and operator in the audit chain, and the row runs again with a fresh count', async () => {
    const d = desk()
    const consumer = scriptedConsumer({ kind: 'park', reason: '收件地址不完整', errorClass: 'validation' }, { kind: 'done' })
    d.outbox.worker.register('carrier', consumer)
    const id = enqueueOne(d.world.store, 'ship:p1', { caseNo: 'C9' })
    expect(await d.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })).toMatchObject({ parked: 1 })

    const listed = await d.invoke('outbox.list', { state: 'parked' })
    expect(listed.value).toEqual([expect.objectContaining({ id, state: 'parked', lastError: '收件地址不完整', caseNo: 'C9' })])
    expect(JSON.stringify(listed.value)).not.toContain('payload')

    const retried = await d.invoke('outbox.retry', { id, reason: '已补全地址' })
    expect(retried).toMatchObject({ ok: true, value: { id, state: 'waiting', attempts: 0 } })
    expect(auditRows(d.world, 'outbox.retry')).toEqual([{ operator: 'B007', caseNo: 'C9', details: expect.stringContaining('"reason":"已补全地址"') }])
    expect(JSON.parse(auditRows(d.world, 'outbox.retry')[0]!.details)).toMatchObject({ id, lane: 'carrier', lastError: '收件地址不完整', idempotencyKey: 'ship:p1' })
    expect(verifyAuditChain(d.world.store.db).ok).toBe(true)

    await d.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })
    expect(d.world.store.outbox.get(id)).toMatchObject({ state: 'done', attempts: 1 })
    await waitFor('the counts after the retry', () => d.stats.at(-1)?.parked === 0 && d.stats.at(-1)?.backlog === 0)
  })

  it('cancels it with a reason, which lets the rows behind it in its order run', async () => {
    const d = desk()
    const consumer = scriptedConsumer({ kind: 'park', reason: '重复下单', errorClass: 'conflict' }, { kind: 'done' })
    d.outbox.worker.register('carrier', consumer)
    const first = enqueueOne(d.world.store, 'ship:o1', { orderKey: 'case-1' })
    const second = enqueueOne(d.world.store, 'ship:o2', { orderKey: 'case-1' })
    expect(await d.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })).toEqual({ done: 0, waiting: 1, parked: 1 })
    expect(consumer.seen.map((r) => r.id)).toEqual([first])

    expect(await d.invoke('outbox.cancel', { id: first, reason: '客户改为窗口领取' })).toMatchObject({ ok: true, value: { id: first, state: 'cancelled' } })
    expect(auditRows(d.world, 'outbox.cancel').map((r) => [r.operator, JSON.parse(r.details).reason])).toEqual([['B007', '客户改为窗口领取']])
    await d.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })
    expect(consumer.seen.map((r) => r.id)).toEqual([first, second])
    expect(d.world.store.outbox.get(second)?.state).toBe('done')
  })

  it('refuses without a reason, for a row that is not parked, and for nobody signed in — writing nothing', async () => {
    const d = desk()
    const id = enqueueOne(d.world.store, 'ship:w1', { lane: 'hall' })
    const before = auditRows(d.world, 'outbox.retry').length
    expect(await d.invoke('outbox.retry', { id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'reason' } })
    expect(await d.invoke('outbox.retry', { id, reason: '再试一次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('排队等待') } })
    expect(await d.invoke('outbox.cancel', { id: 9999, reason: '再试一次' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    d.session.actAs(null)
    expect(await d.invoke('outbox.cancel', { id, reason: '再试一次' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    // A window clerk is somebody, but parked carrier rows are the desk's and the supervisor's to decide.
    d.session.actAs('王晓明 A0123', 'window')
    expect(await d.invoke('outbox.cancel', { id, reason: '再试一次' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(auditRows(d.world, 'outbox.retry').length + auditRows(d.world, 'outbox.cancel').length).toBe(before)
    expect(d.world.store.outbox.get(id)?.state).toBe('waiting')
  })
})

describe('a case change with effects', () => {
  it('writes its outbox rows in the change’s transaction, named by its case, and drops them when it rolls back', () => {
    const d = desk()
    const w = d.world
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    const summary = w.store.cases.summary(caseNo)!
    const change = (key: string) => ({
      caseId: summary.id,
      caseNo,
      action: 'startReview',
      from: summary.state,
      to: 'in_review' as const,
      at: '2026-11-30T02:00:00.000Z',
      operator: 'B007',
      stationId: '001',
      timeline: { note: null, details: null },
      audit: [{ action: 'case.transition', details: { action: 'startReview' } }],
      outbox: [{ lane: 'upstream', kind: 'case.event', idempotencyKey: key, payload: { caseNo } }],
    })
    expect(() =>
      w.services.changes.transaction((scope) => {
        scope.record(change('up:rolled-back'))
        throw new Error('failed after the change was recorded')
      }),
    ).toThrow(/failed after/)
    expect(w.store.outbox.byKey('up:rolled-back')).toBeUndefined()

    w.services.changes.transaction((scope) => scope.record(change('up:1')))
    expect(w.store.outbox.byKey('up:1')).toMatchObject({ lane: 'upstream', caseNo, state: 'waiting', createdAt: '2026-11-30T02:00:00.000Z', payload: { caseNo } })
  })
})
