/**
 * Group commit for the worker's writes. Every commit waits for the disk
 * (WAL with synchronous=FULL: the counter PC may lose power), and a drain
 * ends hundreds of attempts a second: the outcomes that arrive within one
 * turn of the event loop are stored in one transaction, one sync for all.
 * While that sync runs, the next replies arrive and form the next group, so
 * the groups grow with the load and a lone outcome waits only a turn.
 *
 * Each write is still its own unit (the caller gives each a savepoint): one
 * that fails is reported to its own caller and the others commit. If the
 * commit itself fails, every write of the group is reported failed — nothing
 * of it was stored, as if the worker had died (the leases run out).
 *
 * `refill` runs last in the same transaction with how many writes each key
 * (a lane) had in the group: the worker leases the rows that take the freed
 * places, so a group's outcomes and the next leases share one commit too.
 * What it answers runs after the commit (start the leased rows).
 */
import { setImmediate as nextTurn } from 'node:timers'

interface Pending {
  write: () => void
  key: string | undefined
  done: (error: unknown) => void
}

export type Refill = (writesByKey: ReadonlyMap<string, number>) => (() => void) | void

export class GroupCommit {
  private pending: Pending[] = []
  private isScheduled = false

  constructor(
    private readonly transaction: (fn: () => void) => void,
    /** Writes are dropped (reported failed) once the store is closed. */
    private readonly isOpen: () => boolean,
    private readonly refill?: Refill,
  ) {}

  /** Resolves after the write's group committed: with undefined, or with why the write was not stored. */
  add(write: () => void, key?: string): Promise<unknown> {
    return new Promise((resolve) => {
      this.pending.push({ write, key, done: resolve })
      if (this.isScheduled) return
      this.isScheduled = true
      nextTurn(() => this.flush())
    })
  }

  private flush(): void {
    this.isScheduled = false
    const group = this.pending
    this.pending = []
    const errors = new Map<Pending, unknown>()
    const after: { start?: (() => void) | void } = {}
    try {
      if (!this.isOpen()) throw new Error('数据库已关闭')
      this.transaction(() => {
        const byKey = new Map<string, number>()
        for (const item of group) {
          if (item.key !== undefined) byKey.set(item.key, (byKey.get(item.key) ?? 0) + 1)
          try {
            item.write()
          } catch (err) {
            errors.set(item, err)
          }
        }
        after.start = this.refill?.(byKey)
      })
    } catch (err) {
      after.start = undefined
      for (const item of group) if (!errors.has(item)) errors.set(item, err)
    }
    after.start?.()
    for (const item of group) item.done(errors.get(item))
  }
}
