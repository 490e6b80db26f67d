import { describe, expect, it } from 'vitest'
import { UpstreamPuller } from '../../../main/upstream/upstreamPull'

describe('the notice feed poll', () => {
  it('stops at once while the platform keeps a page waiting: the request is cut, no further page is asked for', async () => {
    const asked: AbortSignal[] = []
    let reached!: () => void
    const waiting = new Promise<void>((resolve) => (reached = resolve))
    const puller = new UpstreamPuller({
      client: {
        // A platform that answers nothing until the request is given up.
        fetchNotices: (_after, _limit, signal) => {
          asked.push(signal!)
          reached()
          return new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason as Error)))
        },
      },
      cursor: () => null,
      apply: () => ({ applied: 0 }),
      pollMs: 60_000,
      now: () => new Date('2026-11-25T07:00:00.000Z'),
    })
    puller.start()
    await waiting
    await puller.stop()
    expect(asked).toHaveLength(1)
    expect(asked[0]!.aborted).toBe(true)
  })
})
