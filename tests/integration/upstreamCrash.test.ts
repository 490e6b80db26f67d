/**
 * `upstream sync` killed (SIGKILL) while the platform holds the reply to an
 * event it has already stored, then run again: every event is at the
 * platform once, each case's in its order — the held one resent after the
 * dead process's lease ran out, marked uncertain, and answered "duplicate".
 * The station's key goes to the platform with `upstream register` first
 * (its events waited, refused, until then).
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../main/app'
import { loadStationConfig } from '../../main/config/loadConfig'
import { SettableClock } from '../../main/services/cases/hallClock'
import { databaseFile } from '../../main/store/database'
import { upstreamEventKey } from '../../main/upstream/upstreamLane'
import { EVENTS_PATH } from '../../main/domain/upstream/upstreamMessages'
import { runCliHere, spawnCli } from '../fixtures/cliRun'
import { aPersonForm, LICENCE_ITEM, MONDAY } from '../fixtures/outputWorld'
import { exitOf } from '../fixtures/processTree'
import { startUpstreamSim, type UpstreamSimHarness } from '../fixtures/upstreamWorld'
import { waitFor } from '../fixtures/waitFor'

let up: UpstreamSimHarness | null = null
let dataDir: string | null = null
const children: ChildProcess[] = []
afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.length = 0
  await up?.stop()
  up = null
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  dataDir = null
})

/** Three cases carried to `ready` at a station whose key the platform does not know yet: their events wait. */
async function seedStation(dir: string, url: string): Promise<string[]> {
  // Long enough that the kill lands while the held reply is awaited; the lease is 2 × this + 5 s.
  writeFileSync(join(dir, 'station.json'), JSON.stringify({ devices: { idcard: { mode: 'off' } }, upstream: { url, timeoutMs: 4000, pollSeconds: 3600 } }), { mode: 0o600 })
  const app = await createApp(loadStationConfig({ dataDir: dir }), { clock: new SettableClock(MONDAY), printing: { statusPollMs: 0 } })
  app.services.session.actAs('A007')
  const invoke = async (name: 'cases.accept' | 'cases.transition', input: unknown): Promise<{ caseNo: string }> => {
    const result = await app.dispatcher.invoke(name, input, { transport: 'test' })
    if (!result.ok) throw new Error(result.error.message)
    return result.value as { caseNo: string }
  }
  const item = app.services.catalog.item(LICENCE_ITEM)
  const cases: string[] = []
  try {
    for (let i = 0; i < 3; i++) {
      const { caseNo } = await invoke('cases.accept', { form: { ...aPersonForm(), materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })) } })
      await invoke('cases.transition', { caseNo, action: 'startReview' })
      await invoke('cases.transition', { caseNo, action: 'approve', certificate: { type: item.certificate!.type, number: `92320300MA${caseNo.slice(-8)}` } })
      await invoke('cases.transition', { caseNo, action: 'produce' })
      cases.push(caseNo)
    }
  } finally {
    await app.close()
  }
  return cases
}

function syncChild(dir: string): { child: ChildProcess; stdout: () => string } {
  const child = spawnCli(['upstream', 'sync', '--data', dir, '--timeout', '60'])
  children.push(child)
  let stdout = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  return { child, stdout: () => stdout }
}

function rowOf(dir: string, key: string): { state: string; attempts: number; uncertain: number } | undefined {
  const db = new Database(databaseFile(dir))
  try {
    return db.prepare('SELECT state, attempts, uncertain FROM outbox WHERE idempotency_key = ?').get(key) as { state: string; attempts: number; uncertain: number } | undefined
  } finally {
    db.close()
  }
}

describe('upstream sync killed mid-push, then run again', () => {
  it('stores every event once, in order per case, the held one resent and answered as a duplicate', { timeout: 120_000 }, async () => {
    up = await startUpstreamSim()
    dataDir = mkdtempSync(join(tmpdir(), 'onewindow-upstream-crash-'))
    const cases = await seedStation(dataDir, up.sim.url)
    expect(await up.events()).toEqual([])

    const registered = await runCliHere(['upstream', 'register', '--data', dataDir])
    expect(registered.code).toBe(0)
    expect(JSON.parse(registered.out[0]!)).toMatchObject({ stationId: '001', registered: true, alreadyRegistered: false })

    const held = cases[0]!
    const heldKey = upstreamEventKey('001', held, 3)
    // The platform stores the decision, then holds its reply far past the station's timeout.
    await up.faults({ match: { path: EVENTS_PATH, caseNo: held, step: 'conclude' }, fault: { kind: 'delay', ms: 120_000, commit: 'after' } })
    const first = syncChild(dataDir)
    await waitFor('the held event stored at the platform', () => up!.sim.calls.some((c) => c.key === heldKey && c.stored), 60_000)
    first.child.kill('SIGKILL')
    expect(await exitOf(first.child)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(rowOf(dataDir, heldKey)).toMatchObject({ state: 'leased', attempts: 1 })

    const second = syncChild(dataDir)
    expect(await exitOf(second.child)).toEqual({ code: 0, signal: null })
    expect(JSON.parse(second.stdout().trim())).toMatchObject({ waiting: 0, parked: 0 })

    const calls = await up.calls()
    for (const caseNo of cases) {
      const events = await up.events(caseNo)
      expect(events.map((e) => e.step)).toEqual(['accept', 'conclude', 'produce'])
      expect(events.map((e) => e.seq)).toEqual([1, 3, 4])
      for (const e of events) expect(calls.filter((c) => c.key === e.key && c.stored)).toHaveLength(1)
    }
    expect(calls.filter((c) => c.key === heldKey).map((c) => c.outcome)).toEqual(['stored', 'duplicate'])
    expect(rowOf(dataDir, heldKey)).toMatchObject({ state: 'done', attempts: 2, uncertain: 1 })
  })
})
