/**
 * Change-to-visible latency between two stations of one hall
 * (tests/bench/figures/hall.ts): two whole apps joined to a throwaway
 * PostgreSQL (tests/fixtures/hallStations.ts). Each change is a clerk's
 * command at A — alternately an intake (pushed through A's outbox) and a
 * step of that case (claimed in the hall by A's gate when the hall knows the
 * case) — timed from the moment the command is issued until B's follower has
 * committed it locally and told B's screens (`case.changed` on B's bus). One
 * change at a time, each waited for, so the times do not queue behind each
 * other.
 */
import type { CommandName } from '../../main/contract'
import { openHall, type HallStation } from '../fixtures/hallStations'
import { aPersonForm, LICENCE_ITEM } from '../fixtures/outputWorld'

export const CHANGES = 200
const WARM_UP = 10
/** Not the figure's limit: a change never seen at B within this is a broken run, not a slow one. */
const GIVE_UP_MS = 30_000

export interface LatencyMeasured {
  samples: number[]
  accepts: number[]
  steps: number[]
}

/** When B heard of each (caseNo, action), and whoever is waiting for one. */
class Arrivals {
  private readonly seen = new Map<string, number>()
  private readonly waiting = new Map<string, (at: number) => void>()

  heard(caseNo: string, action: string): void {
    const key = `${caseNo}|${action}`
    const at = performance.now()
    const waiter = this.waiting.get(key)
    if (waiter) waiter(at)
    else this.seen.set(key, at)
  }

  until(caseNo: string, action: string): Promise<number> {
    const key = `${caseNo}|${action}`
    const at = this.seen.get(key)
    if (at !== undefined) return Promise.resolve(at)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key)
        reject(new Error(`${action} of ${caseNo} at A was not visible at B within ${GIVE_UP_MS / 1000} s`))
      }, GIVE_UP_MS)
      this.waiting.set(key, (t) => {
        clearTimeout(timer)
        this.waiting.delete(key)
        resolve(t)
      })
    })
  }
}

async function timed(a: HallStation, arrivals: Arrivals, name: CommandName, input: unknown, action: string, caseNoOf: (out: unknown) => string): Promise<{ caseNo: string; ms: number }> {
  const started = performance.now()
  const caseNo = caseNoOf(await a.invoke(name, input))
  const at = await arrivals.until(caseNo, action)
  return { caseNo, ms: at - started }
}

export async function measureLatency(): Promise<LatencyMeasured> {
  const hall = await openHall()
  const destroyOnExit = (): void => hall.pg.destroy()
  process.once('exit', destroyOnExit)
  try {
    const { a, b } = hall
    const arrivals = new Arrivals()
    const stopListening = b.app.services.events.on('case.changed', (c) => arrivals.heard(c.caseNo, c.action))
    const item = a.app.services.catalog.item(LICENCE_ITEM)
    const form = { ...aPersonForm(), materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })) }
    const accepts: number[] = []
    const steps: number[] = []
    try {
      for (let i = 0; i < WARM_UP + CHANGES / 2; i++) {
        const accepted = await timed(a, arrivals, 'cases.accept', { form }, 'accept', (out) => (out as { caseNo: string }).caseNo)
        const step = await timed(a, arrivals, 'cases.transition', { caseNo: accepted.caseNo, action: 'startReview' }, 'startReview', () => accepted.caseNo)
        if (i < WARM_UP) continue
        accepts.push(accepted.ms)
        steps.push(step.ms)
      }
    } finally {
      stopListening()
    }
    return { samples: [...accepts, ...steps], accepts, steps }
  } finally {
    await hall.dispose()
    process.off('exit', destroyOnExit)
  }
}
