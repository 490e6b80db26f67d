/**
 * What a consumer asks to record with its outcome (`record`: a waybill bound
 * to its shipment) commits in the same transaction as the row's new state,
 * shared with the other outcomes that ended together — or not at all: a
 * record that fails is rolled back alone and its row retried, marked
 * uncertain; an outcome whose lease was taken over records nothing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { OutboxWorker, type OutboxConsumer, type OutboxOutcome, type OutboxRow } from '../../main/outbox/outboxWorker'
import { BACKOFF, enqueueOne, openOutboxWorld, runDue, type OutboxWorld } from '../fixtures/outboxWorld'
import { waitFor } from '../fixtures/waitFor'

const worlds: OutboxWorld[] = []
function world(): OutboxWorld {
  const w = openOutboxWorld()
  // Where the test consumers record their results: a table of their own on the throwaway database.
  w.store.db.exec('CREATE TABLE effects (key TEXT NOT NULL)')
  worlds.push(w)
  return w
}
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.dispose()
})

const effects = (w: OutboxWorld): string[] => w.store.db.prepare('SELECT key FROM effects ORDER BY rowid').pluck().all() as string[]
const recordEffect = (w: OutboxWorld, key: string) => (): void => {
  w.store.db.prepare('INSERT INTO effects (key) VALUES (?)').run(key)
}

/** A consumer whose attempts wait until the test answers them. */
function heldConsumer() {
  const held = new Map<string, { row: OutboxRow; answer: (outcome: OutboxOutcome) => void }>()
  const consumer: OutboxConsumer = {
    handle: (row) => new Promise((resolve) => held.set(row.idempotencyKey, { row, answer: resolve })),
  }
  return { consumer, held }
}

describe('an outcome with something to record', () => {
  it('stores what it records together with the row done; its settled hook sees both', async () => {
    const w = world()
    let seenAtSettled: unknown
    w.worker.register('carrier', {
      handle: async (row) => ({
        kind: 'done',
        result: { waybillNo: 'SF1' },
        record: recordEffect(w, row.idempotencyKey),
        settled: () => {
          seenAtSettled = { effects: effects(w), state: w.store.outbox.byKey(row.idempotencyKey)?.state }
        },
      }),
    })
    w.worker.start()
    const id = enqueueOne(w.store, 'ship:1')
    expect(await runDue(w)).toEqual({ done: 1, waiting: 0, parked: 0 })
    expect(w.row(id)).toMatchObject({ state: 'done', result: { waybillNo: 'SF1' } })
    expect(effects(w)).toEqual(['ship:1'])
    expect(seenAtSettled).toEqual({ effects: ['ship:1'], state: 'done' })
  })

  it('that fails is rolled back alone: the row is retried marked uncertain, the outcome that ended with it is stored', async () => {
    const w = world()
    const { consumer, held } = heldConsumer()
    w.worker.register('carrier', consumer, { concurrency: 2 })
    w.worker.start()
    const failing = enqueueOne(w.store, 'ship:failing')
    const fine = enqueueOne(w.store, 'ship:fine')
    await waitFor('both attempts running', () => held.size === 2)

    // Both answer in the same turn: their outcomes go into one transaction.
    held.get('ship:failing')!.answer({
      kind: 'done',
      record: () => {
        recordEffect(w, 'ship:failing')()
        throw new Error('运单号已用于别的寄递')
      },
    })
    held.get('ship:fine')!.answer({ kind: 'done', record: recordEffect(w, 'ship:fine') })
    await waitFor('both outcomes stored', () => w.row(fine).state === 'done' && w.row(failing).state === 'waiting')

    expect(effects(w)).toEqual(['ship:fine'])
    expect(w.row(failing)).toMatchObject({ state: 'waiting', uncertain: true, lastErrorClass: 'unknown_outcome', lastError: '结果未能记录：运单号已用于别的寄递' })
  })

  it('may answer a park instead; what it wrote before answering is kept', async () => {
    const w = world()
    w.worker.register('carrier', {
      handle: async (row) => ({
        kind: 'done',
        record: (): OutboxOutcome => {
          recordEffect(w, `${row.idempotencyKey}: the carrier's words`)()
          return { kind: 'park', reason: '承运商已有该订单，但收寄信息不一致', errorClass: 'conflict' }
        },
      }),
    })
    w.worker.start()
    const id = enqueueOne(w.store, 'ship:conflict')
    expect(await runDue(w)).toEqual({ done: 0, waiting: 0, parked: 1 })
    expect(w.row(id)).toMatchObject({ state: 'parked', lastErrorClass: 'conflict', lastError: '承运商已有该订单，但收寄信息不一致' })
    expect(effects(w)).toEqual(["ship:conflict: the carrier's words"])
  })

  it('records nothing when its lease was taken over meanwhile: the worker that holds the row now decides', async () => {
    const w = world()
    const { consumer, held } = heldConsumer()
    w.worker.register('carrier', consumer, { leaseMs: 60_000 })
    w.worker.start()
    const id = enqueueOne(w.store, 'ship:slow')
    await waitFor('the first attempt running', () => held.size === 1)

    // Past the lease a second worker (another process on the same database) takes the row over and finishes it.
    w.advance(60_000)
    const second = new OutboxWorker({ store: w.store, stationId: '001', clock: w.clock, backoff: BACKOFF, statsIntervalMs: 0 })
    second.register('carrier', { handle: async (row) => ({ kind: 'done', result: { by: 'second' }, record: recordEffect(w, `${row.idempotencyKey} by the second`) }) })
    try {
      expect(await second.drain({ timeoutMs: 10_000, dueOnly: true })).toMatchObject({ done: 1 })
    } finally {
      await second.close()
    }

    let settled = false
    held.get('ship:slow')!.answer({ kind: 'done', result: { by: 'first' }, record: recordEffect(w, 'ship:slow by the first'), settled: () => (settled = true) })
    await waitFor('the first attempt settled', () => settled)
    expect(effects(w)).toEqual(['ship:slow by the second'])
    expect(w.row(id)).toMatchObject({ state: 'done', result: { by: 'second' }, attempts: 2, uncertain: true })
  })
})
