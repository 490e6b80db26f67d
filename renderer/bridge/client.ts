/**
 * The screens' only way to main: `call` a command, `onEvent` for pushes,
 * `onResync` for "pushes resumed after a gap: load again".
 * Uses the Electron preload's `window.onewindow` when present, else the
 * station host's HTTP/WebSocket bridge.
 */
import { useEffect, useRef, useState } from 'react'
import type { OneWindowBridge } from '../../main/contract/bridge'
import type { ApiError } from '../../main/contract/result'
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../main/contract'
import { createHttpBridge, takeToken } from './httpBridge'
import { adoptSessionToken, dropSessionToken, onSessionToken, sessionToken, type SessionEnd } from './sessionToken'

declare global {
  interface Window {
    onewindow?: OneWindowBridge
  }
}

/** A command's typed failure; `field` names the input it is about. */
export class CommandError extends Error implements ApiError {
  readonly code: ApiError['code']
  readonly field: string | undefined

  constructor(error: ApiError) {
    super(error.message)
    this.code = error.code
    this.field = error.field
  }
}

let bridge: OneWindowBridge | null = null

export function getBridge(): OneWindowBridge {
  if (bridge) return bridge
  if (window.onewindow) {
    bridge = window.onewindow
    return bridge
  }
  const token = takeToken()
  if (!token) throw new Error('缺少工作站令牌：请使用工作站主机启动时打印的完整网址打开')
  bridge = createHttpBridge(token)
  return bridge
}

export async function call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const token = sessionToken()
  const result = await getBridge().invoke(name, input, token ? { session: token } : undefined)
  if (!result.ok) {
    const { code, message } = result.error
    // The session is gone (idle sign-out, account disabled): the page asks for the PIN again, the draft stays on screen.
    // Only the session this call carried, still this tab's: a tab never signed in was not signed out, and a new sign-in stands.
    const ended = (code === 'SESSION_EXPIRED' || code === 'UNAUTHORIZED') && name !== 'session.signIn'
    if (ended && token !== null && token === sessionToken()) dropSessionToken({ code, message })
    throw new CommandError(result.error)
  }
  if (name === 'session.signIn') adoptSessionToken((result.value as CommandOutput<'session.signIn'>).token)
  if (name === 'session.signOut') dropSessionToken()
  return result.value
}

/**
 * Ends this tab's session from the page (its idle time ran out): the tab
 * forgets the token at once, so the sign-in dialog opens with `end` as its
 * notice, then main is told to end it too (should that fail, main's own idle
 * time ends it).
 */
export async function endSession(end: SessionEnd): Promise<void> {
  const token = sessionToken()
  if (token === null) return
  dropSessionToken(end)
  await getBridge().invoke('session.signOut', {}, { session: token })
}

export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getBridge().on(name, listener)
}

/** Subscribes for the component's lifetime; the latest listener is always the one called. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener)
  ref.current = listener
  useEffect(() => onEvent(name, (payload) => ref.current(payload)), [name])
}

/**
 * Runs `listener` each time pushed events resume after a gap (the station
 * host's socket dropped and came back): pushes sent in between were lost, so
 * a value kept current by pushes must load again (never on Electron IPC).
 * Also after each sign-in on this tab (`onSignedIn`).
 */
export function onResync(listener: () => void): () => void {
  const unsubscribe = getBridge().onLinkChange?.((link) => {
    if (link === 'resumed') listener()
  })
  const unsignedIn = onSignedIn(listener)
  return () => {
    unsubscribe?.()
    unsignedIn()
  }
}

/**
 * Runs `listener` after each sign-in on this tab: what was refused to a tab
 * nobody had signed in on (or was shown to the operator before) loads again
 * for the one now signed in.
 */
export function onSignedIn(listener: () => void): () => void {
  return onSessionToken(({ token }) => {
    if (token !== null) listener()
  })
}

/** onResync for the component's lifetime; the latest listener is always the one called. */
export function useResync(listener: () => void): void {
  const ref = useRef(listener)
  ref.current = listener
  useEffect(() => onResync(() => ref.current()), [])
}

/** Whether the event stream is down right now (pushes are being missed until it comes back). */
export function useIsLinkLost(): boolean {
  const [isLost, setLost] = useState(false)
  useEffect(() => getBridge().onLinkChange?.((link) => setLost(link === 'lost')), [])
  return isLost
}
