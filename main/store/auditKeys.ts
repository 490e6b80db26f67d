/**
 * The audit trail's keys, derived (HKDF) from the station's master key — the
 * one that protects ID numbers, kept apart from the database (a 0600 file or
 * the OS keychain). Each has its own label, so a chain MAC, an anchor
 * signature and an ID-number lookup hash never stand in for one another, and
 * none reveals the master key or the others.
 */
import { hkdfSync } from 'node:crypto'
import { AppError } from '../domain/errors'
import { MASTER_KEY_BYTES } from './keyProviders'

export interface AuditKeys {
  /** Keys every audit row's HMAC from the switch on (auditChain.ts). */
  readonly chain: Buffer
  /** Signs the anchor file beside the database (auditAnchor.ts). */
  readonly anchor: Buffer
}

export function auditKeysOf(masterKey: Buffer): AuditKeys {
  if (masterKey.length !== MASTER_KEY_BYTES) throw new AppError('STORE_ERROR', `主密钥应为 ${MASTER_KEY_BYTES} 字节，实为 ${masterKey.length}`)
  // Salt as in idCipher.ts: one derivation scheme for every key of the station.
  const derive = (info: string): Buffer => Buffer.from(hkdfSync('sha256', masterKey, 'onewindow', info, 32))
  return { chain: derive('audit-chain/hmac-sha256/v1'), anchor: derive('audit-anchor/hmac-sha256/v1') }
}
