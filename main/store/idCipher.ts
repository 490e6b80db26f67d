/**
 * ID numbers at rest: AES-256-GCM with a random IV per value, and a keyed
 * hash (HMAC-SHA256) so the queue can find a person by ID number without
 * decrypting a single row. Both keys are derived from one master key (HKDF),
 * so a lookup hash never reveals anything the cipher key protects.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { AppError } from '../domain/errors'
import { MASTER_KEY_BYTES } from './keyProviders'

const FORMAT_VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

/** Bound into every ciphertext as associated data: a draft blob cannot be passed off as an ID number. */
export type SealPurpose = 'id_number' | 'draft' | 'station_secret'

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'onewindow', info, 32))
}

/** `320302199001011234` and ` 320302 19900101 123x ` are the same person. */
export function normalizeIdForLookup(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase()
}

export class IdCipher {
  private readonly sealKey: Buffer
  private readonly lookupKey: Buffer
  private readonly checkKey: Buffer

  constructor(masterKey: Buffer) {
    if (masterKey.length !== MASTER_KEY_BYTES) throw new AppError('STORE_ERROR', `主密钥应为 ${MASTER_KEY_BYTES} 字节，实为 ${masterKey.length}`)
    this.sealKey = derive(masterKey, 'seal/aes-256-gcm/v1')
    this.lookupKey = derive(masterKey, 'id-number/lookup/hmac-sha256/v1')
    this.checkKey = derive(masterKey, 'key-check/v1')
  }

  /** A fingerprint of the key (reveals nothing of it): stored once, compared at every start. */
  keyCheck(): string {
    return createHmac('sha256', this.checkKey).update('onewindow key check').digest('hex').slice(0, 32)
  }

  /** Layout: version (1) | IV (12) | tag (16) | ciphertext. */
  seal(purpose: SealPurpose, text: string): Buffer {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv)
    cipher.setAAD(Buffer.from(purpose))
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body])
  }

  open(purpose: SealPurpose, blob: Buffer): string {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== FORMAT_VERSION) {
      throw new AppError('STORE_ERROR', `加密数据格式无法识别（版本 ${blob[0] ?? '无'}），数据可能已损坏`)
    }
    const iv = blob.subarray(1, 1 + IV_BYTES)
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
    const body = blob.subarray(1 + IV_BYTES + TAG_BYTES)
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv)
      decipher.setAAD(Buffer.from(purpose))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    } catch {
      throw new AppError('STORE_ERROR', '解密失败：密钥与数据库不匹配（数据目录中的密钥文件被替换？）或数据已被改动')
    }
  }

  encryptId(idNumber: string): Buffer {
    return this.seal('id_number', normalizeIdForLookup(idNumber))
  }

  decryptId(blob: Buffer): string {
    return this.open('id_number', blob)
  }

  /** Deterministic per key: equal ID numbers give equal hashes, so an index can find them. */
  lookupHash(idNumber: string): Buffer {
    return createHmac('sha256', this.lookupKey).update(normalizeIdForLookup(idNumber)).digest()
  }
}
