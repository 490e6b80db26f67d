/**
 * Where the master key for ID-number encryption comes from. The desktop seals
 * it with the OS keychain (Electron safeStorage, wired in main/index.ts as a
 * KeySealer); the station host keeps it in a 0600 file in the data directory,
 * and so does a desktop with no real keychain (main/domain/keyStorage.ts).
 * Either way the key is made once, on first start, and never changes: losing
 * it makes every stored ID number unreadable.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, linkSync, readFileSync, statSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../domain/errors'
import type { KeyStoragePlan } from '../domain/keyStorage'
import { syncFolder, writeSyncedTemp } from './durableFiles'

export const MASTER_KEY_BYTES = 32

export interface KeyProvider {
  /** The 32-byte master key; the same bytes on every start. */
  masterKey(): Buffer
  /** Where the key lives, for error messages and `system` diagnostics (never the key itself). */
  readonly description: string
}

/** Seals bytes with something only this OS user can open (Electron `safeStorage` on the desktop). */
export interface KeySealer {
  seal(plain: Buffer): Buffer
  unseal(sealed: Buffer): Buffer
  readonly name: string
}

export const KEY_FILE_NAME = 'idcipher.key'
export const SEALED_KEY_FILE_NAME = 'idcipher.key.sealed'

/**
 * Writes a new file exactly once, even when two processes (the app and a CLI
 * import) start together: the bytes go to a private synced temp file first,
 * then a hard link publishes it atomically (the loser reads the winner's key),
 * and the folder is synced so the key's name survives a power cut — losing it
 * would make every stored ID number unreadable.
 */
function publishOnce(file: string, content: Buffer): void {
  const tmp = writeSyncedTemp(file, content)
  try {
    linkSync(tmp, file)
    syncFolder(dirname(file))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  } finally {
    unlinkSync(tmp)
  }
}

function decodeKey(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== MASTER_KEY_BYTES) {
    throw new AppError('STORE_ERROR', `密钥文件 ${file} 内容无效（应为 ${MASTER_KEY_BYTES} 字节的 base64），请从备份恢复该文件`)
  }
  return key
}

/** The station host's key: a base64 file readable by this user only. */
export class FileKeyProvider implements KeyProvider {
  readonly description: string
  private readonly file: string
  private cached: Buffer | undefined

  constructor(dataDir: string) {
    this.file = join(dataDir, KEY_FILE_NAME)
    this.description = `密钥文件 ${this.file}`
  }

  masterKey(): Buffer {
    if (this.cached) return this.cached
    if (!existsSync(this.file)) publishOnce(this.file, Buffer.from(`${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`))
    this.refuseIfReadableByOthers()
    this.cached = decodeKey(readFileSync(this.file, 'utf8'), this.file)
    return this.cached
  }

  private refuseIfReadableByOthers(): void {
    // Windows has no POSIX modes; its ACLs follow the user profile folder the data lives in.
    if (process.platform === 'win32') return
    const mode = statSync(this.file).mode & 0o777
    if ((mode & 0o077) !== 0) {
      throw new AppError(
        'STORE_ERROR',
        `密钥文件 ${this.file} 的权限为 ${mode.toString(8).padStart(3, '0')}，其他用户可读：请执行 chmod 600 ${this.file} 后重新启动`,
      )
    }
  }
}

/** The desktop's key: random bytes sealed by the OS keychain, the sealed blob kept in the data directory. */
export class SealedFileKeyProvider implements KeyProvider {
  readonly description: string
  private readonly file: string
  private cached: Buffer | undefined

  constructor(
    dataDir: string,
    private readonly sealer: KeySealer,
  ) {
    this.file = join(dataDir, SEALED_KEY_FILE_NAME)
    this.description = `${sealer.name} 保护的密钥 ${this.file}`
  }

  masterKey(): Buffer {
    if (this.cached) return this.cached
    if (!existsSync(this.file)) publishOnce(this.file, this.sealer.seal(randomBytes(MASTER_KEY_BYTES)))
    let key: Buffer
    try {
      key = this.sealer.unseal(readFileSync(this.file))
    } catch (err) {
      throw new AppError(
        'STORE_ERROR',
        `无法用 ${this.sealer.name} 解开密钥 ${this.file}（换了系统用户或系统钥匙串被重置？）：${err instanceof Error ? err.message : String(err)}`,
      )
    }
    if (key.length !== MASTER_KEY_BYTES) throw new AppError('STORE_ERROR', `密钥 ${this.file} 解开后长度为 ${key.length} 字节，应为 ${MASTER_KEY_BYTES}`)
    this.cached = key
    return key
  }
}

/**
 * Moves a sealed key into the key file, once: for a desktop whose key was
 * sealed under safeStorage's basic_text fallback (a fixed password, no
 * protection) or that has no keychain now. The same 32 bytes end up in the
 * 0600 key file, so everything stored under them stays readable; the sealed
 * copy goes only once the file holds exactly that key (a crash in between
 * leaves both, and the next start finishes the move).
 */
export function moveSealedKeyToFile(dataDir: string, sealer: KeySealer): void {
  const sealedFile = join(dataDir, SEALED_KEY_FILE_NAME)
  if (!existsSync(sealedFile)) return
  let key: Buffer
  try {
    key = new SealedFileKeyProvider(dataDir, sealer).masterKey()
  } catch (err) {
    throw new AppError(
      'STORE_ERROR',
      `本机此次没有可用的系统钥匙串，需把密钥 ${sealedFile} 移入密钥文件，但解不开它：${err instanceof Error ? err.message : String(err)}。若它是在系统钥匙串下密封的，请先启动钥匙串服务（gnome-keyring 或 KWallet）再打开本程序`,
    )
  }
  const keyFile = join(dataDir, KEY_FILE_NAME)
  publishOnce(keyFile, Buffer.from(`${key.toString('base64')}\n`))
  if (!new FileKeyProvider(dataDir).masterKey().equals(key)) {
    throw new AppError(
      'STORE_ERROR',
      `数据目录里有两把不同的密钥：${sealedFile}（由 ${sealer.name} 密封）与 ${keyFile}。无法判断哪一把加密了已存的身份证号，未作任何改动：请运维核对后移走错误的那一把`,
    )
  }
  unlinkSync(sealedFile)
  syncFolder(dataDir)
}

/** The desktop's key provider for this start's plan (main/domain/keyStorage.ts): the sealed key moved to the file first where the plan says so. */
export function openKeyProvider(dataDir: string, plan: KeyStoragePlan, sealer: KeySealer): KeyProvider {
  if (plan.moveSealedKeyToFile) moveSealedKeyToFile(dataDir, sealer)
  return plan.storage.where === 'keychain' ? new SealedFileKeyProvider(dataDir, sealer) : new FileKeyProvider(dataDir)
}
