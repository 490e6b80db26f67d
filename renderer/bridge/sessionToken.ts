/**
 * This window's or tab's sign-in token. Kept in sessionStorage, which each
 * tab has for itself (and which survives a reload of that tab), so two tabs
 * on one station are two sign-ins. `client.call` sends it with every command
 * and tells this module when main says the session is gone (idle sign-out,
 * or signed out elsewhere by a supervisor).
 */
const KEY = 'onewindow.session'

export type SessionEnd = { code: 'SESSION_EXPIRED' | 'UNAUTHORIZED'; message: string }

let token: string | null = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(KEY)
const listeners = new Set<(change: { token: string | null; end: SessionEnd | null }) => void>()

export function sessionToken(): string | null {
  return token
}

function publish(end: SessionEnd | null): void {
  for (const listener of [...listeners]) listener({ token, end })
}

/** After a sign-in: this tab acts as the operator from now on. */
export function adoptSessionToken(next: string): void {
  token = next
  sessionStorage.setItem(KEY, next)
  publish(null)
}

/** Signed out here, or main said the session is gone (`end`). */
export function dropSessionToken(end: SessionEnd | null = null): void {
  const had = token !== null
  token = null
  sessionStorage.removeItem(KEY)
  if (had || end) publish(end)
}

export function onSessionToken(listener: (change: { token: string | null; end: SessionEnd | null }) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
