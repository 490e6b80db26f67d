/**
 * The audit chain's head, anchored outside the database: `audit.anchor`
 * beside it holds the newest row's seq and hash and the HMAC switch point,
 * signed with a key derived from the station's master key (auditKeys.ts).
 * Whoever can edit the database cannot move the anchor forward, so a chain
 * cut back below it (the newest rows deleted) or rebuilt without the key (a
 * different hash at the anchored row, or a moved switch) fails `audit verify`.
 *
 * The running station moves it forward (at start, every minute, at a clean
 * stop) and `audit anchor` does on request — each time only after the rows
 * since the last anchor check out, so a damaged chain keeps the anchor that
 * shows the damage. Written like the key files: a synced 0600 temp file,
 * renamed into place, the folder synced.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { auditHmacFromSeq, canonicalJson, verifyAuditChain } from './auditChain'
import type { AuditKeys } from './auditKeys'
import { syncFolder, writeSyncedTemp } from './durableFiles'
import type { Db } from './sqlite'

export const AUDIT_ANCHOR_FILE_NAME = 'audit.anchor'
const FORMAT = 'onewindow-audit-anchor/1'

export interface AuditAnchor {
  /** The newest row when the anchor was written (0: an empty chain). */
  seq: number
  hash: string
  /** The first HMAC row of the chain (store meta `audit_hmac_from_seq`). */
  hmacFromSeq: number
  /** When it was written (UTC), for the reader. */
  at: string
}

export type AnchorFile = { kind: 'missing' } | { kind: 'invalid'; reason: string } | { kind: 'ok'; anchor: AuditAnchor }

export type AnchorAdvance =
  | { kind: 'created' | 'advanced' | 'unchanged'; anchor: AuditAnchor }
  /** No anchor file, and none was to be made here (only the first keyed open and `audit anchor` make one). */
  | { kind: 'missing' }
  /** The anchor stays as it was: its signature, or the chain since it, does not check out. */
  | { kind: 'refused'; reason: string }

/** Beside the database file. */
export function auditAnchorFile(databaseFile: string): string {
  return join(dirname(databaseFile), AUDIT_ANCHOR_FILE_NAME)
}

function signature(key: Buffer, a: AuditAnchor): Buffer {
  return createHmac('sha256', key).update(canonicalJson({ format: FORMAT, seq: a.seq, hash: a.hash, hmacFromSeq: a.hmacFromSeq, at: a.at })).digest()
}

export function readAuditAnchor(file: string, anchorKey: Buffer): AnchorFile {
  if (!existsSync(file)) return { kind: 'missing' }
  const invalid = (why: string): AnchorFile => ({ kind: 'invalid', reason: `锚点文件 ${file} ${why}` })
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return invalid('无法读取或不是合法的 JSON（文件被改动或损坏）')
  }
  const { format, seq, hash, hmacFromSeq, at, mac } = parsed
  if (format !== FORMAT) return invalid(`格式无法识别（${String(format)}）`)
  if (!Number.isInteger(seq) || (seq as number) < 0 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return invalid('的序号或哈希无效（文件被改动）')
  if (!Number.isInteger(hmacFromSeq) || (hmacFromSeq as number) < 1 || typeof at !== 'string' || typeof mac !== 'string') return invalid('缺少字段（文件被改动）')
  const anchor: AuditAnchor = { seq: seq as number, hash, hmacFromSeq: hmacFromSeq as number, at }
  const expected = signature(anchorKey, anchor)
  const given = Buffer.from(mac, 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return invalid('签名不符（文件被伪造或改动，或不是用本工作站的密钥写的）')
  }
  return { kind: 'ok', anchor }
}

export function writeAuditAnchor(file: string, anchor: AuditAnchor, anchorKey: Buffer): void {
  const body = { format: FORMAT, ...anchor, mac: signature(anchorKey, anchor).toString('hex') }
  const tmp = writeSyncedTemp(file, Buffer.from(`${JSON.stringify(body, null, 2)}\n`))
  try {
    renameSync(tmp, file)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
  syncFolder(dirname(file))
}

/**
 * Moves the anchor to the chain's head once the rows since the current
 * anchor check out (the whole chain when there is none yet and `ifMissing`
 * is `create`). Runs in one read transaction: one snapshot of the chain.
 */
export function advanceAuditAnchor(db: Db, file: string, keys: AuditKeys, at: string, ifMissing: 'leave' | 'create'): AnchorAdvance {
  const current = readAuditAnchor(file, keys.anchor)
  if (current.kind === 'invalid') return { kind: 'refused', reason: current.reason }
  if (current.kind === 'missing' && ifMissing === 'leave') return { kind: 'missing' }
  return db.transaction((): AnchorAdvance => {
    const hmacFromSeq = auditHmacFromSeq(db)
    if (hmacFromSeq === null) return { kind: 'refused', reason: '审计链尚未以工作站密钥保护（数据库从未由本版本带密钥打开过）' }
    const verdict =
      current.kind === 'ok'
        ? verifyAuditChain(db, { key: keys.chain, anchor: current.anchor, anchoredHmacFromSeq: current.anchor.hmacFromSeq, fromAnchor: true })
        : verifyAuditChain(db, { key: keys.chain })
    if (!verdict.ok) return { kind: 'refused', reason: verdict.reason }
    if (current.kind === 'ok' && verdict.headSeq === current.anchor.seq) return { kind: 'unchanged', anchor: current.anchor }
    const anchor: AuditAnchor = { seq: verdict.headSeq, hash: verdict.headHash, hmacFromSeq, at }
    writeAuditAnchor(file, anchor, keys.anchor)
    return { kind: current.kind === 'ok' ? 'advanced' : 'created', anchor }
  })()
}
