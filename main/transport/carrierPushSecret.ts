/**
 * The secret a carrier's route push must carry to reach the station host
 * (`/carrier/push`): not the renderer's token — whoever holds that drives
 * the counter, and the carrier must not. Kept in the data directory like the
 * station token (mode 0600, made on first start, two starts agreeing on the
 * one that landed first), so the push URL configured at the carrier survives
 * a restart.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const CARRIER_PUSH_SECRET_FILE = 'carrier-push-secret'
/** The header a carrier that can send one puts the secret in; one that takes only a URL uses `/carrier/push/<secret>`. */
export const CARRIER_PUSH_HEADER = 'x-onewindow-push-secret'

const SECRET_PATTERN = /^[A-Za-z0-9_-]{32,128}$/

export function carrierPushSecretPath(dataDir: string): string {
  return join(dataDir, CARRIER_PUSH_SECRET_FILE)
}

function readSecret(file: string): string {
  const secret = readFileSync(file, 'utf8').trim()
  if (!SECRET_PATTERN.test(secret)) throw new Error(`承运商推送密钥文件 ${file} 内容无效：删除该文件后重启工作站会重新生成（承运商处的推送地址须随之更新）`)
  return secret
}

/** The kept secret; on first start a new one. */
export function loadCarrierPushSecret(dataDir: string): string {
  const file = carrierPushSecretPath(dataDir)
  let secret: string
  try {
    secret = readSecret(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === undefined) throw err
    if (code !== 'ENOENT') throw new Error(`读不到承运商推送密钥文件 ${file}：${(err as Error).message}`, { cause: err })
    mkdirSync(dataDir, { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    rmSync(temp, { force: true })
    // Written whole, private, before it gets its name: a reader never sees half a secret or a readable mode.
    writeFileSync(temp, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
    try {
      linkSync(temp, file)
    } catch (linkErr) {
      if ((linkErr as NodeJS.ErrnoException).code !== 'EEXIST') throw linkErr
    } finally {
      rmSync(temp, { force: true })
    }
    secret = readSecret(file)
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  return secret
}
