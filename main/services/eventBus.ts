import type { EventName, EventPayload } from '../contract'

type Listener = (name: EventName, payload: unknown) => void

/**
 * The one place services push events to. Transports subscribe once and fan out
 * to their windows or sockets; a failing listener never stops the others.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload)
      } catch (err) {
        console.error(`[events] a listener of ${name} failed:`, err instanceof Error ? err.message : err)
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Listens to a single event name with its payload typed. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.subscribe((n, payload) => {
      if (n === name) listener(payload as EventPayload<E>)
    })
  }
}
