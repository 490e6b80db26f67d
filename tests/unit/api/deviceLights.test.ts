import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../fixtures/testApp'

describe('the device lights', () => {
  let t: TestApp | undefined
  afterEach(async () => {
    await t?.dispose()
  })

  it('turns the camera light green when the page sees a camera, yellow when none, red when it fails to open', async () => {
    t = await createTestApp()
    const pushed: string[] = []
    t.app.services.events.on('device.status', (s) => s.device === 'camera' && pushed.push(s.state))
    const invoke = (input: unknown) => t!.app.dispatcher.invoke('devices.reportCamera', input, { transport: 'test' })
    expect(await invoke({ count: 2 })).toMatchObject({ ok: true, value: { state: 'ok', message: '2 个摄像头可用' } })
    expect(await invoke({ count: 0 })).toMatchObject({ ok: true, value: { state: 'warning' } })
    expect(await invoke({ count: 1, error: 'NotReadableError' })).toMatchObject({ ok: true, value: { state: 'error', message: '摄像头无法打开：NotReadableError' } })
    // the same report twice is not a change: no second push
    await invoke({ count: 1, error: 'NotReadableError' })
    expect(pushed).toEqual(['ok', 'warning', 'error'])
  })

  it('keeps the camera light off when the station disabled the camera', async () => {
    t = await createTestApp({ devices: { camera: { enabled: false } } })
    const result = await t.app.dispatcher.invoke('devices.reportCamera', { count: 1 }, { transport: 'test' })
    expect(result).toMatchObject({ ok: true, value: { state: 'off', reason: 'disabled' } })
  })

  it('shows a lone station’s network light as standalone, not as a fault', async () => {
    t = await createTestApp()
    expect(t.app.services.devices.get('network')).toMatchObject({ state: 'ok', reason: 'standalone' })
  })
})
