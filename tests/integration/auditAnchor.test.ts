/**
 * The running station keeps the signed anchor close behind the audit
 * chain's head: at start, on its timer, at a clean stop — and never papers
 * over a missing or contradicted anchor.
 */
import Database from 'better-sqlite3'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuditAnchorService } from '../../main/services/audit/auditAnchorService'
import { readAuditAnchor, type AuditAnchor } from '../../main/store/auditAnchor'
import { auditKeysOf } from '../../main/store/auditKeys'
import { databaseFile } from '../../main/store/database'
import { FileKeyProvider } from '../../main/store/keyProviders'
import type { Store } from '../../main/store/store'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { signedInCaller } from '../fixtures/operators'
import { createTestApp } from '../fixtures/testApp'

const world = caseWorldsPerTest()

afterEach(() => {
  vi.useRealTimers()
})

function anchorIn(dataDir: string): AuditAnchor {
  const found = readAuditAnchor(join(dataDir, 'audit.anchor'), auditKeysOf(new FileKeyProvider(dataDir).masterKey()).anchor)
  if (found.kind !== 'ok') throw new Error(`anchor ${found.kind}`)
  return found.anchor
}

function head(store: Store): { seq: number; hash: string } {
  return store.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }
}

function appendRow(store: Store): void {
  store.transaction(() => store.audit({ operator: 'A001', stationId: '001', action: 'calendar.import', details: {} }))
}

describe('the audit anchor while the station runs', () => {
  it('is written at start and moved to the head at a clean stop, after the last writer', async () => {
    const t = await createTestApp()
    try {
      expect(anchorIn(t.dataDir)).toMatchObject({ seq: 0, hmacFromSeq: 1 })
      // Adding the operator and signing in are audited: the chain moves on.
      await signedInCaller(t.app, 'window')
      await t.app.close()
      const db = new Database(databaseFile(t.dataDir), { readonly: true })
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }
      db.close()
      expect(last.seq).toBeGreaterThan(0)
      expect(anchorIn(t.dataDir)).toMatchObject(last)
    } finally {
      await t.dispose()
    }
  })

  it('follows the head on its timer', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const w = world()
    const service = new AuditAnchorService({ store: w.store, everyMs: 60_000 })
    service.start()
    appendRow(w.store)
    appendRow(w.store)
    expect(anchorIn(w.dataDir).seq).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(anchorIn(w.dataDir)).toMatchObject(head(w.store))
    service.stop()
  })

  it('leaves a missing anchor missing and says so once in the log, however often the timer runs', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const w = world()
    appendRow(w.store)
    rmSync(join(w.dataDir, 'audit.anchor'))
    const log: string[] = []
    const service = new AuditAnchorService({ store: w.store, everyMs: 60_000, log: (line) => log.push(line) })
    expect(service.start()).toEqual({ kind: 'missing' })
    vi.advanceTimersByTime(180_000)
    service.stop()
    expect(existsSync(join(w.dataDir, 'audit.anchor'))).toBe(false)
    expect(log).toEqual([expect.stringMatching(/^\[audit\] 找不到审计锚点 .*audit verify/)])
  })
})
