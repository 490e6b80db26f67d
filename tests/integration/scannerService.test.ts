import { afterEach, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../main/contract'
import type { App } from '../../main/app'
import type { StationConfigInput } from '../../main/config/stationConfig'
import { createTestApp } from '../fixtures/testApp'
import { waitFor } from '../fixtures/waitFor'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startApp(scanner: NonNullable<StationConfigInput['devices']>['scanner']): Promise<App> {
  const { app, dispose } = await createTestApp({ devices: { scanner } })
  cleanups.push(dispose)
  return app
}

describe('scanner service', () => {
  it('pushes a scan from the emulated serial scanner as scanner.scanned and lights the emulated scanner green', async () => {
    const app = await startApp({ mode: 'emulator', terminator: 'CRLF' })
    const scans: Array<EventPayload<'scanner.scanned'>> = []
    app.services.events.on('scanner.scanned', (payload) => scans.push(payload))
    await waitFor('the scanner light', () => app.services.devices.get('scanner').reason === 'connected')
    expect(app.services.devices.get('scanner')).toMatchObject({ state: 'ok', isEmulated: true })

    const result = await app.dispatcher.invoke('demo.scanner.simulate', { text: 'SF1234567890123' }, { transport: 'test' })
    expect(result.ok).toBe(true)
    await waitFor('the scan event', () => scans.length === 1)
    expect(scans[0]).toMatchObject({ text: 'SF1234567890123', source: 'serial' })
    expect(Number.isNaN(Date.parse(scans[0]!.at))).toBe(false)
    // To the service it is a serial scanner on a port, as a station.json would give it.
    const settings = await app.dispatcher.invoke('scanner.settings', {}, { transport: 'test' })
    expect(settings).toMatchObject({ ok: true, value: { mode: 'serial' } })
  })

  it('hands the renderer the configured wedge thresholds and knows no simulate command without an emulator', async () => {
    const app = await startApp({ mode: 'wedge', wedge: { minLength: 8, maxAvgGapMs: 25, maxGapMs: 40, prefix: '§' } })
    const settings = await app.dispatcher.invoke('scanner.settings', {}, { transport: 'test' })
    expect(settings).toEqual({ ok: true, value: { mode: 'wedge', wedge: { minLength: 8, maxAvgGapMs: 25, maxGapMs: 40, prefix: '§' } } })
    expect(app.services.devices.get('scanner')).toMatchObject({ state: 'ok', reason: 'wedge', isEmulated: false })

    const simulated = await app.dispatcher.invoke('demo.scanner.simulate', { text: 'ABC123' }, { transport: 'test' })
    expect(simulated).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
  })

  it('says the emulator is not running, not that the mode is wrong, when the demo hall cannot start it', async () => {
    const path = process.env.PATH
    process.env.PATH = '/nonexistent'
    let app: App
    try {
      app = await startApp({ mode: 'emulator' })
    } finally {
      process.env.PATH = path
    }
    expect(app.services.devices.get('scanner')).toMatchObject({ state: 'error', reason: 'socat_missing', isEmulated: true })
    const result = await app.dispatcher.invoke('demo.scanner.simulate', { text: 'ABC123' }, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE' } })
    expect(!result.ok && result.error.message).toMatch(/扫码枪模拟器没有运行.*socat/)
  })

  it('says the scanner is a serial one when the demo hall runs only the emulated reader', async () => {
    const { app, dispose } = await createTestApp({ devices: { idcard: { mode: 'emulator' }, scanner: { mode: 'serial', port: '/dev/onewindow-no-such-scanner' } } })
    cleanups.push(dispose)
    const result = await app.dispatcher.invoke('demo.scanner.simulate', { text: 'ABC123' }, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE' } })
    expect(!result.ok && result.error.message).toContain('扫码枪模式为 serial')
    expect(app.services.devices.get('scanner').isEmulated).toBe(false)
  })

  it('rejects a simulated code with characters a barcode cannot carry', async () => {
    const app = await startApp({ mode: 'emulator' })
    const result = await app.dispatcher.invoke('demo.scanner.simulate', { text: '办件\u0000' }, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'text' } })
  })
})
