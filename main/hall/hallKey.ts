/**
 * The hall key: one AES-256 key for the whole hall, so a case accepted at
 * one station can be found by ID number at another while the hall itself
 * never holds a plaintext ID number. Derived with scrypt from the hall
 * secret every station is given at join, with a salt the hall keeps; the
 * hall keeps only an HMAC of a fixed text under it (`hall_key_check`), so a
 * wrong secret is refused at join instead of sealing unreadable data. Each
 * station keeps the key sealed under its own master key (store_meta
 * `hall_key`), never in its config.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import type { Store } from '../store/store'
import type { HallPool } from './hallDb'
import { HALL_KEY_SALT } from './hallSchema'

export const HALL_KEY_CHECK = 'hall_key_check'
/** store_meta: the hall key, base64 of IdCipher.seal('station_secret', …). */
export const LOCAL_HALL_KEY = 'hall_key'

const FORMAT_VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16
// Bound into every hall ciphertext: a hall-sealed ID cannot pass for anything else sealed with the key.
const AAD = Buffer.from('onewindow hall id_number v1')

export class HallKeyError extends Error {
  readonly code = 'HALL_KEY'
}

/** scrypt N=2^15: a guessed secret costs ~50 ms to try, once per join, not per ID number. */
export function deriveHallKey(secret: string, saltHex: string): Buffer {
  return scryptSync(secret.normalize('NFC'), Buffer.from(saltHex, 'hex'), 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
}

export function hallKeyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('onewindow hall key check v1').digest('hex')
}

/** Seals ID numbers for the hall and opens them at another station: base64 of version | IV | tag | ciphertext. */
export class HallSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new HallKeyError(`大厅密钥应为 32 字节，实为 ${key.length}`)
  }

  seal(text: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(AAD)
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]).toString('base64')
  }

  open(sealed: string): string {
    const blob = Buffer.from(sealed, 'base64')
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== FORMAT_VERSION) throw new HallKeyError(`大厅加密数据格式无法识别（版本 ${blob[0] ?? '无'}）`)
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(1, 1 + IV_BYTES))
      decipher.setAAD(AAD)
      decipher.setAuthTag(blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      throw new HallKeyError('大厅加密数据无法解密：本工作站的大厅密钥与数据不符（大厅密钥已轮换？）')
    }
  }
}

/**
 * The hall key from the secret, checked against the hall: the first station
 * to join records the check, every later one must match it.
 */
export async function establishHallKey(pool: HallPool, secret: string): Promise<Buffer> {
  if (secret.length < 12) throw new HallKeyError('大厅密钥口令太短：至少 12 个字符')
  const salt = await pool.query<{ value: string }>('SELECT value FROM hall_meta WHERE key = $1', [HALL_KEY_SALT])
  const saltHex = salt.rows[0]?.value
  if (!saltHex) throw new HallKeyError('大厅数据库缺少密钥参数（hall_key_salt）：请先运行 hall init')
  const key = deriveHallKey(secret, saltHex)
  const check = hallKeyCheck(key)
  await pool.query('INSERT INTO hall_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [HALL_KEY_CHECK, check])
  const stored = (await pool.query<{ value: string }>('SELECT value FROM hall_meta WHERE key = $1', [HALL_KEY_CHECK])).rows[0]?.value ?? ''
  if (stored.length !== check.length || !timingSafeEqual(Buffer.from(stored), Buffer.from(check))) {
    throw new HallKeyError('大厅密钥口令与大厅登记的不符：请使用本大厅其他工作站加入时的同一口令')
  }
  return key
}

/** Keeps the hall key sealed under this station's master key. */
export function storeHallKeyLocally(store: Store, key: Buffer): void {
  store.meta.set(LOCAL_HALL_KEY, store.cipher.seal('station_secret', key.toString('base64')).toString('base64'))
}

/** The station's hall key, or null when it has not joined a hall. */
export function loadLocalHallKey(store: Store): Buffer | null {
  const sealed = store.meta.get(LOCAL_HALL_KEY)
  return sealed === undefined ? null : Buffer.from(store.cipher.open('station_secret', Buffer.from(sealed, 'base64')), 'base64')
}
