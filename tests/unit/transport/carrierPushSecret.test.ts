import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { carrierPushSecretPath, loadCarrierPushSecret } from '../../../main/transport/carrierPushSecret'
import { loadStationToken } from '../../../main/transport/stationToken'

let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

describe('the carrier push secret', () => {
  it('is made once, kept private in the data directory, and is not the station token', () => {
    dir = mkdtempSync(join(tmpdir(), 'onewindow-push-secret-'))
    const first = loadCarrierPushSecret(dir)
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(loadCarrierPushSecret(dir)).toBe(first)
    expect(statSync(carrierPushSecretPath(dir)).mode & 0o777).toBe(0o600)
    expect(loadStationToken(dir)).not.toBe(first)
  })

  it('tightens a loose mode and refuses a file that holds no secret', () => {
    dir = mkdtempSync(join(tmpdir(), 'onewindow-push-secret-'))
    const secret = loadCarrierPushSecret(dir)
    chmodSync(carrierPushSecretPath(dir), 0o644)
    expect(loadCarrierPushSecret(dir)).toBe(secret)
    expect(statSync(carrierPushSecretPath(dir)).mode & 0o777).toBe(0o600)
    writeFileSync(carrierPushSecretPath(dir), 'short\n')
    expect(() => loadCarrierPushSecret(dir!)).toThrow(/推送密钥文件.*内容无效/)
  })
})
