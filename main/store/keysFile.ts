/**
 * The station's master key, carried apart from a backup: sealed with a
 * passphrase (scrypt → AES-256-GCM) in a small JSON file. A backup without
 * its key cannot give back a single ID number, photo or keyed audit row, and
 * a key lying next to the backup in plain would protect nothing; so the key
 * travels separately, readable only with a passphrase kept by a person.
 *
 * Layout: { format, kdf: {name, N, r, p, salt}, cipher, iv, sealed } with
 * the header bound as associated data; `sealed` opens to
 * { masterKey, keyCheck, createdAt }. keyCheck is IdCipher's fingerprint of
 * the key (stored in the database too), so a restore can tell "wrong
 * backup" from "wrong passphrase".
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { existsSync, linkSync, readFileSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../domain/errors'
import { syncFolder, writeSyncedTemp } from './durableFiles'
import { IdCipher } from './idCipher'
import { MASTER_KEY_BYTES } from './keyProviders'

export const KEYS_FILE_FORMAT = 'onewindow-keys/1'
/** Long enough that a passphrase is not a PIN: scrypt slows each guess, it cannot make a short secret long. */
export const MIN_PASSPHRASE_LENGTH = 12

// scrypt at N=2^17, r=8: 128 MiB and a few hundred milliseconds per guess (OWASP's floor is N=2^17).
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 }
// A crafted file must not make the reader allocate gigabytes.
const SCRYPT_LIMITS = { N: 2 ** 20, r: 16, p: 4 }

interface KeysFileHeader {
  format: string
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string }
  cipher: 'aes-256-gcm'
  iv: string
}

interface KeysFileJson extends KeysFileHeader {
  sealed: string
}

interface SealedKeys {
  masterKey: string
  keyCheck: string
  createdAt: string
}

export interface OpenedKeys {
  masterKey: Buffer
  keyCheck: string
  createdAt: string
}

function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('BAD_INPUT', `密钥文件的口令太短（${[...passphrase].length} 个字符）：至少 ${MIN_PASSPHRASE_LENGTH} 个字符`, 'passphrase')
  }
}

function deriveKey(passphrase: string, kdf: KeysFileHeader['kdf']): Buffer {
  const salt = Buffer.from(kdf.salt, 'base64')
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 })
}

function headerBytes(h: KeysFileHeader): Buffer {
  return Buffer.from(JSON.stringify({ format: h.format, kdf: h.kdf, cipher: h.cipher, iv: h.iv }))
}

/** Writes `file` once (never over an existing one), 0600, synced. */
export function writeKeysFile(file: string, masterKey: Buffer, passphrase: string, createdAt: string): void {
  checkPassphrase(passphrase)
  if (masterKey.length !== MASTER_KEY_BYTES) throw new AppError('STORE_ERROR', `主密钥应为 ${MASTER_KEY_BYTES} 字节，实为 ${masterKey.length}`)
  if (existsSync(file)) throw new AppError('CONFLICT', `密钥文件 ${file} 已存在：请换一个文件名，不要覆盖以前的密钥文件`)
  const header: KeysFileHeader = {
    format: KEYS_FILE_FORMAT,
    kdf: { name: 'scrypt', ...SCRYPT, salt: randomBytes(16).toString('base64') },
    cipher: 'aes-256-gcm',
    iv: randomBytes(12).toString('base64'),
  }
  const payload: SealedKeys = { masterKey: masterKey.toString('base64'), keyCheck: new IdCipher(masterKey).keyCheck(), createdAt }
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, header.kdf), Buffer.from(header.iv, 'base64'))
  cipher.setAAD(headerBytes(header))
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()])
  const json: KeysFileJson = { ...header, sealed: body.toString('base64') }
  // Published by a hard link: two runs naming the same file cannot both win, and no half file is ever visible.
  const tmp = writeSyncedTemp(file, Buffer.from(`${JSON.stringify(json, null, 2)}\n`))
  try {
    linkSync(tmp, file)
    syncFolder(dirname(file))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('CONFLICT', `密钥文件 ${file} 已存在：请换一个文件名`)
    throw err
  } finally {
    rmSync(tmp, { force: true })
  }
}

export function readKeysFile(file: string, passphrase: string): OpenedKeys {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `找不到密钥文件 ${file}`)
  const invalid = (why: string): AppError => new AppError('BAD_INPUT', `${file} 不是一窗通的密钥文件：${why}`)
  let json: KeysFileJson
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as KeysFileJson
  } catch {
    throw invalid('不是合法的 JSON')
  }
  if (json.format !== KEYS_FILE_FORMAT) throw invalid(`格式 ${String(json.format)} 无法识别`)
  const kdf = json.kdf
  const within = (v: unknown, max: number): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max
  if (kdf?.name !== 'scrypt' || !within(kdf.N, SCRYPT_LIMITS.N) || !within(kdf.r, SCRYPT_LIMITS.r) || !within(kdf.p, SCRYPT_LIMITS.p) || typeof kdf.salt !== 'string') {
    throw invalid('密钥派生参数缺失或超出范围')
  }
  if (json.cipher !== 'aes-256-gcm' || typeof json.iv !== 'string' || typeof json.sealed !== 'string') throw invalid('缺少加密字段')
  const body = Buffer.from(json.sealed, 'base64')
  let payload: SealedKeys
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, kdf), Buffer.from(json.iv, 'base64'))
    decipher.setAAD(headerBytes(json))
    decipher.setAuthTag(body.subarray(body.length - 16))
    payload = JSON.parse(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8')) as SealedKeys
  } catch {
    throw new AppError('FORBIDDEN', `无法打开密钥文件 ${file}：口令不对，或文件被改动`)
  }
  const masterKey = Buffer.from(payload.masterKey, 'base64')
  if (masterKey.length !== MASTER_KEY_BYTES || new IdCipher(masterKey).keyCheck() !== payload.keyCheck) throw invalid('密钥内容不完整')
  return { masterKey, keyCheck: payload.keyCheck, createdAt: payload.createdAt }
}

/** The passphrase from the environment variable `name` (CI and scripts have no terminal to type it into). */
export function passphraseFromEnv(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') throw new AppError('BAD_INPUT', `环境变量 ${name} 未设置：请把密钥文件的口令放在其中（至少 ${MIN_PASSPHRASE_LENGTH} 个字符）`, 'passphrase')
  checkPassphrase(value)
  return value
}
