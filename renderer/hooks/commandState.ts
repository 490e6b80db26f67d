/**
 * A value loaded by a command and kept current by pushed events (the device
 * lights, the session, a case's receipt job). On the station host the answer
 * comes over HTTP and the pushes over a WebSocket, so a push can overtake the
 * answer: pushes that arrive first are shown at once and then replayed over
 * the answer, so the older answer never overwrites them. When the WebSocket
 * comes back after a drop, the pushes sent meanwhile are lost: the command
 * runs again (a resync), under the same rule.
 *
 * Pure (no React, no bridge) so the ordering can be tested in Node;
 * useCommandState.ts wires it to the bridge and to components.
 */

export type LoadPhase = 'loading' | 'loaded' | 'failed'

export interface CommandSnapshot<T> {
  value: T
  phase: LoadPhase
  /**
   * Why the last run of the command failed (phase 'failed'); the value is then what was shown
   * before it (the initial one at first) with any pushes applied.
   */
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
  /**
   * Subscribes to "pushes resumed after a gap" (some were lost) and returns the
   * unsubscribe: each time, the command runs again. Omitted when nothing is pushed.
   */
  resync?(onResync: () => void): () => void
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

/** Subscribes to the pushes, then runs the command: once, and again on each resync. */
export function startCommandState<T, P = never>(spec: CommandStateSpec<T, P>): CommandState<T> {
  const apply = spec.apply ?? ((value: T) => value)
  const listeners = new Set<() => void>()
  let current = loadingSnapshot(spec.initial)
  /** Pushes received since the latest run was sent, oldest first; null once it has answered or failed. */
  let early: P[] | null = []
  /** Counts the runs: only the latest one's answer is shown (an earlier one can answer last). */
  let runs = 0
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

  const run = (): void => {
    const thisRun = ++runs
    // Pushes shown before this run was sent are in its answer; only later ones can overtake it.
    // The value shown stays (with its phase) until the answer: a resync does not blank the screen.
    early = []
    new Promise<T>((resolve) => resolve(spec.load())).then(
      (answer) => {
        if (isStopped || thisRun !== runs) return
        const overtaking = early ?? []
        early = null
        publish({ value: overtaking.reduce(apply, answer), phase: 'loaded', error: null })
      },
      (err: unknown) => {
        if (isStopped || thisRun !== runs) return
        early = null
        publish({ ...current, phase: 'failed', error: err instanceof Error ? err.message : String(err) })
      },
    )
  }

  const unresync =
    spec.resync?.(() => {
      if (!isStopped) run()
    }) ?? (() => undefined)
  run()

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
      unresync()
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
