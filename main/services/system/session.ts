/**
 * Who is acting, per window or browser tab. A sign-in (operator id or card,
 * and PIN) opens a session named by a random token; the tab keeps the token
 * and sends it with every command. The dispatcher resolves it and runs the
 * handler inside that session (AsyncLocalStorage), so every service asks
 * `get()` and gets the operator of the request in hand, never whoever signed
 * in last on another tab.
 *
 * A session idle longer than the station's idle time is gone: the next
 * command answers SESSION_EXPIRED and the page asks for the PIN again, its
 * draft untouched.
 *
 * In-process callers with no request (the CLI, the demo seeder, tests) act as
 * a named actor (`actAs`); a request from a transport never falls back to it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { Role } from '../../domain/access'
import { utcTimestamp } from '../../domain/timestamps'
import type { Store } from '../../store/store'
import type { HallClock } from '../cases/hallClock'
import { systemClock } from '../cases/hallClock'
import type { EventBus } from '../eventBus'
import { operatorLabel, type OperatorService } from './operatorService'

export interface Session {
  /** The operator's label on every row they write (`王晓明 A0123`); null when nobody is signed in. */
  operator: string | null
  operatorId: string | null
  name: string | null
  role: Role | null
  signedInAt: string | null
  /** Idle time after which this station signs out (seconds). */
  idleSeconds: number
}

export interface SignedIn {
  readonly token: string
  /** null for the in-process actor (CLI, tests), which is no account. */
  readonly operatorId: string | null
  readonly name: string
  readonly role: Role
  readonly label: string
  readonly signedInAt: string
  lastActiveMs: number
}

/** Why a supervisor ended an operator's sessions (the tab is told at its next command). */
export type AccountEnd = 'disabled' | 'pinReset'

export type Resolution =
  | { kind: 'none' }
  | { kind: 'expired'; operator: string }
  | { kind: 'ended'; operator: string; why: AccountEnd }
  | { kind: 'ok'; signedIn: SignedIn }

export interface SessionDeps {
  events: EventBus
  clock?: HallClock
  /** Absent in the CLI's and tests' in-process areas, which only `actAs`. */
  operators?: OperatorService
  store?: Store
  stationId?: string
  /** Default 15 minutes (station config `session.idleMinutes`). */
  idleMinutes?: number
}

/** The context a request runs in: its session, or null for a request nobody signed (open commands). */
type Context = { signedIn: SignedIn | null }

export const DEFAULT_IDLE_MINUTES = 15
const ENDED_KEPT = 500

export class SessionService {
  private readonly sessions = new Map<string, SignedIn>()
  /** Tokens a supervisor ended (account disabled, PIN reset): their tab's every later command hears why (the newest few hundred kept). */
  private readonly endedByAccount = new Map<string, { operator: string; why: AccountEnd }>()
  private readonly context = new AsyncLocalStorage<Context>()
  private actor: { label: string; role: Role; signedInAt: string } | null = null
  private readonly clock: HallClock
  private readonly idleMs: number

