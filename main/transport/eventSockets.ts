/**
 * The station host's event sockets (`/events`) and who hears what on each.
 * A socket is one tab's: it names the tab's session when it connects
 * (`&session=…`, and `&panel=1` on the customer panel) and again whenever
 * that changes, in a message `{"session": "…" | null, "panel": true|false}`,
 * so a sign-in or sign-out needs no new socket. Each event goes to the
 * sockets whose tab may hear it (`mayHear` in access.ts), judged as it is
 * sent: a session that ended or went idle hears nothing more from then on.
 */
import type { WebSocket } from 'ws'
import type { EventEnvelope } from '../contract/bridge'
import { mayHear, type Role } from '../domain/access'

export interface SocketTab {
  /** The tab's session token (session.signIn's answer); undefined: nobody signed in. */
  session: string | undefined
  isPanel: boolean
}

/** A session token is 32 characters; anything much longer is not one. */
const MAX_SESSION_CHARS = 128

/** The tab as the socket's URL names it. */
export function socketTabOf(params: URLSearchParams): SocketTab {
  const session = params.get('session')
  return { session: session && session.length <= MAX_SESSION_CHARS ? session : undefined, isPanel: params.get('panel') === '1' }
}

/** The tab's new state from a socket message, or null for a message that is not one. */
export function socketTabFromMessage(text: string): SocketTab | null {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof message !== 'object' || message === null) return null
  const { session, panel } = message as { session?: unknown; panel?: unknown }
  if (session !== null && session !== undefined && (typeof session !== 'string' || session.length > MAX_SESSION_CHARS)) return null
  return { session: typeof session === 'string' && session !== '' ? session : undefined, isPanel: panel === true }
}

export class EventSockets {
  private readonly tabs = new Map<WebSocket, SocketTab>()

  /** `roleOf`: the role a session token is signed in with now (null: none), asked at every send. */
  constructor(private readonly roleOf: (session: string | undefined) => Role | null) {}

  add(ws: WebSocket, tab: SocketTab): void {
    this.tabs.set(ws, tab)
    ws.on('message', (data) => {
      const next = socketTabFromMessage(String(data))
      if (next) this.tabs.set(ws, next)
    })
    ws.on('close', () => this.tabs.delete(ws))
    ws.on('error', () => this.tabs.delete(ws))
  }

  send(name: string, payload: unknown): void {
    let text: string | undefined
    for (const [ws, tab] of this.tabs) {
      if (ws.readyState !== ws.OPEN || !mayHear({ role: this.roleOf(tab.session), isPanel: tab.isPanel }, name)) continue
      text ??= JSON.stringify({ name, payload } satisfies EventEnvelope)
      ws.send(text)
    }
  }

  /** Cuts every socket (the token changed, or the host stops). */
  terminateAll(): void {
    for (const ws of this.tabs.keys()) ws.terminate()
  }
}
