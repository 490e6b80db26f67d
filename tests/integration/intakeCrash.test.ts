/**
 * Power-cut reliability: a station host accepting intakes is killed with
 * SIGKILL at random moments, again and again. Whatever it answered as
 * accepted must be on disk after the restart, no case number may appear
 * twice or be handed out again, and the file and audit chain must be whole.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../main/store/auditChain'
import { databaseFile } from '../../main/store/database'
import { tempDataDir } from '../fixtures/caseWorld'
import { crashSeed, killPlan, replayCommand } from '../fixtures/crashPlan'

const ROOT = join(__dirname, '..', '..')
const WORKER = join(ROOT, 'node_modules', '.cache', 'onewindow-tests', 'intakeWorker.cjs')
const KILLS_IN_BURST = 50
const KILLS_AT_START = 4
// Printed, and in the test's name, so that a failure's report says how to replay it.
const seed = crashSeed()

interface Run {
  answered: string[]
  sawReady: boolean
  stderr: string
}

/**
 * Starts the worker and kills it `afterFirstMs` after its first answer (a
 * point inside the burst), or `fromSpawnMs` after spawn (while it opens,
 * migrates, imports the catalog).
 */
function runAndKill(dataDir: string, when: { afterFirstMs?: number; fromSpawnMs?: number }, max?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, dataDir, ...(max ? [String(max)] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const run: Run = { answered: [], sawReady: false, stderr: '' }
    let buffered = ''
    let timer: NodeJS.Timeout | undefined
    const kill = (): void => void child.kill('SIGKILL')
    if (when.fromSpawnMs !== undefined) timer = setTimeout(kill, when.fromSpawnMs)
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'ready') {
          run.sawReady = true
        } else if (line !== '') {
          run.answered.push(line)
          if (run.answered.length === 1 && when.afterFirstMs !== undefined) timer = setTimeout(kill, when.afterFirstMs)
        }
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('exit', () => {
      if (timer) clearTimeout(timer)
      resolve(run)
    })
  })
}

let dataDir: string

beforeAll(() => {
  mkdirSync(join(ROOT, 'node_modules', '.cache', 'onewindow-tests'), { recursive: true })
  // One bundle, so each of the ~60 starts costs half a second instead of a TypeScript compile.
  buildSync({ entryPoints: [join(ROOT, 'tests', 'fixtures', 'intakeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: WORKER, packages: 'external', logLevel: 'warning' })
  dataDir = tempDataDir('onewindow-crash-')
})

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('killing the station host in the middle of intakes', () => {
  it(`loses no answered intake and never reuses a case number (seed ${seed})`, { timeout: 150_000 }, async () => {
    console.log(`intake crash test: seed ${seed} — replay with ${replayCommand(seed)}`)
    const runs: Run[] = []
    for (const when of killPlan(seed, KILLS_IN_BURST, KILLS_AT_START)) runs.push(await runAndKill(dataDir, when))
    const last = await runAndKill(dataDir, {}, 3)
    expect(last.stderr).toBe('')
    expect(last.answered).toHaveLength(3)

    const answered = [...runs.flatMap((r) => r.answered), ...last.answered]
    expect(runs.filter((r) => r.answered.length > 0).length).toBeGreaterThanOrEqual(KILLS_IN_BURST)
    expect(runs.every((r) => r.stderr === '')).toBe(true)
    // Never twice, and every restart continues above everything answered before it.
    expect(new Set(answered).size).toBe(answered.length)
    const seqs = answered.map((no) => Number(no.slice(-4)))
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)

    const db = new Database(databaseFile(dataDir), { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = new Set(db.prepare('SELECT case_no FROM cases').pluck().all() as string[])
      const missing = answered.filter((no) => !stored.has(no))
      expect(missing).toEqual([])
      // Committed numbers run 1..N without a hole: a rolled-back intake took no number with it.
      const storedSeqs = [...stored].map((no) => Number(no.slice(-4))).sort((a, b) => a - b)
      expect(storedSeqs).toEqual(storedSeqs.map((_, i) => i + 1))
      const lastSeq = db.prepare('SELECT last_seq FROM case_sequences').pluck().get() as number
      expect(lastSeq).toBe(stored.size)
      // Every case has its applicant, checklist, timeline entry and audit row: no intake half written.
      const orphans = db
        .prepare(
          `SELECT COUNT(*) FROM cases c WHERE c.applicant_name = '' OR c.id_hash IS NULL OR json_array_length(c.materials) = 0
             OR NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.seq = 1)
             OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.case_no = c.case_no AND l.action = 'case.accept')`,
        )
        .pluck()
        .get()
      expect(orphans).toBe(0)
      expect(verifyAuditChain(db).ok).toBe(true)
    } finally {
      db.close()
    }
  })
})
