/**
 * Who hears the station host's pushed events: a socket hears what its tab's
 * session may see (the access table), so a tab nobody signed in on hears the
 * device lights but no case, a signed-in tab hears its cases until its
 * session ends, and the customer panel hears the visit offered to it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startStationServer, type StationServer } from '../../main/transport/stationServer'
import { aPersonForm, caseCatalog } from '../fixtures/caseWorld'
import { signInStation, tab, type SignInStation } from '../fixtures/operators'
import { waitFor } from '../fixtures/waitFor'

const START = new Date('2026-03-02T09:00:00+08:00')

interface Listener {
  ws: WebSocket
  heard: Array<{ name: string; payload: Record<string, unknown> }>
}

describe('events on the station host’s sockets', () => {
  let t: SignInStation
  let server: StationServer
  const open: WebSocket[] = []

  beforeEach(async () => {
    t = await signInStation([{ id: 'A0123', name: '王晓明', role: 'window' }], START)
    t.app.services.catalog.importCatalog(caseCatalog(), 'test', { operator: 'setup', stationId: '001' })
    server = await startStationServer(t.app)
  })
  afterEach(async () => {
    for (const ws of open.splice(0)) ws.close()
    await server.close()
    await t.dispose()
  })

  async function listen(query = ''): Promise<Listener> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}${query}`)
    open.push(ws)
    const listener: Listener = { ws, heard: [] }
    ws.on('message', (data) => listener.heard.push(JSON.parse(String(data)) as Listener['heard'][number]))
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    return listener
  }

  /** Tells the host this socket's tab session, and waits until it took it (a pong follows the frames before it). */
  async function tell(listener: Listener, message: object): Promise<void> {
    listener.ws.send(JSON.stringify(message))
    const pong = new Promise((resolve) => listener.ws.once('pong', resolve))
    listener.ws.ping()
    await pong
  }

  /**
   * A light every socket hears, sent after what the test did: once a socket
   * has it, it has every earlier event meant for it (one socket keeps order).
   */
  async function settled(...listeners: Listener[]): Promise<void> {
    const reason = `marker-${Math.random().toString(36).slice(2)}`
    t.app.services.devices.report('network', { state: 'ok', message: '已连接', reason })
    for (const l of listeners) await waitFor(`the marker ${reason} heard`, () => l.heard.some((e) => e.name === 'device.status' && e.payload.reason === reason))
  }

  const heardCase = (l: Listener, caseNo: string): boolean => l.heard.some((e) => e.name === 'case.changed' && e.payload.caseNo === caseNo)

  async function accept(session: string): Promise<string> {
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form: aPersonForm() }, tab(session))
    if (!accepted.ok) throw new Error(accepted.error.message)
    return (accepted.value as { caseNo: string }).caseNo
  }

  it('keeps a case event from a tab nobody signed in on, and brings it to a signed-in one', async () => {
    const clerk = await t.signIn('A0123')
    const nobody = await listen()
    const signedIn = await listen(`&session=${clerk}`)
    const caseNo = await accept(clerk)
    await settled(nobody, signedIn)
    expect(heardCase(signedIn, caseNo)).toBe(true)
    expect(heardCase(nobody, caseNo)).toBe(false)
    expect(nobody.heard.map((e) => e.name)).toEqual(['device.status'])
  })

  it('follows the tab’s session as the socket is told it: heard after the sign-in, no more after the sign-out', async () => {
    const socket = await listen()
    const clerk = await t.signIn('A0123')
    await tell(socket, { session: clerk })
    const heard = await accept(clerk)
    await t.app.dispatcher.invoke('session.signOut', {}, tab(clerk))
    // Signed out in main: the socket, not told yet, hears nothing of the next sign-in's cases.
    const next = await t.signIn('A0123')
    const unheard = await accept(next)
    await settled(socket)
    expect(heardCase(socket, heard)).toBe(true)
    expect(heardCase(socket, unheard)).toBe(false)
  })

  it('gives the customer panel the visit a clerk offers on it, and no case event', async () => {
    const clerk = await t.signIn('A0123')
    const panel = await listen('&panel=1')
    const nobody = await listen()
    const caseNo = await accept(clerk)
    expect((await t.app.dispatcher.invoke('ratings.offer', { caseNo, visit: 'intake' }, tab(clerk))).ok).toBe(true)
    await settled(nobody)
    // The offer comes after the accept's events on the same socket: once the panel has it, it would have had those.
    await waitFor('the offer heard on the panel', () => panel.heard.some((e) => e.name === 'ratings.panelChanged'))
    expect(panel.heard.find((e) => e.name === 'ratings.panelChanged')?.payload).toMatchObject({ offer: { caseNo, visit: 'intake' } })
    expect(heardCase(panel, caseNo)).toBe(false)
    // Nothing but its own: not the device lights, not the clerk's card taps.
    expect(panel.heard.map((e) => e.name).filter((name) => name !== 'ratings.panelChanged')).toEqual([])
    expect(nobody.heard.some((e) => e.name === 'ratings.panelChanged')).toBe(false)
  })
})
