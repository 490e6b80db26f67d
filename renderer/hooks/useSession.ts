import { useSyncExternalStore } from 'react'
import type { CommandOutput } from '../../main/contract'
import { call } from '../bridge/client'
import { onSessionToken, sessionToken, type SessionEnd } from '../bridge/sessionToken'

export type SessionView = CommandOutput<'session.get'>

export interface SessionSnapshot {
  value: SessionView
  /** 'loading' until session.get has answered (do not offer to sign in before then). */
  phase: 'loading' | 'loaded'
  /** Why this tab was signed out by main (idle time, account disabled); null after a sign-in or an own sign-out. */
  ended: SessionEnd | null
}

const nobody: SessionView = { operator: null, operatorId: null, name: null, role: null, signedInAt: null, idleSeconds: 15 * 60 }

/**
 * This tab's operator. Each window or tab signs in for itself: the state
 * follows this tab's token (sessionToken.ts), loaded again by session.get
 * whenever the token changes, never pushed from another tab.
 */
let snapshot: SessionSnapshot = { value: nobody, phase: 'loading', ended: null }
const listeners = new Set<() => void>()
let started = false
let loads = 0

function publish(next: SessionSnapshot): void {
  snapshot = next
  for (const listener of [...listeners]) listener()
}

function load(end: SessionEnd | null): void {
  const run = ++loads
  call('session.get', {})
    .then((value) => {
      if (run === loads) publish({ value, phase: 'loaded', ended: value.operator ? null : end })
    })
    .catch(() => {
      if (run === loads) publish({ value: nobody, phase: 'loaded', ended: end })
    })
}

function start(): void {
  if (started) return
  started = true
  onSessionToken(({ token, end }) => {
    // Signed out: shown at once (a command may not wait for the answer); signed in: the answer names who.
    if (token === null) publish({ value: { ...nobody, idleSeconds: snapshot.value.idleSeconds }, phase: 'loaded', ended: end })
    load(end)
  })
  load(null)
}

function subscribe(listener: () => void): () => void {
  start()
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot)
}

/** True when this tab holds a token (signed in, as far as it knows). */
export function hasSessionToken(): boolean {
  return sessionToken() !== null
}
