import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventLink } from '../../../main/contract/bridge'
import { createHttpBridge } from '../../../renderer/bridge/httpBridge'

/** Stands in for the browser's WebSocket: the test opens, closes and feeds each socket the bridge makes. */
class FakeSocket {
  static made: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: string }) => void) | null = null
  onclose: (() => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.made.push(this)
  }

  open(): void {
    this.onopen?.()
  }

  close(): void {
    this.onclose?.()
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
  vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:8765' } })
  vi.stubGlobal('WebSocket', FakeSocket)
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
})
