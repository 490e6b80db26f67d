/**
 * What the renderer sees as `window.onewindow`, whichever transport serves it.
 * Types only: the preload checks its object against this with `satisfies`,
 * and the renderer's bridge client implements it over HTTP/WebSocket too.
 */
import type { Result } from './result'
import type { CommandName, CommandInput, CommandOutput, EventName, EventPayload } from './index'

export interface OneWindowBridge {
  /**
   * Runs one command; never rejects for a command failure — it resolves to `{ok: false, error}`.
   * `session` is this window's or tab's sign-in token (each has its own).
   */
  invoke<N extends CommandName>(name: N, input: CommandInput<N>, context?: InvokeContext): Promise<Result<CommandOutput<N>>>
  /** Subscribes to one pushed event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
  /**
   * The event stream's link, for transports whose stream can drop (the station
   * host's WebSocket): 'lost' when an open stream closes, 'resumed' when it is
   * open again. Pushes sent in between are gone for good, so whatever a screen
   * keeps current by pushes must load again on 'resumed'. The Electron IPC
   * never drops and leaves this out. Returns the unsubscribe function.
   */
  onLinkChange?(listener: (link: EventLink) => void): () => void
  readonly transport: 'electron' | 'station'
}

export type EventLink = 'lost' | 'resumed'

export interface InvokeContext {
  /** The token `session.signIn` answered to this window or tab. */
  session?: string
}

/** The wire envelope of a pushed event (IPC channel payload and WebSocket message). */
export interface EventEnvelope {
  name: string
  payload: unknown
}

export const IPC_INVOKE_CHANNEL = 'onewindow:invoke'
export const IPC_EVENT_CHANNEL = 'onewindow:event'
