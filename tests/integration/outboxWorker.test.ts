/**
 * The outbox worker on a real database file, driven by a settable clock and
 * `drain({ dueOnly })` — no sleeps: the test moves time and the worker looks.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { backoffDelay, seededRandom } from '../../main/outbox/backoff'
import { waitFor } from '../fixtures/waitFor'
import { BACKOFF, enqueueOne, openOutboxWorld, registerScripted, runDue, SEED, T0, type OutboxWorld } from '../fixtures/outboxWorld'

const worlds: OutboxWorld[] = []
function world(): OutboxWorld {
  const w = openOutboxWorld()
  worlds.push(w)
  return w
}
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.dispose()
})

const at = (ms: number) => new Date(T0.getTime() + ms).toISOString()

describe('enqueuing an effect', () => {
  it('gives the same row for the same idempotency key, never a second one', () => {
    const w = world()
    const first = w.store.transaction(() => w.store.outbox.enqueue({ lane: 'carrier', kind: 'shipment.create', idempotencyKey: 'ship:1', caseNo: 'C1', payload: { a: 1 } }))
    const again = w.store.transaction(() => w.store.outbox.enqueue({ lane: 'carrier', kind: 'shipment.create', idempotencyKey: 'ship:1', caseNo: 'C1', payload: { a: 2 } }))
    expect(first.isNew).toBe(true)
    expect(again).toEqual({ id: first.id, isNew: false })
    expect(w.store.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(1)
    expect(w.row(first.id)).toMatchObject({ state: 'waiting', payload: { a: 1 }, caseNo: 'C1', attempts: 0, uncertain: false, createdAt: T0.toISOString(), nextAttemptAt: T0.toISOString() })
  })

  it('refuses a key already used for another kind of effect', () => {
    const w = world()
    enqueueOne(w.store, 'k1')
    expect(() => enqueueOne(w.store, 'k1', { lane: 'upstream' })).toThrow(/幂等键 k1 已用于 carrier\/shipment.create/)
  })

  it('leaves nothing to run when its transaction rolls back', async () => {
    const w = world()
    const consumer = registerScripted(w, 'carrier', {}, { kind: 'done' })
    w.worker.start()
    expect(() =>
      w.store.transaction(() => {
        w.store.outbox.enqueue({ lane: 'carrier', kind: 'shipment.create', idempotencyKey: 'ship:rolled-back', payload: {} })
        throw new Error('the change failed after its effect was queued')
      }),
    ).toThrow(/the change failed/)
    expect(await runDue(w)).toEqual({ done: 0, waiting: 0, parked: 0 })
    expect(consumer.seen).toEqual([])
    expect(w.store.outbox.byKey('ship:rolled-back')).toBeUndefined()
  })

  it('is run once its transaction commits, its result stored with it', async () => {
    const w = world()
    const consumer = registerScripted(w, 'carrier', {}, { kind: 'done', result: { waybillNo: 'SF1' } })
    w.worker.start()
    const id = enqueueOne(w.store, 'ship:2', { caseNo: 'C2' })
    expect(await runDue(w)).toEqual({ done: 1, waiting: 0, parked: 0 })
    expect(consumer.seen.map((r) => [r.id, r.idempotencyKey, r.caseNo, r.attempts, r.uncertain])).toEqual([[id, 'ship:2', 'C2', 1, false]])
    expect(w.row(id)).toMatchObject({ state: 'done', result: { waybillNo: 'SF1' }, doneAt: T0.toISOString(), leaseUntil: null })
    await waitFor('the counts after the row was done', () => w.changes.at(-1)?.backlog === 0)
  })

  it('tells the new counts once the transaction has committed, not while it is open', async () => {
    const w = world()
    // No consumer on the lane: the row stays in the backlog, as on a station without that link configured.
    w.worker.start()
    await waitFor('the counts at start', () => w.changes.length === 1)
    w.store.transaction(() => {
      enqueueOne(w.store, 'ship:a', { lane: 'hall' })
      enqueueOne(w.store, 'ship:b', { lane: 'hall' })
    })
    expect(w.changes).toHaveLength(1)
    await waitFor('the counts after the commit', () => w.changes.length === 2)
    expect(w.changes[1]).toEqual({ at: T0.toISOString(), backlog: 2, oldestWaitingAt: T0.toISOString(), parked: 0, byLane: { hall: { waiting: 2, leased: 0, parked: 0, oldestWaitingAt: T0.toISOString() } } })
  })

  it('waits for notBefore', async () => {
    const w = world()
    const consumer = registerScripted(w, 'carrier', {}, { kind: 'done' })
    w.store.transaction(() => w.store.outbox.enqueue({ lane: 'carrier', kind: 'k', idempotencyKey: 'later', payload: null, notBefore: at(5_000) }))
    expect(await runDue(w)).toMatchObject({ done: 0, waiting: 1 })
    w.advance(5_000)
    expect(await runDue(w)).toMatchObject({ done: 1, waiting: 0 })
    expect(consumer.seen).toHaveLength(1)
  })
})

describe('retrying', () => {
  it('backs off with full jitter from the seeded random after a retryable failure', async () => {
    const w = world()
    registerScripted(w, 'carrier', {}, { kind: 'retry', reason: '承运商 503', errorClass: 'transient' })
    const id = enqueueOne(w.store, 'ship:3')
    await runDue(w)
    const expected = backoffDelay(1, BACKOFF, seededRandom(SEED))
    expect(w.row(id)).toMatchObject({ state: 'waiting', attempts: 1, lastError: '承运商 503', lastErrorClass: 'transient', uncertain: false, nextAttemptAt: at(expected) })
  })

  it('holds a Retry-After across a restart: a new worker on the same file waits it out', async () => {
    const w = world()
    registerScripted(w, 'carrier', {}, { kind: 'retry', reason: '429 请稍后', errorClass: 'rate_limited', retryAfterMs: 120_000 })
    const id = enqueueOne(w.store, 'ship:429')
    await runDue(w)
    expect(w.row(id).nextAttemptAt).toBe(at(120_000))

    await w.restart()
    const after = registerScripted(w, 'carrier', {}, { kind: 'done' })
    w.worker.start()
    w.advance(119_999)
    expect(await runDue(w)).toMatchObject({ done: 0, waiting: 1 })
    expect(after.seen).toEqual([])
    w.advance(1)
    expect(await runDue(w)).toMatchObject({ done: 1, waiting: 0 })
    expect(after.seen.map((r) => [r.attempts, r.lastErrorClass])).toEqual([[2, 'rate_limited']])
  })

  it('treats a consumer that throws as a retry whose effect may have happened', async () => {
    const w = world()
    const consumer = registerScripted(w, 'carrier', {}, new Error('socket hang up'), { kind: 'done' })
    const id = enqueueOne(w.store, 'ship:4')
    await runDue(w)
    expect(w.row(id)).toMatchObject({ state: 'waiting', uncertain: true, lastError: 'socket hang up', lastErrorClass: 'unknown_outcome' })
    w.advance(BACKOFF.capMs)
    await runDue(w)
    expect(consumer.seen.map((r) => r.uncertain)).toEqual([false, true])
    expect(w.row(id).state).toBe('done')
  })

  it('clears the uncertain mark only when the consumer says it checked', async () => {
    const w = world()
    registerScripted(w, 'carrier', {}, new Error('timeout'), { kind: 'retry', reason: '503', errorClass: 'transient' }, { kind: 'retry', reason: '查无此单，可放心重发', uncertain: false })
    const id = enqueueOne(w.store, 'ship:5')
    const marks: boolean[] = []
    for (let i = 0; i < 3; i++) {
      await runDue(w)
      marks.push(w.row(id).uncertain)
      w.advance(BACKOFF.capMs)
    }
    expect(marks).toEqual([true, true, false])
  })

  it('parks a row for a person after maxAttempts retries', async () => {
    const w = world()
    const consumer = registerScripted(w, 'carrier', { maxAttempts: 3 }, { kind: 'retry', reason: '承运商 503', errorClass: 'transient' })
    const id = enqueueOne(w.store, 'ship:6')
    for (let i = 0; i < 5; i++) {
      await runDue(w)
      w.advance(BACKOFF.capMs)
    }
    expect(consumer.seen).toHaveLength(3)
    expect(w.row(id)).toMatchObject({ state: 'parked', attempts: 3, lastErrorClass: 'transient' })
    expect(w.row(id).lastError).toMatch(/已尝试 3 次.*承运商 503/)
    expect(w.worker.stats()).toMatchObject({ backlog: 0, parked: 1, byLane: { carrier: { parked: 1, waiting: 0 } } })
  })

  it('parks at once on a permanent failure', async () => {
    const w = world()
    registerScripted(w, 'carrier', {}, { kind: 'park', reason: '地址不在服务范围', errorClass: 'validation' })
    const id = enqueueOne(w.store, 'ship:7')
    expect(await runDue(w)).toEqual({ done: 0, waiting: 0, parked: 1 })
    expect(w.row(id)).toMatchObject({ state: 'parked', attempts: 1, lastError: '地址不在服务范围', lastErrorClass: 'validation' })
  })
})

describe('leases', () => {
  it('takes a row leased by a worker that died again once its lease has run out, marked uncertain', async () => {
    const w = world()
    const id = enqueueOne(w.store, 'ship:8')
    // Another worker leased it, then died without a word.
    const [dead] = w.store.outbox.claim('carrier', { now: T0.toISOString(), leaseUntil: at(60_000), limit: 1, excludeIds: new Set(), maxAttempts: 10 }).leased
    expect(dead).toMatchObject({ id, state: 'leased', attempts: 1, leaseUntil: at(60_000) })

    const consumer = registerScripted(w, 'carrier', { leaseMs: 60_000 }, { kind: 'done' })
    w.worker.start()
    w.advance(59_999)
    expect(await runDue(w)).toMatchObject({ done: 0, waiting: 1 })
    expect(consumer.seen).toEqual([])
    w.advance(1)
    expect(await runDue(w)).toMatchObject({ done: 1, waiting: 0 })
    expect(consumer.seen.map((r) => [r.attempts, r.uncertain])).toEqual([[2, true]])
  })

  it('returns leases that ran out while the station was down to waiting at start', async () => {
    const w = world()
    const expired = enqueueOne(w.store, 'ship:9')
    const live = enqueueOne(w.store, 'ship:10', { lane: 'upstream' })
    w.store.outbox.claim('carrier', { now: T0.toISOString(), leaseUntil: at(1_000), limit: 1, excludeIds: new Set(), maxAttempts: 10 })
    w.store.outbox.claim('upstream', { now: T0.toISOString(), leaseUntil: at(60_000), limit: 1, excludeIds: new Set(), maxAttempts: 10 })
    w.advance(2_000)
    w.worker.start()
    expect(w.row(expired)).toMatchObject({ state: 'waiting', uncertain: true, leaseUntil: null })
    expect(w.row(live)).toMatchObject({ state: 'leased', uncertain: false })
  })

  it('does not let a worker whose lease was taken over overwrite the new holder', () => {
    const w = world()
    const id = enqueueOne(w.store, 'ship:11')
    const claim = (now: number) => w.store.outbox.claim('carrier', { now: at(now), leaseUntil: at(now + 1_000), limit: 1, excludeIds: new Set(), maxAttempts: 10 }).leased[0]!
    const first = claim(0)
    const second = claim(5_000)
    expect(w.store.outbox.markDone(id, first.leaseSeq, at(6_000), { from: 'first' })).toBe(false)
    expect(w.store.outbox.markDone(id, second.leaseSeq, at(6_000), { from: 'second' })).toBe(true)
    expect(w.row(id)).toMatchObject({ state: 'done', result: { from: 'second' }, uncertain: true })
  })

  it('settles many done rows in one statement, each only if its lease is still the one the outcome was given under', () => {
    const w = world()
    const ids = ['ship:21', 'ship:22', 'ship:23'].map((key) => enqueueOne(w.store, key))
    const leased = w.store.outbox.claim('carrier', { now: at(0), leaseUntil: at(1_000), limit: 3, excludeIds: new Set(), maxAttempts: 10 }).leased
    // The lease of the second ran out and another worker took it.
    w.store.db.prepare("UPDATE outbox SET lease_until = ?, next_attempt_at = ? WHERE id = ?").run(at(900), at(900), ids[1])
    const retaken = w.store.outbox.claim('carrier', { now: at(950), leaseUntil: at(5_000), limit: 1, excludeIds: new Set([ids[0]!, ids[2]!]), maxAttempts: 10 }).leased[0]!
    expect(retaken.id).toBe(ids[1])
    const stored = w.store.transaction(() =>
      w.store.outbox.markDoneMany(
        leased.map((r, i) => ({ id: r.id, leaseSeq: r.leaseSeq, result: i === 0 ? { waybill: 'SF1' } : undefined })),
        at(2_000),
      ),
    )
    expect([...stored].sort()).toEqual([ids[0], ids[2]].sort())
    expect(w.row(ids[0]!)).toMatchObject({ state: 'done', result: { waybill: 'SF1' }, doneAt: at(2_000) })
    expect(w.row(ids[2]!)).toMatchObject({ state: 'done', result: null })
    expect(w.row(ids[1]!)).toMatchObject({ state: 'leased', leaseSeq: retaken.leaseSeq })
  })

  it('parks a row whose worker keeps dying instead of running it again', async () => {
    const w = world()
    const id = enqueueOne(w.store, 'ship:12')
    for (let i = 0; i < 2; i++) {
      w.store.outbox.claim('carrier', { now: w.clock.now().toISOString(), leaseUntil: at(1_000 + i * 10_000), limit: 1, excludeIds: new Set(), maxAttempts: 2 })
      w.advance(10_000)
    }
    const consumer = registerScripted(w, 'carrier', { maxAttempts: 2 }, { kind: 'done' })
    expect(await runDue(w)).toEqual({ done: 0, waiting: 0, parked: 1 })
    expect(w.row(id)).toMatchObject({ state: 'parked', attempts: 2, lastErrorClass: 'cut_off', uncertain: true })
    expect(w.row(id).lastError).toMatch(/处理中断 2 次/)
    expect(consumer.seen).toEqual([])
  })

  it('leases a batch in due order, skipping rows it holds and parking a worn-out row without spending a place on it', () => {
    const w = world()
    // Due order 4, 5, 3, 2, 1: the reverse of the enqueue order after the first.
    const [r1, r2, r3, r4, r5] = [4, 3, 2, 0, 1].map((s, i) =>
      w.store.transaction(() => w.store.outbox.enqueue({ lane: 'carrier', kind: 'shipment.create', idempotencyKey: `batch:${i}`, payload: { i }, notBefore: at(s * 1_000) }).id),
    )
    w.store.db.prepare('UPDATE outbox SET attempts = 2 WHERE id = ?').run(r3)
    const { leased, parked } = w.store.outbox.claim('carrier', { now: at(10_000), leaseUntil: at(70_000), limit: 3, excludeIds: new Set([r4!]), maxAttempts: 2 })
    expect(leased.map((r) => [r.id, r.payload, r.attempts, r.leaseSeq, r.leaseUntil, r.nextAttemptAt])).toEqual([
      [r5, { i: 4 }, 1, 1, at(70_000), at(70_000)],
      [r2, { i: 1 }, 1, 1, at(70_000), at(70_000)],
    ])
    expect(parked.map((r) => [r.id, r.state, r.lastErrorClass])).toEqual([[r3, 'parked', 'cut_off']])
    // Beyond the rows looked at (the limit and the held ones): left for the next claim.
    expect(w.row(r1!)).toMatchObject({ state: 'waiting', attempts: 0 })
    expect(w.row(r4!)).toMatchObject({ state: 'waiting', attempts: 0 })
  })
})
