import { afterEach, expect, it } from 'vitest'
import { SettableClock } from '../../main/services/cases/hallClock'
import { signedInCaller } from '../fixtures/operators'
import { createTestApp, type TestApp } from '../fixtures/testApp'

let t: TestApp | undefined
afterEach(async () => t?.dispose())

it("answers the hall's today by the station's clock, which a screen uses instead of its own, and only to someone signed in", async () => {
  // Late evening, local time: the local date, not the UTC one; ten minutes later (inside the idle time), the next day.
  const clock = new SettableClock(new Date(2026, 2, 2, 23, 55))
  t = await createTestApp({}, { clock })
  expect(await t.app.dispatcher.invoke('system.clock', {}, { transport: 'station' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  const caller = await signedInCaller(t.app, 'supervisor')
  expect(await t.app.dispatcher.invoke('system.clock', {}, caller)).toEqual({ ok: true, value: { now: new Date(2026, 2, 2, 23, 55).toISOString(), today: '2026-03-02' } })
  clock.set(new Date(2026, 2, 3, 0, 5))
  expect(await t.app.dispatcher.invoke('system.clock', {}, caller)).toMatchObject({ ok: true, value: { today: '2026-03-03' } })
})