  constructor(private readonly deps: SessionDeps) {
    this.clock = deps.clock ?? systemClock
    this.idleMs = (deps.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000
  }

  /** The session of the request in hand (or the in-process actor outside any request). */
  get(): Session {
    const ctx = this.context.getStore()
    const idleSeconds = this.idleMs / 1000
    if (ctx) {
      const s = ctx.signedIn
      return s
        ? { operator: s.label, operatorId: s.operatorId, name: s.name, role: s.role, signedInAt: s.signedInAt, idleSeconds }
        : { operator: null, operatorId: null, name: null, role: null, signedInAt: null, idleSeconds }
    }
    const a = this.actor
    return a
      ? { operator: a.label, operatorId: null, name: a.label, role: a.role, signedInAt: a.signedInAt, idleSeconds }
      : { operator: null, operatorId: null, name: null, role: null, signedInAt: null, idleSeconds }
  }

  /** The operator for a write; falls back to the station itself for system jobs. */
  operatorOr(fallback: string): string {
    return this.get().operator ?? fallback
  }

  /** Runs `fn` as the request of `signedIn` (null: nobody signed in). */
  run<T>(signedIn: SignedIn | null, fn: () => T): T {
    return this.context.run({ signedIn }, fn)
  }

  /**
   * Who a command acts as. A window or tab (electron, station) is its token's
   * session and nothing else; in-process callers (the CLI, tests) cross no
   * trust boundary and act as their named actor, still checked against its role.
   */
  resolveCaller(caller: { transport: string; session?: string }): Resolution {
    if ((caller.transport === 'cli' || caller.transport === 'test') && !caller.session) {
      const a = this.actor
      return a ? { kind: 'ok', signedIn: { token: '', operatorId: null, name: a.label, role: a.role, label: a.label, signedInAt: a.signedInAt, lastActiveMs: 0 } } : { kind: 'none' }
    }
    return this.resolve(caller.session)
  }

  /** The session a token names, if it is still alive; an idle one is ended here (and audited). */
  resolve(token: string | undefined): Resolution {
    if (!token) return { kind: 'none' }
    const s = this.sessions.get(token)
    if (!s) {
      const ended = this.endedByAccount.get(token)
      return ended ? { kind: 'ended', ...ended } : { kind: 'none' }
    }
    const now = this.clock.now().getTime()
    if (now - s.lastActiveMs > this.idleMs) {
      this.sessions.delete(token)
      this.audit(s.label, 'session.expired', { id: s.operatorId, idleMinutes: this.idleMs / 60_000 })
      return { kind: 'expired', operator: s.label }
    }
    return { kind: 'ok', signedIn: s }
  }

  /**
   * The role a token signs in with now, or null (unknown, ended, idle past
   * the idle time). Asked for every pushed event, so it ends and audits
   * nothing: the tab's next command does that.
   */
  roleOf(token: string | undefined): Role | null {
    const s = token ? this.sessions.get(token) : undefined
    if (!s || this.clock.now().getTime() - s.lastActiveMs > this.idleMs) return null
    return s.role
  }

  /** A command ran in this session: its idle time starts again. */
  touch(s: SignedIn): void {
    if (s.token === '') return
    s.lastActiveMs = this.clock.now().getTime()
  }

  /** Checks the PIN and opens a session for this tab; the previous session of the tab (if any) ends. */
  async signIn(ref: string, pin: string, previousToken?: string): Promise<{ token: string; session: Session }> {
    if (!this.deps.operators) throw new Error('SessionService without operators cannot sign in (in-process area)')
    const record = await this.deps.operators.authenticate(ref, pin)
    if (previousToken) this.end(previousToken, 'switch')
    // Tabs closed without a sign-out: their sessions end here once idle, so the map holds only live ones.
    for (const token of [...this.sessions.keys()]) this.resolve(token)
    const now = this.clock.now()
    const signedIn: SignedIn = {
      token: randomBytes(24).toString('base64url'),
      operatorId: record.id,
      name: record.name,
      role: record.role,
      label: operatorLabel(record),
      signedInAt: utcTimestamp(now),
      lastActiveMs: now.getTime(),
    }
    this.sessions.set(signedIn.token, signedIn)
    this.audit(signedIn.label, 'session.signIn', { id: record.id, role: record.role })
    return { token: signedIn.token, session: this.run(signedIn, () => this.get()) }
  }

  /** Ends the tab's session (a no-op for an unknown or already ended one). */
  signOut(token: string | undefined): Session {
    if (token) this.end(token, 'signOut')
    return this.run(null, () => this.get())
  }

  /** Ends every session of one operator (their account was disabled or their PIN reset). */
  endSessionsOf(operatorId: string, why: AccountEnd): void {
    for (const [token, s] of this.sessions) {
      if (s.operatorId !== operatorId) continue
      this.end(token, 'account')
      this.endedByAccount.set(token, { operator: s.label, why })
    }
    // A tab never heard from again must not hold memory for ever: the oldest go first (a Map keeps insertion order).
    for (const token of this.endedByAccount.keys()) {
      if (this.endedByAccount.size <= ENDED_KEPT) break
      this.endedByAccount.delete(token)
    }
  }

  /** In-process callers (CLI, demo seeder, tests): who their writes record. Never used for a transport's request. */
  actAs(label: string | null, role: Role = 'supervisor'): void {
    this.actor = label === null ? null : { label, role, signedInAt: utcTimestamp(this.clock.now()) }
  }

  /** A command refused for the operator's role: the trail names who tried what. */
  recordRefusal(operator: string, command: string, reason: string): void {
    this.audit(operator, 'access.refused', { command, reason })
  }

  private end(token: string, why: 'signOut' | 'switch' | 'account'): void {
    const s = this.sessions.get(token)
    if (!s) return
    this.sessions.delete(token)
    this.audit(s.label, 'session.signOut', { id: s.operatorId, why })
  }

  private audit(operator: string, action: string, details: Record<string, unknown>): void {
    const store = this.deps.store
    if (!store || !store.isOpen) return
    store.transaction(() => store.audit({ operator, stationId: this.deps.stationId ?? 'station', action, details, at: utcTimestamp(this.clock.now()) }))
  }
}
