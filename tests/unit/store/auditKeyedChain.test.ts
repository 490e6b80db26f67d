/**
 * The keyed audit chain and its signed anchor, probed the way an attacker
 * with the database file (and the sqlite3 shell, or ten lines of script) but
 * without the station's key would go at them.
 */
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { readAuditAnchor, type AuditAnchor } from '../../../main/store/auditAnchor'
import { appendAudit, auditHmacFromSeq, verifyAuditChain, type VerifyOptions } from '../../../main/store/auditChain'
import { auditKeysOf } from '../../../main/store/auditKeys'
import { databaseFile, openDatabase } from '../../../main/store/database'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { migrations } from '../../../main/store/migrations'
import type { Db } from '../../../main/store/sqlite'
import { openStore, type Store } from '../../../main/store/store'
import { tempDataDir } from '../../fixtures/caseWorld'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function station(): string {
  const dir = tempDataDir('onewindow-keyed-')
  dirs.push(dir)
  return dir
}

const open = (dataDir: string): Store => openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
const keysOf = (dataDir: string) => auditKeysOf(new FileKeyProvider(dataDir).masterKey())

function appendRows(store: Store, n: number): void {
  store.transaction(() => {
    for (let i = 0; i < n; i++) store.audit({ at: '2026-03-02T01:30:00.000Z', operator: 'A001', stationId: '001', action: 'case.accept', caseNo: `C${i}`, details: { n: i } })
  })
}

/** What the station's `audit verify` checks: the chain with the key, against the signed anchor beside it. */
function verifyStation(dataDir: string, extra: VerifyOptions = {}) {
  const keys = keysOf(dataDir)
  const found = readAuditAnchor(`${dataDir}/audit.anchor`, keys.anchor)
  if (found.kind !== 'ok') throw new Error(`anchor ${found.kind}`)
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    return verifyAuditChain(db, { key: keys.chain, anchor: found.anchor, anchoredHmacFromSeq: found.anchor.hmacFromSeq, ...extra })
  } finally {
    db.close()
  }
}

/** The attacker's shell: the file, no key, the guards dropped. */
function tamper(dataDir: string, work: (db: Db) => void): void {
  const db = new Database(databaseFile(dataDir))
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;')
    work(db)
  } finally {
    db.close()
  }
}

/** Ten lines of script: every row rehashed the way the chain used to be, plain SHA-256 over the previous hash and the content. */
function rewriteWithPlainSha256(db: Db): void {
  let prev = '0'.repeat(64)
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<Record<string, string | number | null>>
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?')
  for (const r of rows) {
    const content = JSON.stringify([r.seq, r.at, r.operator, r.station_id, r.action, r.case_no, r.details])
    const hash = createHash('sha256').update(prev).update('\n').update(content).digest('hex')
    update.run(prev, hash, r.seq)
    prev = hash
  }
}

const anchorOf = (dataDir: string): AuditAnchor => {
  const found = readAuditAnchor(`${dataDir}/audit.anchor`, keysOf(dataDir).anchor)
  if (found.kind !== 'ok') throw new Error(`anchor ${found.kind}`)
  return found.anchor
}

