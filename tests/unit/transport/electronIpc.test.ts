import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestApp } from '../../fixtures/testApp'

// No Electron binary here: the shell's transport is tested against a stand-in ipcMain.
const handlersByChannel = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, request: unknown) => Promise<unknown>) => handlersByChannel.set(channel, fn),
    removeHandler: (channel: string) => handlersByChannel.delete(channel),
  },
}))

const { bindIpc } = await import('../../../main/transport/electronIpc')
const { IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL } = await import('../../../main/contract/bridge')

const OWN_URL = 'file:///app/out/renderer/index.html'

function fakeWindow(id = 7) {
  const mainFrame = { url: OWN_URL }
  const sent: Array<[string, unknown]> = []
  const webContents = { id, mainFrame, send: (channel: string, payload: unknown) => sent.push([channel, payload]) }
  return { window: { isDestroyed: () => false, webContents }, mainFrame, webContents, sent }
}

describe('the Electron IPC transport', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
    // Nobody signed in: these tests watch for a sign-in that must not happen.
    t.app.services.session.actAs(null)
  })
  afterEach(async () => {
    handlersByChannel.clear()
    await t.dispose()
  })

  function bind() {
    const w = fakeWindow()
    const binding = bindIpc(t.app, w.window as never, (url) => url === OWN_URL || url.startsWith(`${OWN_URL}#`))
    const invoke = (event: unknown, request: unknown) => handlersByChannel.get(IPC_INVOKE_CHANNEL)!(event, request)
    return { ...w, binding, invoke }
  }

  it('runs a command sent by our own window', async () => {
    const w = bind()
    const event = { sender: w.webContents, senderFrame: w.mainFrame }
    await expect(w.invoke(event, { name: 'system.info', input: {} })).resolves.toMatchObject({ ok: true, value: { transport: 'electron' } })
  })

  it('refuses a sender that is another webContents, a subframe or a foreign page', async () => {
    const w = bind()
    const other = { id: 8, mainFrame: { url: OWN_URL } }
    const subframe = { url: OWN_URL }
    const foreign = { url: 'https://example.com/' }
    for (const event of [
      { sender: other, senderFrame: other.mainFrame },
      { sender: w.webContents, senderFrame: subframe },
      { sender: { ...w.webContents, mainFrame: foreign }, senderFrame: foreign },
      { sender: w.webContents, senderFrame: null },
    ]) {
      await expect(w.invoke(event, { name: 'session.signIn', input: { operator: 'x' } })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(t.app.services.session.get().operator).toBeNull()
  })

  it('answers a malformed request and an unknown command with typed errors', async () => {
    const w = bind()
    const event = { sender: w.webContents, senderFrame: w.mainFrame }
    await expect(w.invoke(event, 'system.info')).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    await expect(w.invoke(event, { name: 'fs.readFile', input: {} })).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    await expect(w.invoke(event, { name: 'session.signIn', input: { operator: 1 } })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'operator' } })
  })

  it('pushes to the customer panel window only what a panel may hear: not a card tap, not a light', () => {
    const w = bind()
    const panel = fakeWindow(9)
    w.binding.addWindow(panel.window as never, { panel: true })
    t.app.services.devices.report('network', { state: 'warning', message: '网络不稳定', reason: 'flaky' })
    t.app.services.events.emit('ratings.panelChanged', { offer: null, panels: 1 })
    expect(w.sent.map(([, e]) => (e as { name: string }).name)).toEqual(['device.status', 'ratings.panelChanged'])
    expect(panel.sent.map(([, e]) => (e as { name: string }).name)).toEqual(['ratings.panelChanged'])
  })

  it('pushes events to the window until disposed', () => {
    const w = bind()
    t.app.services.devices.report('network', { state: 'warning', message: '网络不稳定', reason: 'flaky' })
    expect(w.sent).toEqual([[IPC_EVENT_CHANNEL, { name: 'device.status', payload: expect.objectContaining({ device: 'network', reason: 'flaky' }) }]])
    w.binding.dispose()
    t.app.services.devices.report('network', { state: 'ok', message: '网络正常', reason: 'ok' })
    expect(w.sent).toHaveLength(1)
    expect(handlersByChannel.has(IPC_INVOKE_CHANNEL)).toBe(false)
  })

  it('serves the customer panel window it is given, pushes to it, and refuses it once released', async () => {
    const w = bind()
    const panel = fakeWindow(9)
    const release = w.binding.addWindow(panel.window as never, { panel: true })
    const fromPanel = { sender: panel.webContents, senderFrame: panel.mainFrame }
    // The panel has no operator: it may say it is there (and rate an offered visit), nothing else.
    await expect(w.invoke(fromPanel, { name: 'ratings.panel', input: { panelId: 'panel-0001', present: true } })).resolves.toMatchObject({ ok: true })
    await expect(w.invoke(fromPanel, { name: 'ratings.pending', input: {} })).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    // The counter's own window is no panel: without a sign-in it may not even do that.
    const fromCounter = { sender: w.webContents, senderFrame: w.mainFrame }
    await expect(w.invoke(fromCounter, { name: 'ratings.panel', input: { panelId: 'panel-0002', present: true } })).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    panel.sent.length = 0
    w.sent.length = 0
    t.app.services.events.emit('ratings.panelChanged', { offer: null, panels: 1 })
    expect(panel.sent).toEqual([[IPC_EVENT_CHANNEL, { name: 'ratings.panelChanged', payload: { offer: null, panels: 1 } }]])
    expect(w.sent).toHaveLength(1)
    release()
    await expect(w.invoke(fromPanel, { name: 'ratings.panel', input: { panelId: 'panel-0001', present: false } })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    t.app.services.events.emit('ratings.panelChanged', { offer: null, panels: 0 })
    expect(panel.sent).toHaveLength(1)
  })
})
