/**
 * The station host's side of the bridge: commands as `POST /api/<name>` and
 * events over one WebSocket, both carrying the per-start token. Implements
 * the same OneWindowBridge as the Electron preload, so screens never know.
 */
import type { EventEnvelope, EventLink, OneWindowBridge } from '../../main/contract/bridge'
import type { Result } from '../../main/contract/result'
import { onSessionToken, sessionToken } from './sessionToken'

const TOKEN_KEY = 'onewindow.token'

/** The token arrives once in the URL fragment (never sent to the server in logs); keep it for reloads. */
export function takeToken(): string | null {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    const rest = window.location.hash.replace(/(^#|&)token=[A-Za-z0-9_-]+/, '').replace(/^#&/, '#')
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest === '#' ? '' : rest))
    return match[1]
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

export function createHttpBridge(token: string): OneWindowBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const linkListeners = new Set<(link: EventLink) => void>()
  let socket: WebSocket | null = null
  let retryMs = 500
  /** 'never' until the first socket opens: the first open is the start, not a gap ending. */
  let link: 'never' | 'open' | 'lost' = 'never'

  const tellLink = (change: EventLink): void => {
    for (const listener of [...linkListeners]) listener(change)
  }

  // The customer panel (#/rate) has no operator, even in a window opened from a signed-in tab (which
  // starts with a copy of its sessionStorage): it may only rate a visit a clerk offered on it, and hear of that visit.
  const isPanel = (): boolean => window.location.hash.startsWith('#/rate')
  const tabSession = (session: string | null | undefined): string | null => (isPanel() ? null : (session ?? null))
  const tellTab = (): void => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ session: tabSession(sessionToken()), panel: isPanel() }))
  }

  const connect = (): void => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    // The socket hears what this tab's session may (main/transport/eventSockets.ts): named here, and again at every sign-in or out.
    const session = tabSession(sessionToken())
    const tab = `${session ? `&session=${encodeURIComponent(session)}` : ''}${isPanel() ? '&panel=1' : ''}`
    socket = new WebSocket(`${scheme}://${window.location.host}/events?token=${encodeURIComponent(token)}${tab}`)
    socket.onopen = () => {
      retryMs = 500
      // Signed in or out while this socket was connecting.
      if (tabSession(sessionToken()) !== session) tellTab()
      const wasLost = link === 'lost'
      link = 'open'
      // Told before this socket delivers anything: a reload sent now is older than every push that follows.
      if (wasLost) tellLink('resumed')
    }
    socket.onmessage = (message) => {
      let envelope: EventEnvelope
      try {
        envelope = JSON.parse(String(message.data)) as EventEnvelope
      } catch {
        return
      }
      for (const listener of listeners.get(envelope.name) ?? []) listener(envelope.payload)
    }
    socket.onclose = () => {
      // Only an open link is lost; a failed attempt to come back is the same gap going on.
      if (link === 'open') {
        link = 'lost'
        tellLink('lost')
      }
      // The host restarted or the link dropped: come back, slower each time.
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 10_000)
    }
  }
  connect()
  onSessionToken(tellTab)

  return {
    transport: 'station',
    async invoke(name, input, context) {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
      const session = tabSession(context?.session)
      if (session) headers['x-onewindow-session'] = session
      if (isPanel()) headers['x-onewindow-panel'] = '1'
      try {
        const response = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
        })
        return (await response.json()) as Result<never>
      } catch (err) {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `与工作站主机的连接中断：${err instanceof Error ? err.message : String(err)}` },
        }
      }
    },
    on(name, listener) {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      const wrapped = listener as (payload: unknown) => void
      set.add(wrapped)
      return () => set.delete(wrapped)
    },
    onLinkChange(listener) {
      linkListeners.add(listener)
      return () => linkListeners.delete(listener)
    },
  }
}
