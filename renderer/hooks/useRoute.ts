/**
 * Hash routes (`#/cases/32030020261126001`): they survive a reload, work the
 * same under file:// (Electron) and http:// (station host), and need no server.
 */
import { useEffect, useState } from 'react'

/** In Alt+number order: a new screen goes at the end, so the hand keeps the numbers it learned. */
export const screenIds = ['intake', 'cases', 'output', 'courier', 'agent', 'reports', 'devices', 'review', 'settings'] as const
export type ScreenId = (typeof screenIds)[number]

export interface Route {
  screen: ScreenId
  /** Path segments after the screen, e.g. a case number. */
  params: string[]
}

/** A malformed escape (`%E0` from a hand-typed or truncated link) keeps the raw segment rather than blanking the window. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeSegment)
  const [first, ...params] = parts
  const screen = (screenIds as readonly string[]).includes(first ?? '') ? (first as ScreenId) : 'intake'
  return { screen, params }
}

export function navigate(path: string): void {
  const target = path.startsWith('#') ? path : `#/${path.replace(/^\//, '')}`
  if (window.location.hash !== target) window.location.hash = target
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
