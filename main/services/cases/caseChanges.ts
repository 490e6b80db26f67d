/**
 * One way to record a change to a case (accept, a transition, deferred
 * materials received): inside the change's own transaction the timeline row
 * and the audit rows are written with it, and `case.changed` is published
 * only once that transaction has committed — a rolled-back change leaves no
 * row and tells no screen. Later effects of a change (outbox rows) join the
 * `CaseChange` input as another field, so callers do not change shape.
 */
import type { CaseState } from '../../domain/caseMachine'
import type { EventPayload } from '../../contract'
import { timelineEventDigest } from '../../store/auditCrossCheck'
import type { NewCase } from '../../store/caseRecords'
import type { OutboxRowInput } from '../../store/outboxRepository'
import type { Store } from '../../store/store'
import type { EventBus } from '../eventBus'

export interface CaseChange {
  caseId: number
  caseNo: string
  /** The timeline's verb: `accept`, a state-machine action, or `supplyMaterials`. */
  action: string
  /** null for the acceptance (the case did not exist before). */
  from: CaseState | null
  to: CaseState
  at: string
  operator: string
  stationId: string
  /** The case's own timeline row. */
  timeline: { note: string | null; details: Record<string, unknown> | null }
  /** Audit-chain rows, in chain order; the first records the change itself (e.g. `case.accept`, then `payment.record`). */
  audit: ReadonlyArray<{ action: string; details: Record<string, unknown> }>
  /** External effects the change needs (a shipment to create…): outbox rows in the same transaction; `caseNo` and `at` default to the change's. */
  outbox?: readonly OutboxRowInput[]
  /** The acceptance only: the case as `store.cases.insert` took it (hall mode pushes it to the other stations). */
  image?: NewCase
}

/**
 * Effects every change has besides its own (hall mode: the push to the
 * hall): asked inside the change's transaction, after its timeline row
 * (`seq`, the entry's number within its case) and audit rows are written.
 */
export type ChangeTap = (change: CaseChange, seq: number) => readonly OutboxRowInput[]

/** What a caller can do inside `CaseChangeRecorder.transaction`. */
export interface CaseChangeScope {
  /** Writes the change's timeline and audit rows now; its event waits for the commit. */
  record(change: CaseChange): void
}

type Changed = EventPayload<'case.changed'>

export class CaseChangeRecorder {
  /** One list of unpublished changes per open level (the outermost first); nested levels are savepoints. */
  private readonly levels: Changed[][] = []

  constructor(private readonly deps: { store: Store; events: EventBus; tap?: ChangeTap }) {}

  /**
   * Runs `work` as one store transaction and publishes what it recorded once
   * that commits. Nested calls are savepoints: a nested call that throws drops
   * only its own changes, and nothing is published before the outermost commit.
   */
  transaction<T>(work: (scope: CaseChangeScope) => T): T {
    const { store } = this.deps
    const outermost = this.levels.length === 0
    // Inside a transaction someone else opened, the commit is out of sight: an event could tell of a change later rolled back.
    if (outermost && store.inTransaction) throw new Error('case changes must run in CaseChangeRecorder.transaction, not inside another store transaction')
    const pending: Changed[] = []
    let open = true
    const scope: CaseChangeScope = {
      record: (change) => {
        if (!open) throw new Error(`case change ${change.caseNo} ${change.action} recorded after its transaction ended`)
        this.write(change)
        pending.push({ caseNo: change.caseNo, state: change.to, previousState: change.from, action: change.action, at: change.at, operator: change.operator, stationId: change.stationId })
      },
    }
    this.levels.push(pending)
    let result: T
    try {
      result = store.transaction(() => work(scope))
    } finally {
      open = false
      this.levels.pop()
    }
    if (outermost) {
      for (const payload of pending) this.deps.events.emit('case.changed', payload)
    } else {
      this.levels[this.levels.length - 1]!.push(...pending)
    }
    return result
  }

  private write(change: CaseChange): void {
    const { store } = this.deps
    const { caseId, caseNo, at, operator, stationId } = change
    // A timeline row with no audit row is what `audit verify` looks for: a change must say what it was.
    if (change.audit.length === 0) throw new Error(`case change ${caseNo} ${change.action} has no audit row`)
    const { note, details } = change.timeline
    const event = { at, operator, stationId, action: change.action, fromState: change.from, toState: change.to, note }
    const seq = store.cases.addEvent({ caseId, ...event, details })
    // The change's first audit row names its timeline row as stored, so the cross-check can pair them (store/auditCrossCheck.ts).
    const timelineEvent = { seq, sha256: timelineEventDigest({ caseNo, seq, ...event, details: details === null ? null : JSON.stringify(details) }) }
    change.audit.forEach((row, i) => store.audit({ at, operator, stationId, action: row.action, caseNo, details: i === 0 ? { ...row.details, timelineEvent } : row.details }))
    // The worker hears of them once the transaction has committed (OutboxRepository.onEnqueued).
    const effects = this.deps.tap ? [...(change.outbox ?? []), ...this.deps.tap(change, seq)] : (change.outbox ?? [])
    for (const effect of effects) store.outbox.enqueue({ at, ...effect, caseNo: effect.caseNo ?? caseNo })
  }
}
