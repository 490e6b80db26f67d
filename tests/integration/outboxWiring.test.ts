/**
 * The composition root runs the outbox: a consumer registered on the app's
 * worker gets the rows, the counts reach the event bus and the command.
 */
import { describe, expect, it } from 'vitest'
import type { EventPayload } from '../../main/contract'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { openStore } from '../../main/store/store'
import { createTestApp } from '../fixtures/testApp'
import { waitFor } from '../fixtures/waitFor'

describe('the app’s outbox', () => {
  it('runs a registered consumer, pushes outbox.changed and answers outbox.stats', async () => {
    const { app, dataDir, dispose } = await createTestApp()
    try {
      const seen: string[] = []
      const pushed: Array<EventPayload<'outbox.changed'>> = []
      app.services.events.on('outbox.changed', (s) => pushed.push(s))
      app.services.outbox.worker.register('upstream', { handle: async (row) => (seen.push(row.idempotencyKey), { kind: 'done' }) })
      // Written by another connection (a CLI beside the app); `wake` has the worker look.
      const other = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
      try {
        other.transaction(() => other.outbox.enqueue({ lane: 'upstream', kind: 'case.event', idempotencyKey: 'up:wired', payload: {} }))
        app.services.outbox.worker.wake()
        await waitFor('the consumer to run', () => seen.length === 1)
        await waitFor('the counts after it ran', () => pushed.at(-1)?.backlog === 0 && other.outbox.byKey('up:wired')?.state === 'done')
      } finally {
        other.close()
      }
      const stats = await app.dispatcher.invoke('outbox.stats', {}, { transport: 'test' })
      expect(stats).toMatchObject({ ok: true, value: { backlog: 0, parked: 0, oldestWaitingAt: null } })
    } finally {
      await dispose()
    }
  })
})
