import { describe, expect, it, vi } from 'vitest'
import { shareCommandState, startCommandState, type CommandStateSpec } from '../../../renderer/hooks/commandState'

interface Light {
  device: string
  state: string
}

/**
 * A mocked bridge for one command and one event: the test decides when the
 * command answers (or fails), when a push arrives and when the event socket
 * comes back after a gap, as the station's HTTP and WebSocket would in any order.
 */
function aBridge<T, P>() {
  /** One per time the command was sent, in order. */
  const runs: { answer: (value: T) => void; fail: (err: Error) => void }[] = []
  const pushListeners = new Set<(push: P) => void>()
  const resyncListeners = new Set<() => void>()
  const load = vi.fn(() => new Promise<T>((resolve, reject) => runs.push({ answer: resolve, fail: reject })))
  const subscribe = vi.fn((onPush: (push: P) => void) => {
    pushListeners.add(onPush)
    return () => pushListeners.delete(onPush)
  })
  const resync = vi.fn((onResync: () => void) => {
    resyncListeners.add(onResync)
    return () => resyncListeners.delete(onResync)
  })
  return {
    load,
    subscribe,
    resync,
    /** Answers the latest run of the command (or run `index`, counted from 0). */
    answer: async (value: T, index = runs.length - 1) => {
      runs[index]!.answer(value)
      await settled()
    },
    fail: async (err: Error) => {
      runs.at(-1)!.fail(err)
      await settled()
    },
    push: (payload: P) => {
      for (const listener of [...pushListeners]) listener(payload)
    },
    /** The event socket is open again after a drop. */
    resume: () => {
      for (const listener of [...resyncListeners]) listener()
    },
    get subscriberCount() {
      return pushListeners.size
    },
    get resyncListenerCount() {
      return resyncListeners.size
    },
  }
}

/** Lets the command's promise callbacks run. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The device lights: a pushed light replaces that device's row. */
function lightsSpec(bridge: ReturnType<typeof aBridge<Light[], Light>>): CommandStateSpec<Light[], Light> {
  return {
    initial: [],
    load: bridge.load,
    subscribe: bridge.subscribe,
    resync: bridge.resync,
    apply: (current, light) => [...current.filter((l) => l.device !== light.device), light],
  }
}

describe('a value loaded by a command and kept current by pushes', () => {
  it('keeps a push that overtook the answer instead of letting the older answer overwrite it', async () => {
    const bridge = aBridge<{ operator: string | null }, { operator: string | null }>()
    const state = startCommandState({ initial: { operator: null }, load: bridge.load, subscribe: bridge.subscribe, apply: (_, pushed) => pushed })

    bridge.push({ operator: '王晓明 A0123' })
    expect(state.snapshot().value).toEqual({ operator: '王晓明 A0123' })
    await bridge.answer({ operator: null })

    expect(state.snapshot()).toEqual({ value: { operator: '王晓明 A0123' }, phase: 'loaded', error: null })
  })

  it('merges the late answer under the pushes: other rows from the answer, the pushed row as pushed', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))

    bridge.push({ device: 'scanner', state: 'ok' })
    await bridge.answer([
      { device: 'idcard', state: 'busy' },
      { device: 'scanner', state: 'error' },
    ])

    expect(state.snapshot().value).toEqual([
      { device: 'idcard', state: 'busy' },
      { device: 'scanner', state: 'ok' },
    ])
  })

  it('applies a push that comes after the answer over it', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))

    await bridge.answer([{ device: 'scanner', state: 'ok' }])
    bridge.push({ device: 'scanner', state: 'error' })

    expect(state.snapshot().value).toEqual([{ device: 'scanner', state: 'error' }])
  })

  it('subscribes before sending the command, so a push right after the answer is not missed', () => {
    const bridge = aBridge<Light[], Light>()
    startCommandState(lightsSpec(bridge))
    expect(bridge.subscribe.mock.invocationCallOrder[0]).toBeLessThan(bridge.load.mock.invocationCallOrder[0]!)
  })

  it('ignores an answer or a push that comes after it was stopped (the component unmounted)', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    const onChange = vi.fn()
    state.listen(onChange)

    state.stop()
    bridge.push({ device: 'scanner', state: 'ok' })
    await bridge.answer([{ device: 'idcard', state: 'ok' }])

    expect(onChange).not.toHaveBeenCalled()
    expect(state.snapshot()).toEqual({ value: [], phase: 'loading', error: null })
    expect(bridge.subscriberCount).toBe(0)
  })

  it('says why the command failed and keeps the pushes it got', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))

    bridge.push({ device: 'scanner', state: 'ok' })
    await bridge.fail(new Error('与工作站主机的连接中断'))

    expect(state.snapshot()).toEqual({ value: [{ device: 'scanner', state: 'ok' }], phase: 'failed', error: '与工作站主机的连接中断' })
  })

  it('tells its listeners of every change', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    const seen: string[] = []
    state.listen(() => seen.push(state.snapshot().value.map((l) => `${l.device}:${l.state}`).join(',')))

    bridge.push({ device: 'scanner', state: 'ok' })
    await bridge.answer([{ device: 'idcard', state: 'ok' }])

    expect(seen).toEqual(['scanner:ok', 'idcard:ok,scanner:ok'])
  })
})

