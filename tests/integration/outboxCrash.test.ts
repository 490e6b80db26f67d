/**
 * A station killed (SIGKILL) while it holds outbox rows: one killed before
 * its carrier call went out, one after the carrier stored the order but
 * before the reply came back. The next station on the same database takes
 * both again once their leases have run out, tells its consumer the earlier
 * attempt may have happened, and each effect ends up carried out exactly
 * once and each row done exactly once.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import type { OutboxOutcome, OutboxRow } from '../../main/outbox/outboxWorker'
import { enqueueOne, openOutboxWorld, runDue, T0 } from '../fixtures/outboxWorld'

const ROOT = join(__dirname, '..', '..')
const WORKER = join(ROOT, 'node_modules', '.cache', 'onewindow-tests', 'outboxCrashWorker.cjs')
const LEASE_MS = 60_000

beforeAll(() => {
  mkdirSync(join(ROOT, 'node_modules', '.cache', 'onewindow-tests'), { recursive: true })
  buildSync({ entryPoints: [join(ROOT, 'tests', 'fixtures', 'outboxCrashWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: WORKER, packages: 'external', logLevel: 'warning' })
})

/** Starts the worker process and SIGKILLs it once it has said it holds every one of `keys`. */
function runUntilLeasedThenKill(dataDir: string, keys: string[]): Promise<{ leased: string[]; stderr: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, dataDir, T0.toISOString(), String(LEASE_MS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const leased: string[] = []
    let stderr = ''
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith('leased ')) leased.push(line.slice('leased '.length))
      if (keys.every((k) => leased.includes(k))) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (_code, signal) => resolve({ leased, stderr, signal }))
  })
}

describe('a station killed while it holds outbox rows', () => {
  it('runs each row again after its lease, the effect once and the row done once', { timeout: 60_000 }, async () => {
    const w = openOutboxWorld()
    const effects = join(w.dataDir, 'effects.log')
    const effectsOf = () => (existsSync(effects) ? readFileSync(effects, 'utf8').split('\n').filter(Boolean) : [])
    try {
      const beforeSend = enqueueOne(w.store, 'ship:before-send', { payload: { effectFirst: false } })
      const afterStore = enqueueOne(w.store, 'ship:after-store', { payload: { effectFirst: true } })
      await w.worker.close()
      w.store.close()

      const killed = await runUntilLeasedThenKill(w.dataDir, ['ship:before-send', 'ship:after-store'])
      expect(killed).toMatchObject({ signal: 'SIGKILL', stderr: '' })
      expect(effectsOf()).toEqual(['ship:after-store'])

      await w.restart()
      expect(w.row(beforeSend)).toMatchObject({ state: 'leased', attempts: 1 })
      // The next station's consumer: a row that may have been sent is looked up first (the carrier's order query).
      const seen: OutboxRow[] = []
      let doneAnswers = 0
      w.worker.register('carrier', {
        handle: async (row): Promise<OutboxOutcome> => {
          seen.push(row)
          const isStored = row.uncertain && effectsOf().includes(row.idempotencyKey)
          if (!isStored) appendFileSync(effects, `${row.idempotencyKey}\n`)
          doneAnswers++
          return { kind: 'done', result: { adopted: isStored } }
        },
      })
      w.worker.start()
      w.advance(LEASE_MS - 1)
      expect(await runDue(w)).toMatchObject({ done: 0, waiting: 2 })
      expect(seen).toEqual([])

      w.advance(1)
      expect(await runDue(w)).toEqual({ done: 2, waiting: 0, parked: 0 })
      expect(seen.map((r) => [r.idempotencyKey, r.attempts, r.uncertain]).sort()).toEqual([
        ['ship:after-store', 2, true],
        ['ship:before-send', 2, true],
      ])
      expect(effectsOf().sort()).toEqual(['ship:after-store', 'ship:before-send'])
      expect(doneAnswers).toBe(2)
      expect(w.row(afterStore)).toMatchObject({ state: 'done', result: { adopted: true } })
      expect(w.row(beforeSend)).toMatchObject({ state: 'done', result: { adopted: false } })

      // Once done, nothing runs it again: not another start, not another lease expiry.
      await w.restart()
      w.worker.register('carrier', { handle: async () => ({ kind: 'done' }) })
      w.advance(10 * LEASE_MS)
      expect(await runDue(w)).toEqual({ done: 0, waiting: 0, parked: 0 })
    } finally {
      await w.dispose()
    }
  })
})
