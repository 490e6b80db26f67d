/**
 * The station's key store for secrets other than the master key — the
 * carrier's check word first. Each value is sealed with the master key
 * (AES-256-GCM via IdCipher, its own purpose) in a 0600 file in the data
 * directory, so the config names a secret and never holds it, a backup of the
 * config leaks nothing, and the value is unreadable without this station's key.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../domain/errors'
import { syncFolder, writeSyncedTemp } from './durableFiles'
import type { IdCipher } from './idCipher'

export const SECRETS_FILE_NAME = 'secrets.json'

const REF_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

interface SecretsFile {
  version: 1
  /** ref → base64 of the sealed value. */
  secrets: Record<string, string>
}

/** Reads a secret by name; what the carrier factory needs, and all a test double must provide. */
export interface SecretSource {
  get(ref: string): string | undefined
}

export class StationSecrets implements SecretSource {
  readonly file: string

  constructor(
    dataDir: string,
    private readonly cipher: IdCipher,
  ) {
    this.file = join(dataDir, SECRETS_FILE_NAME)
  }

  get(ref: string): string | undefined {
    const sealed = this.read().secrets[ref]
    return sealed === undefined ? undefined : this.cipher.open('station_secret', Buffer.from(sealed, 'base64'))
  }

  refs(): string[] {
    return Object.keys(this.read().secrets).sort()
  }

  set(ref: string, value: string): void {
    if (!REF_SHAPE.test(ref)) throw new AppError('BAD_INPUT', `密钥名称 "${ref}" 无效：应为 1–64 位字母、数字、点、下划线或连字符`, 'ref')
    if (!value) throw new AppError('BAD_INPUT', `密钥 ${ref} 的值不能为空`, 'value')
    const content = this.read()
    content.secrets[ref] = this.cipher.seal('station_secret', value).toString('base64')
    this.write(content)
  }

  delete(ref: string): boolean {
    const content = this.read()
    if (!(ref in content.secrets)) return false
    delete content.secrets[ref]
    this.write(content)
    return true
  }

  private read(): SecretsFile {
    if (!existsSync(this.file)) return { version: 1, secrets: {} }
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SecretsFile>
      if (parsed.version !== 1 || !parsed.secrets || typeof parsed.secrets !== 'object') throw new Error('unknown layout')
      return { version: 1, secrets: { ...parsed.secrets } }
    } catch (err) {
      throw new AppError('STORE_ERROR', `密钥库 ${this.file} 无法读取（${err instanceof Error ? err.message : String(err)}）：请从备份恢复该文件`)
    }
  }

  // Temp file, fsync, rename, folder fsync: a power cut leaves the old file or the new, never half.
  private write(content: SecretsFile): void {
    const tmp = writeSyncedTemp(this.file, Buffer.from(`${JSON.stringify(content, null, 2)}\n`))
    renameSync(tmp, this.file)
    syncFolder(dirname(this.file))
  }
}
