import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../fixtures/testApp'

const caller = { transport: 'test' } as const

describe('keys.storage: where the station says its master key is', () => {
  let t: TestApp | undefined
  afterEach(async () => {
    await t?.dispose()
    t = undefined
  })

  it('names the key file on the station host', async () => {
    t = await createTestApp()
    const reply = await t.app.dispatcher.invoke('keys.storage', {}, caller)
    expect(reply).toEqual({ ok: true, value: { where: 'keyFile', reason: 'station_host', backend: null, file: join(t.dataDir, 'idcipher.key') } })
  })

  it('says what the desktop decided: the key file, because safeStorage only had basic_text', async () => {
    t = await createTestApp({}, { keyStorage: { where: 'keyFile', reason: 'basic_text', backend: 'basic_text' } })
    const reply = await t.app.dispatcher.invoke('keys.storage', {}, caller)
    expect(reply).toEqual({ ok: true, value: { where: 'keyFile', reason: 'basic_text', backend: 'basic_text', file: join(t.dataDir, 'idcipher.key') } })
  })
})
