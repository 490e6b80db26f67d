/**
 * "Load by a command, then keep current by a pushed event" for components:
 * `useCommandState` for a value one component owns, `shareCommandState` for
 * one the whole window shares (one command, one subscription). The ordering
 * rule — a push that overtakes the answer wins — and the reload after the
 * station host's event socket comes back live in commandState.ts.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { EventName, EventPayload } from '../../main/contract'
import { onEvent, onResync, onSignedIn } from '../bridge/client'
import { loadingSnapshot, shareCommandState, startCommandState, type CommandSnapshot, type CommandStateSpec } from './commandState'

export type { CommandSnapshot } from './commandState'

export interface CommandStateOptions<T, E extends EventName = never> {
  initial: T
  load: () => Promise<T>
  /** The event that keeps the value current, and the value after one push (a function of its arguments only). */
  push?: { event: E; apply: (current: T, payload: EventPayload<E>) => T }
}

function toSpec<T, E extends EventName>(options: () => CommandStateOptions<T, E>): CommandStateSpec<T, EventPayload<E>> {
  const { initial, load, push } = options()
  return {
    initial,
    load,
    // The latest apply, so a component's closure is never stale.
    subscribe: push ? (onPush) => onEvent(push.event, onPush) : undefined,
    apply: push ? (current, payload) => (options().push?.apply ?? push.apply)(current, payload) : undefined,
    // Only a value kept current by pushes can have missed some in a gap; a loaded-once value loads again only for a new sign-in.
    resync: push ? onResync : onSignedIn,
  }
}

/**
 * Loads when mounted and again whenever `key` changes (e.g. another case);
 * until the new key's answer comes, the value is `initial`, never the old key's.
 */
export function useCommandState<T, E extends EventName = never>(key: string, options: CommandStateOptions<T, E>): CommandSnapshot<T> {
  const optionsRef = useRef(options)
  optionsRef.current = options
  const [held, setHeld] = useState<{ key: string; snapshot: CommandSnapshot<T> } | null>(null)

  useEffect(() => {
    const state = startCommandState(toSpec(() => optionsRef.current))
    const unlisten = state.listen(() => setHeld({ key, snapshot: state.snapshot() }))
    return () => {
      unlisten()
      state.stop()
    }
  }, [key])

  return held?.key === key ? held.snapshot : loadingSnapshot(options.initial)
}

/** A hook reading one window-wide state: define it at module level, e.g. `export const useSession = sharedCommandStateHook({...})`. */
export function sharedCommandStateHook<T, E extends EventName = never>(options: CommandStateOptions<T, E>): () => CommandSnapshot<T> {
  const shared = shareCommandState(toSpec(() => options))
  return function useSharedCommandState() {
    return useSyncExternalStore(shared.subscribe, shared.snapshot)
  }
}
