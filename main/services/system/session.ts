import { utcTimestamp } from '../../domain/timestamps'
import type { EventBus } from '../eventBus'

export interface Session {
  operator: string | null
  signedInAt: string | null
}

/** Who works this station now; every write records them. */
export class SessionService {
  private current: Session = { operator: null, signedInAt: null }

  constructor(private readonly events: EventBus) {}

  get(): Session {
    return { ...this.current }
  }

  signIn(operator: string): Session {
    this.current = { operator, signedInAt: utcTimestamp(new Date()) }
    this.events.emit('session.changed', this.get())
    return this.get()
  }

  signOut(): Session {
    this.current = { operator: null, signedInAt: null }
    this.events.emit('session.changed', this.get())
    return this.get()
  }

  /** The operator for a write; falls back to the station itself for system jobs. */
  operatorOr(fallback: string): string {
    return this.current.operator ?? fallback
  }
}
