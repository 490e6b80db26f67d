import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { IdCipher } from '../../../main/store/idCipher'
import { StationSecrets } from '../../../main/store/stationSecrets'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-secrets-'))
  dirs.push(dir)
  return dir
}

const key = (byte: number): IdCipher => new IdCipher(Buffer.alloc(32, byte))

describe('station secrets (the key store for the carrier check word)', () => {
  it('gives back what was stored, and the file never holds it in the clear', () => {
    const dir = dataDir()
    const secrets = new StationSecrets(dir, key(1))
    secrets.set('carrier.checkWord', 'fGh7-SecretCheckWord')
    expect(new StationSecrets(dir, key(1)).get('carrier.checkWord')).toBe('fGh7-SecretCheckWord')
    expect(readFileSync(secrets.file, 'utf8')).not.toContain('SecretCheckWord')
    if (process.platform !== 'win32') expect(statSync(secrets.file).mode & 0o077).toBe(0)
  })

  it('cannot be opened with another station key', () => {
    const dir = dataDir()
    new StationSecrets(dir, key(1)).set('carrier.checkWord', 'word')
    expect(() => new StationSecrets(dir, key(2)).get('carrier.checkWord')).toThrow(/解密失败/)
  })

  it('lists, replaces and deletes by name; an unknown name is undefined', () => {
    const secrets = new StationSecrets(dataDir(), key(1))
    expect(secrets.get('nope')).toBeUndefined()
    secrets.set('b', '1')
    secrets.set('a', '2')
    secrets.set('b', '3')
    expect(secrets.refs()).toEqual(['a', 'b'])
    expect(secrets.get('b')).toBe('3')
    expect(secrets.delete('a')).toBe(true)
    expect(secrets.refs()).toEqual(['b'])
  })

  it('refuses a name that could not be written in station.json', () => {
    expect(() => new StationSecrets(dataDir(), key(1)).set('bad name', 'x')).toThrow(/密钥名称 "bad name" 无效/)
  })
})