describe('the keyed audit chain', () => {
  it('keys every row of a new station with an HMAC, so plain SHA-256 of the file cannot reproduce it', () => {
    const dir = station()
    const store = open(dir)
    appendRows(store, 3)
    const stored = store.db.prepare('SELECT hash FROM audit_log ORDER BY seq').pluck().all()
    expect(auditHmacFromSeq(store.db)).toBe(1)
    store.close()
    let rewritten: unknown[] = []
    tamper(dir, (db) => {
      rewriteWithPlainSha256(db)
      rewritten = db.prepare('SELECT hash FROM audit_log ORDER BY seq').pluck().all()
    })
    expect(rewritten).toHaveLength(3)
    for (const hash of rewritten) expect(stored).not.toContain(hash)
  })

  it('keeps the plain SHA-256 rows of a station from an older build verifiable and keys every row after them', () => {
    const dir = station()
    // The older build: no key bound, every row plain SHA-256.
    const { db } = openDatabase(databaseFile(dir), migrations)
    db.transaction(() => {
      for (let i = 0; i < 4; i++) appendAudit(db, { at: '2026-03-01T01:00:00.000Z', operator: 'A001', stationId: '001', action: 'case.accept', caseNo: `OLD${i}` })
    })()
    const before = verifyAuditChain(db)
    db.close()
    if (!before.ok) throw new Error('the old chain should verify')

    const store = open(dir)
    appendRows(store, 2)
    store.close()
    expect(anchorOf(dir)).toMatchObject({ seq: 4, hash: before.headHash, hmacFromSeq: 5 })
    expect(verifyStation(dir)).toMatchObject({ ok: true, rows: 6, hmacFromSeq: 5, isKeyChecked: true })
    // Its head printed before the upgrade still holds.
    expect(verifyStation(dir, { anchor: { seq: 4, hash: before.headHash } })).toMatchObject({ ok: true })
  })

  it('refuses a row written without the key once the chain is keyed', () => {
    const dir = station()
    open(dir).close()
    const { db } = openDatabase(databaseFile(dir), migrations)
    try {
      expect(() => db.transaction(() => appendAudit(db, { operator: 'EVIL', stationId: '001', action: 'case.accept' }))()).toThrow(/以工作站密钥保护/)
    } finally {
      db.close()
    }
  })

  it('catches the whole chain rewritten with plain SHA-256, naming the first row the key no longer vouches for', () => {
    const dir = station()
    const store = open(dir)
    appendRows(store, 20)
    store.advanceAuditAnchor()
    store.close()
    tamper(dir, rewriteWithPlainSha256)
    const verdict = verifyStation(dir)
    expect(verdict).toMatchObject({ ok: false, brokenSeq: 1 })
    if (!verdict.ok) expect(verdict.reason).toMatch(/第 1 条：内容与哈希不符（HMAC 校验失败/)
  })

  it('catches the rewrite when the attacker also moves the switch past the head, by the signed anchor', () => {
    const dir = station()
    const store = open(dir)
    appendRows(store, 20)
    store.advanceAuditAnchor()
    store.close()
    tamper(dir, (db) => {
      rewriteWithPlainSha256(db)
      db.prepare("UPDATE store_meta SET value = '21' WHERE key = 'audit_hmac_from_seq'").run()
    })
    const verdict = verifyStation(dir)
    expect(verdict).toMatchObject({ ok: false })
    if (!verdict.ok) expect(verdict.reason).toMatch(/HMAC 起点被改动：锚点记为自第 1 条起，数据库记为第 21 条/)
    // Even with the switch record gone altogether.
    tamper(dir, (db) => db.prepare("DELETE FROM store_meta WHERE key = 'audit_hmac_from_seq'").run())
    const gone = verifyStation(dir)
    if (gone.ok) throw new Error('should fail')
    expect(gone.reason).toMatch(/数据库中没有这一记录/)
  })

  it('breaks every keyed row when the switch point alone is moved, whichever way', () => {
    const dir = station()
    // A station from an older build: rows 1–5 plain, then keyed from 6.
    const { db } = openDatabase(databaseFile(dir), migrations)
    db.transaction(() => {
      for (let i = 0; i < 5; i++) appendAudit(db, { at: '2026-03-01T01:00:00.000Z', operator: 'A001', stationId: '001', action: 'case.accept', caseNo: `OLD${i}` })
    })()
    db.close()
    const store = open(dir)
    appendRows(store, 5)
    store.close()
    const keys = keysOf(dir)
    for (const moved of ['3', '8']) {
      tamper(dir, (raw) => raw.prepare("UPDATE store_meta SET value = ? WHERE key = 'audit_hmac_from_seq'").run(moved))
      const reader = new Database(databaseFile(dir), { readonly: true })
      const verdict = verifyAuditChain(reader, { key: keys.chain })
      reader.close()
      expect(verdict).toMatchObject({ ok: false, brokenSeq: moved === '3' ? 3 : 6 })
    }
  })
})

describe('the signed anchor beside the database', () => {
  it('is written 0600 at the first keyed open and catches the newest 50 rows deleted with the triggers dropped', () => {
    const dir = station()
    const store = open(dir)
    expect(anchorOf(dir)).toMatchObject({ seq: 0, hmacFromSeq: 1 })
    appendRows(store, 80)
    expect(store.advanceAuditAnchor()).toMatchObject({ kind: 'advanced', anchor: { seq: 80 } })
    store.close()
    if (process.platform !== 'win32') expect(statSync(`${dir}/audit.anchor`).mode & 0o777).toBe(0o600)

    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 30').run())
    const verdict = verifyStation(dir)
    expect(verdict).toMatchObject({ ok: false, rows: 30, brokenSeq: 31 })
    if (!verdict.ok) expect(verdict.reason).toBe('链只有 30 条，短于锚点第 80 条（末尾记录被删除）')
  })

  it('is not moved over a chain that no longer checks out, so it keeps showing the damage', () => {
    const dir = station()
    const store = open(dir)
    appendRows(store, 10)
    store.advanceAuditAnchor()
    store.close()
    tamper(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 6').run())
    const reopened = open(dir)
    appendRows(reopened, 2)
    const result = reopened.advanceAuditAnchor()
    reopened.close()
    expect(result).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/短于锚点第 10 条/) })
    expect(anchorOf(dir)).toMatchObject({ seq: 10 })
  })

  it('rejects an anchor edited by hand (seq lowered to hide a truncation) or signed with another key', () => {
    const dir = station()
    const store = open(dir)
    appendRows(store, 5)
    store.advanceAuditAnchor()
    store.close()
    const file = `${dir}/audit.anchor`
    const body = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    writeFileSync(file, JSON.stringify({ ...body, seq: 2 }))
    expect(readAuditAnchor(file, keysOf(dir).anchor)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/签名不符/) })
    writeFileSync(file, JSON.stringify(body))
    expect(readAuditAnchor(file, keysOf(station()).anchor)).toMatchObject({ kind: 'invalid' })
    expect(readAuditAnchor(file, keysOf(dir).anchor)).toMatchObject({ kind: 'ok' })
  })

  it('is not silently recreated when it has gone missing from a keyed station', () => {
    const dir = station()
    const store = open(dir)
    appendRows(store, 3)
    store.close()
    rmSync(`${dir}/audit.anchor`)
    const reopened = open(dir)
    expect(reopened.advanceAuditAnchor('leave')).toEqual({ kind: 'missing' })
    expect(reopened.advanceAuditAnchor('create')).toMatchObject({ kind: 'created', anchor: { seq: 3 } })
    reopened.close()
  })
})
