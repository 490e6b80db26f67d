import { describe, expect, it } from 'vitest'
import { GroupCommit } from '../../../main/outbox/groupCommit'

/** A stand-in for the store's transaction that logs what ran inside and whether it committed. */
function fakeStore(options: { failCommit?: boolean } = {}) {
  const log: string[] = []
  let open = false
  return {
    log,
    isInside: () => open,
    transaction(fn: () => void): void {
      log.push('begin')
      open = true
      try {
        fn()
        if (options.failCommit) throw new Error('disk full')
        log.push('commit')
      } catch (err) {
        log.push('rollback')
        throw err
      } finally {
        open = false
      }
    },
  }
}

describe('a group commit', () => {
  it('stores the writes added in one turn in one transaction, and tells each writer after it committed', async () => {
    const store = fakeStore()
    const commits = new GroupCommit((fn) => store.transaction(fn), () => true)
    const heard: string[] = []
    const writes = ['a', 'b', 'c'].map((name) =>
      commits
        .add(() => {
          store.log.push(name)
        })
        .then((error) => heard.push(`${name}:${String(error)}:${store.log.join(' ')}`)),
    )
    await Promise.all(writes)
    expect(store.log).toEqual(['begin', 'a', 'b', 'c', 'commit'])
    expect(heard).toEqual(['a:undefined:begin a b c commit', 'b:undefined:begin a b c commit', 'c:undefined:begin a b c commit'])
  })

  it('reports a failing write to its own writer only; the others commit', async () => {
    const store = fakeStore()
    const commits = new GroupCommit((fn) => store.transaction(fn), () => true)
    const bad = new Error('constraint failed')
    const results = await Promise.all([
      commits.add(() => void store.log.push('a')),
      commits.add(() => {
        throw bad
      }),
      commits.add(() => void store.log.push('c')),
    ])
    expect(results).toEqual([undefined, bad, undefined])
    expect(store.log).toEqual(['begin', 'a', 'c', 'commit'])
  })

  it('reports every write failed when the commit fails, and starts nothing the refill leased', async () => {
    const store = fakeStore({ failCommit: true })
    let started = false
    const commits = new GroupCommit(
      (fn) => store.transaction(fn),
      () => true,
      () => () => {
        started = true
      },
    )
    const results = await Promise.all([commits.add(() => undefined, 'carrier'), commits.add(() => undefined, 'carrier')])
    expect(results.map((e) => (e as Error).message)).toEqual(['disk full', 'disk full'])
    expect(started).toBe(false)
  })

  it('runs the refill last inside the transaction with the writes per key, and its answer after the commit, before the writers hear', async () => {
    const store = fakeStore()
    const seen: Array<[string, number]>[] = []
    const commits = new GroupCommit(
      (fn) => store.transaction(fn),
      () => true,
      (byKey) => {
        seen.push([...byKey])
        store.log.push(`refill inside=${String(store.isInside())}`)
        return () => store.log.push('start leased rows')
      },
    )
    const heard = Promise.all([commits.add(() => undefined, 'carrier'), commits.add(() => undefined, 'documents'), commits.add(() => undefined, 'carrier')]).then(() =>
      store.log.push('writers heard'),
    )
    await heard
    expect(seen).toEqual([
      [
        ['carrier', 2],
        ['documents', 1],
      ],
    ])
    expect(store.log).toEqual(['begin', 'refill inside=true', 'commit', 'start leased rows', 'writers heard'])
  })

  it('stores nothing once the store is closed: each writer hears why', async () => {
    const store = fakeStore()
    const commits = new GroupCommit((fn) => store.transaction(fn), () => false)
    const error = await commits.add(() => void store.log.push('a'))
    expect((error as Error).message).toBe('数据库已关闭')
    expect(store.log).toEqual([])
  })
})
