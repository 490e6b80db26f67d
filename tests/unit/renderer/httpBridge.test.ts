import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventLink } from '../../../main/contract/bridge'
import { createHttpBridge } from '../../../renderer/bridge/httpBridge'
import { adoptSessionToken, dropSessionToken } from '../../../renderer/bridge/sessionToken'

/** Stands in for the browser's WebSocket: the test opens, closes and feeds each socket the bridge makes. */
class FakeSocket {
  static readonly OPEN = 1
  static made: FakeSocket[] = []
  readyState = 0
  /** What the bridge told the host on this socket. */
  readonly sent: unknown[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: string }) => void) | null = null
  onclose: (() => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.made.push(this)
  }

  open(): void {
    this.readyState = FakeSocket.OPEN
    this.onopen?.()
  }

  close(): void {
    this.readyState = 3
    this.onclose?.()
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text))
  }

  deliver(name: string, payload: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ name, payload }) })
  }
}

const latest = (): FakeSocket => FakeSocket.made.at(-1)!

/** A bridge on the station host, recording what it tells about the event link. */
function aStationBridge() {
  const bridge = createHttpBridge('token-1')
  const links: EventLink[] = []
  bridge.onLinkChange?.((link) => links.push(link))
  return { bridge, links }
}

beforeEach(() => {
  vi.useFakeTimers()
  FakeSocket.made = []
  vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:8765', hash: '' } })
  vi.stubGlobal('WebSocket', FakeSocket)
  const stored = new Map<string, string>()
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) })
  dropSessionToken()
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the station host bridge’s event socket', () => {
  it('tells of nothing when the socket opens the first time: that is the start, not the end of a gap', () => {
    const { links } = aStationBridge()
    latest().open()
    expect(links).toEqual([])
  })

  it('tells the link was lost when the open socket drops, and resumed when it opens again', () => {
    const { links } = aStationBridge()
    latest().open()

    latest().close()
    expect(links).toEqual(['lost'])
    vi.advanceTimersByTime(500)
    expect(FakeSocket.made).toHaveLength(2)
    latest().open()

    expect(links).toEqual(['lost', 'resumed'])
  })

  it('treats failed attempts to come back as one gap: one loss, one resumption', () => {
    const { links } = aStationBridge()
    latest().open()
    latest().close()

    vi.advanceTimersByTime(500)
    latest().close()
    vi.advanceTimersByTime(1000)
    latest().close()
    vi.advanceTimersByTime(2000)
    latest().open()

    expect(FakeSocket.made).toHaveLength(4)
    expect(links).toEqual(['lost', 'resumed'])
  })

  it('does not count a first connection that failed before ever opening as a gap', () => {
    const { links } = aStationBridge()
    latest().close()
    vi.advanceTimersByTime(500)
    latest().open()
    expect(links).toEqual([])
  })

  it('resumes once for each gap', () => {
    const { links } = aStationBridge()
    latest().open()
    for (let gap = 0; gap < 2; gap++) {
      latest().close()
      vi.advanceTimersByTime(500)
      latest().open()
    }
    expect(links).toEqual(['lost', 'resumed', 'lost', 'resumed'])
  })

  it('tells of the resumption before the new socket delivers a push, so a reload is sent before it', () => {
    const { bridge } = aStationBridge()
    const seen: string[] = []
    bridge.onLinkChange?.((link) => seen.push(link))
    bridge.on('device.status', (status) => seen.push(`push:${status.device}`))
    latest().open()
    latest().close()
    vi.advanceTimersByTime(500)

    latest().open()
    latest().deliver('device.status', { device: 'labelPrinter' })

    expect(seen).toEqual(['lost', 'resumed', 'push:labelPrinter'])
  })

  it('stops telling a listener that unsubscribed', () => {
    const { bridge } = aStationBridge()
    const links: EventLink[] = []
    const unsubscribe = bridge.onLinkChange?.((link) => links.push(link))
    latest().open()

    unsubscribe?.()
    latest().close()

    expect(links).toEqual([])
  })

  it('names the tab’s session to the host: in the socket’s address, then at each sign-in and sign-out', () => {
    adoptSessionToken('session-A')
    aStationBridge()
    expect(latest().url).toBe('ws://127.0.0.1:8765/events?token=token-1&session=session-A')
    latest().open()
    dropSessionToken()
    adoptSessionToken('session-B')
    expect(latest().sent).toEqual([
      { session: null, panel: false },
      { session: 'session-B', panel: false },
    ])
    // A socket made after a drop names the session of then.
    latest().close()
    vi.advanceTimersByTime(500)
    expect(latest().url).toBe('ws://127.0.0.1:8765/events?token=token-1&session=session-B')
  })

  it('tells a sign-in made while the socket was connecting once it opens', () => {
    aStationBridge()
    expect(latest().url).toBe('ws://127.0.0.1:8765/events?token=token-1')
    adoptSessionToken('session-A')
    latest().open()
    expect(latest().sent).toEqual([{ session: 'session-A', panel: false }])
  })

  it('never names a session from the customer panel, even one copied from the tab that opened it', () => {
    vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:8765', hash: '#/rate' } })
    adoptSessionToken('clerk-session')
    aStationBridge()
    expect(latest().url).toBe('ws://127.0.0.1:8765/events?token=token-1&panel=1')
    latest().open()
    adoptSessionToken('clerk-session-2')
    expect(latest().sent).toEqual([{ session: null, panel: true }])
  })
})