describe('a value kept current by pushes, after the event socket came back from a drop', () => {
  it('loads again and shows what changed while pushes were lost', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }])

    // The paper ran out while the socket was down: that push never came.
    bridge.resume()
    await bridge.answer([{ device: 'labelPrinter', state: 'error' }])

    expect(bridge.load).toHaveBeenCalledTimes(2)
    expect(state.snapshot()).toEqual({ value: [{ device: 'labelPrinter', state: 'error' }], phase: 'loaded', error: null })
  })

  it('keeps showing what it had while the reload is on its way', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }])

    bridge.resume()
    await settled()

    expect(state.snapshot()).toEqual({ value: [{ device: 'labelPrinter', state: 'ok' }], phase: 'loaded', error: null })
  })

  it('keeps a push that overtook the reload instead of letting the reload’s older answer overwrite it', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    await bridge.answer([
      { device: 'idcard', state: 'ok' },
      { device: 'labelPrinter', state: 'ok' },
    ])

    bridge.resume()
    bridge.push({ device: 'labelPrinter', state: 'busy' })
    expect(state.snapshot().value).toContainEqual({ device: 'labelPrinter', state: 'busy' })
    await bridge.answer([
      { device: 'idcard', state: 'error' },
      { device: 'labelPrinter', state: 'error' },
    ])

    expect(state.snapshot().value).toEqual([
      { device: 'idcard', state: 'error' },
      { device: 'labelPrinter', state: 'busy' },
    ])
  })

  it('does not replay a push from before the reload over the reload’s answer, which already holds it', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))

    // The first answer is still on its way when a push comes, then the socket drops and comes back.
    bridge.push({ device: 'labelPrinter', state: 'busy' })
    bridge.resume()
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }])

    expect(state.snapshot().value).toEqual([{ device: 'labelPrinter', state: 'ok' }])
  })

  it('shows the reload’s answer even when the first run answers after it', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))

    bridge.resume()
    await bridge.answer([{ device: 'labelPrinter', state: 'error' }], 1)
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }], 0)

    expect(state.snapshot().value).toEqual([{ device: 'labelPrinter', state: 'error' }])
  })

  it('says why the reload failed and keeps what it showed', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }])

    bridge.resume()
    await bridge.fail(new Error('与工作站主机的连接中断'))

    expect(state.snapshot()).toEqual({ value: [{ device: 'labelPrinter', state: 'ok' }], phase: 'failed', error: '与工作站主机的连接中断' })
  })

  it('recovers from a failed first load on the next resync', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    await bridge.fail(new Error('与工作站主机的连接中断'))

    bridge.resume()
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }])

    expect(state.snapshot()).toEqual({ value: [{ device: 'labelPrinter', state: 'ok' }], phase: 'loaded', error: null })
  })

  it('does not load again once stopped (the component unmounted)', async () => {
    const bridge = aBridge<Light[], Light>()
    const state = startCommandState(lightsSpec(bridge))
    await bridge.answer([])

    state.stop()
    bridge.resume()

    expect(bridge.load).toHaveBeenCalledTimes(1)
    expect(bridge.resyncListenerCount).toBe(0)
  })

  it('reloads a shared value once for all its readers', async () => {
    const bridge = aBridge<Light[], Light>()
    const shared = shareCommandState(lightsSpec(bridge))
    const topBar = vi.fn()
    shared.subscribe(topBar)
    shared.subscribe(() => undefined)
    await bridge.answer([{ device: 'labelPrinter', state: 'ok' }])
    topBar.mockClear()

    bridge.resume()
    await bridge.answer([{ device: 'labelPrinter', state: 'error' }])

    expect(bridge.load).toHaveBeenCalledTimes(2)
    expect(topBar).toHaveBeenCalled()
    expect(shared.snapshot().value).toEqual([{ device: 'labelPrinter', state: 'error' }])
  })
})

describe('a value the whole window shares', () => {
  it('loads once and subscribes once however many components read it', async () => {
    const bridge = aBridge<Light[], Light>()
    const shared = shareCommandState(lightsSpec(bridge))

    const topBar = vi.fn()
    const devicesScreen = vi.fn()
    shared.subscribe(topBar)
    shared.subscribe(devicesScreen)
    await bridge.answer([{ device: 'scanner', state: 'ok' }])

    expect(bridge.load).toHaveBeenCalledTimes(1)
    expect(bridge.subscriberCount).toBe(1)
    expect(topBar).toHaveBeenCalled()
    expect(devicesScreen).toHaveBeenCalled()
    expect(shared.snapshot().value).toEqual([{ device: 'scanner', state: 'ok' }])
  })

  it('shows a screen mounted later the value already loaded, without loading again', async () => {
    const bridge = aBridge<Light[], Light>()
    const shared = shareCommandState(lightsSpec(bridge))
    shared.subscribe(() => undefined)
    await bridge.answer([{ device: 'scanner', state: 'ok' }])

    const leave = shared.subscribe(() => undefined)
    leave()
    shared.subscribe(() => undefined)
    await settled()

    expect(bridge.load).toHaveBeenCalledTimes(1)
    expect(shared.snapshot()).toEqual({ value: [{ device: 'scanner', state: 'ok' }], phase: 'loaded', error: null })
  })

  it('unsubscribes once the last reader has left', async () => {
    const bridge = aBridge<Light[], Light>()
    const shared = shareCommandState(lightsSpec(bridge))
    const leave = shared.subscribe(() => undefined)
    await bridge.answer([])

    leave()
    await settled()

    expect(bridge.subscriberCount).toBe(0)
    expect(bridge.resyncListenerCount).toBe(0)
  })
})
