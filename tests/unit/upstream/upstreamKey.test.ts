/**
 * The station's signing key: made once, the same on every start (the
 * platform holds its public half), and kept sealed under the station's
 * master key — the database alone does not give it away.
 */
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { openStore } from '../../../main/store/store'
import { stationSigningKey, UPSTREAM_SIGNING_KEY } from '../../../main/upstream/upstreamKey'
import { tempDataDir } from '../../fixtures/caseWorld'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const open = (dataDir: string) => openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })

describe('the station signing key', () => {
  it('is made once and is the same key after the station restarts', () => {
    const dataDir = tempDataDir('onewindow-upstream-key-')
    dirs.push(dataDir)
    const first = open(dataDir)
    const made = stationSigningKey(first, '001')
    const again = stationSigningKey(first, '001')
    const sealed = first.meta.get(UPSTREAM_SIGNING_KEY)!
    first.close()
    const reopened = open(dataDir)
    try {
      expect(again.publicKey.equals(made.publicKey)).toBe(true)
      expect(stationSigningKey(reopened, '001').publicKey.equals(made.publicKey)).toBe(true)
      expect(made.keyId).toMatch(/^001-[0-9a-f]{16}$/)
      expect(stationSigningKey(reopened, '001', 'PLATFORM-K7').keyId).toBe('PLATFORM-K7')
      // Sealed: what the database holds opens only with this station's master key.
      const seed = made.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32)
      expect(sealed).not.toContain(seed.toString('base64'))
      expect(Buffer.from(reopened.cipher.open('station_secret', Buffer.from(sealed, 'base64')), 'base64').equals(seed)).toBe(true)
    } finally {
      reopened.close()
    }
  })

  it('differs between two stations', () => {
    const a = tempDataDir('onewindow-upstream-key-')
    const b = tempDataDir('onewindow-upstream-key-')
    dirs.push(a, b)
    const sa = open(a)
    const sb = open(b)
    try {
      expect(stationSigningKey(sa, '001').publicKey.equals(stationSigningKey(sb, '001').publicKey)).toBe(false)
    } finally {
      sa.close()
      sb.close()
    }
  })
})
