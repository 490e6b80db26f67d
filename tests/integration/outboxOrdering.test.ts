/**
 * A lane runs several rows at once, but rows sharing an order key (a
 * shipment's create, then its cancel) never run together and never out of
 * order — not even when the first of them has to wait for a retry.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../main/outbox/backoff'
import type { OutboxConsumer, OutboxOutcome } from '../../main/outbox/outboxWorker'
import { BACKOFF, enqueueOne, openOutboxWorld, runDue, type OutboxWorld } from '../fixtures/outboxWorld'

let w: OutboxWorld
afterEach(async () => w.dispose())

/** Lets other rows' work interleave: a few turns of the event loop, as a network reply would. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('rows with an order key under concurrency', () => {
  it('runs one row of an order at a time, in enqueue order, while other orders and free rows run beside it', async () => {
    w = openOutboxWorld()
    const random = seededRandom(2026)
    const inFlight = new Map<string, number>()
    const overlaps: string[] = []
    const doneOrder = new Map<string, number[]>()
    const attemptsSeen = new Map<number, number>()
    let running = 0
    let maxRunning = 0
    const consumer: OutboxConsumer = {
      async handle(row): Promise<OutboxOutcome> {
        const key = row.orderKey ?? `free-${row.id}`
        if (inFlight.has(key)) overlaps.push(`${key}: #${row.id} beside #${inFlight.get(key)}`)
        inFlight.set(key, row.id)
        running++
        maxRunning = Math.max(maxRunning, running)
        await turns(1 + Math.floor(random() * 5))
        running--
        inFlight.delete(key)
        attemptsSeen.set(row.id, (attemptsSeen.get(row.id) ?? 0) + 1)
        // Every third row fails once: the rows behind it in its order must wait for it.
        if (row.id % 3 === 0 && row.attempts === 1) return { kind: 'retry', reason: '503', errorClass: 'transient' }
        doneOrder.set(key, [...(doneOrder.get(key) ?? []), row.id])
        return { kind: 'done' }
      },
    }
    w.worker.register('carrier', consumer, { concurrency: 4 })
    const ids: Record<string, number[]> = { A: [], B: [], C: [] }
    for (let i = 0; i < 6; i++) {
      for (const key of ['A', 'B', 'C']) ids[key]!.push(enqueueOne(w.store, `${key}-${i}`, { orderKey: key }))
      if (i % 2 === 0) enqueueOne(w.store, `free-${i}`)
    }

    for (let round = 0; round < 20 && w.worker.stats().backlog > 0; round++) {
      await runDue(w)
      w.advance(BACKOFF.capMs)
    }

    expect(w.worker.stats().backlog).toBe(0)
    expect(overlaps).toEqual([])
    for (const key of ['A', 'B', 'C']) expect(doneOrder.get(key)).toEqual(ids[key])
    expect(maxRunning).toBeGreaterThan(1)
    expect(maxRunning).toBeLessThanOrEqual(4)
    expect([...attemptsSeen.entries()].filter(([id]) => id % 3 === 0).every(([, n]) => n === 2)).toBe(true)
  })

  it('holds the rows behind a parked row of their order until a person decides', async () => {
    w = openOutboxWorld()
    const seen: number[] = []
    w.worker.register('carrier', {
      handle: async (row) => {
        seen.push(row.id)
        return seen.length === 1 ? { kind: 'park', reason: '地址无法识别' } : { kind: 'done' }
      },
    }, { concurrency: 4 })
    const head = enqueueOne(w.store, 'x-1', { orderKey: 'X' })
    const behind = enqueueOne(w.store, 'x-2', { orderKey: 'X' })
    const other = enqueueOne(w.store, 'y-1', { orderKey: 'Y' })
    expect(await runDue(w)).toEqual({ done: 1, waiting: 1, parked: 1 })
    expect(seen).toEqual([head, other])
    expect(w.row(behind).state).toBe('waiting')

    w.worker.retryParked(head, { operator: 'A001', reason: '地址已更正' })
    expect(await runDue(w)).toEqual({ done: 2, waiting: 0, parked: 0 })
    expect(seen).toEqual([head, other, head, behind])
  })
})
