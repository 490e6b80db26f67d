/**
 * A value loaded once by a command and kept current by pushed events (the
 * device lights, the session, a case's receipt job). On the station host the
 * answer comes over HTTP and the pushes over a WebSocket, so a push can
 * overtake the answer: pushes that arrive first are shown at once and then
 * replayed over the answer, so the older answer never overwrites them.
 *
 * Pure (no React, no bridge) so the ordering can be tested in Node;
 * useCommandState.ts wires it to the bridge and to components.
 */

export type LoadPhase = 'loading' | 'loaded' | 'failed'

export interface CommandSnapshot<T> {
  value: T
  phase: LoadPhase
  /** Why the command failed (phase 'failed'); the value is then the initial one with any pushes applied. */
  error: string | null
}

export interface CommandStateSpec<T, P = never> {
  initial: T
  load(): Promise<T>
  /** Subscribes to the pushes that keep the value current and returns the unsubscribe; omitted when nothing is pushed. */
  subscribe?(onPush: (push: P) => void): () => void
  /**
   * The value after one push. Pushes that came before the answer are applied
   * a second time, over the answer, so this must depend on its arguments only.
   */
  apply?(current: T, push: P): T
}

export interface CommandState<T> {
  snapshot(): CommandSnapshot<T>
  /** `listener` runs after every change of snapshot(); returns the unlisten. */
  listen(listener: () => void): () => void
  /** Unsubscribes from the pushes; a late answer or push changes nothing any more. */
  stop(): void
}

export function loadingSnapshot<T>(initial: T): CommandSnapshot<T> {
  return { value: initial, phase: 'loading', error: null }
}

/** Subscribes to the pushes, then runs the command once. */
export function startCommandState<T, P = never>(spec: CommandStateSpec<T, P>): CommandState<T> {
  const apply = spec.apply ?? ((value: T) => value)
  const listeners = new Set<() => void>()
  let current = loadingSnapshot(spec.initial)
  /** Pushes received before the answer, oldest first; null once the command has answered or failed. */
  let early: P[] | null = []
  let isStopped = false

  const publish = (next: CommandSnapshot<T>): void => {
    if (next.value === current.value && next.phase === current.phase && next.error === current.error) return
    current = next
    for (const listener of [...listeners]) listener()
  }

  // Subscribed before the command is sent: no push can fall between the answer and the subscription.
  const unsubscribe =
    spec.subscribe?.((push) => {
      if (isStopped) return
      early?.push(push)
      publish({ ...current, value: apply(current.value, push) })
    }) ?? (() => undefined)

  new Promise<T>((resolve) => resolve(spec.load())).then(
    (answer) => {
      if (isStopped || !early) return
      const overtaking = early
      early = null
      publish({ value: overtaking.reduce(apply, answer), phase: 'loaded', error: null })
    },
    (err: unknown) => {
      if (isStopped) return
      early = null
      publish({ ...current, phase: 'failed', error: err instanceof Error ? err.message : String(err) })
    },
  )

  return {
    snapshot: () => current,
    listen(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop() {
      if (isStopped) return
      isStopped = true
      listeners.clear()
      unsubscribe()
    },
  }
}

export interface SharedCommandState<T> {
  /** For useSyncExternalStore: the first reader starts the state. */
  subscribe(onChange: () => void): () => void
  snapshot(): CommandSnapshot<T>
}

/**
 * One state for the whole window, however many components read it: one
 * command, one subscription. Started by the first reader; stopped only a
 * moment after the last one leaves, so a remount (StrictMode, a screen
 * change while the top bar still reads it) does not load it again.
 */
export function shareCommandState<T, P = never>(spec: CommandStateSpec<T, P>): SharedCommandState<T> {
  const beforeStart = loadingSnapshot(spec.initial)
  let state: CommandState<T> | null = null
  let readers = 0
  let pendingStop: ReturnType<typeof setTimeout> | null = null

  return {
    subscribe(onChange) {
      if (pendingStop !== null) clearTimeout(pendingStop)
      pendingStop = null
      state ??= startCommandState(spec)
      readers++
      const unlisten = state.listen(onChange)
      return () => {
        unlisten()
        if (--readers > 0) return
        pendingStop = setTimeout(() => {
          pendingStop = null
          state?.stop()
          state = null
        }, 0)
      }
    },
    snapshot: () => state?.snapshot() ?? beforeStart,
  }
}
