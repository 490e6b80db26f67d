import { randomBytes } from 'node:crypto'
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IdCipher } from '../../../main/store/idCipher'
import { FileKeyProvider, KEY_FILE_NAME, SealedFileKeyProvider, type KeySealer } from '../../../main/store/keyProviders'
import { openStore } from '../../../main/store/store'
import { PERSON_ID, tempDataDir } from '../../fixtures/caseWorld'

let dir: string
beforeEach(() => {
  dir = tempDataDir('onewindow-cipher-')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('ID numbers at rest', () => {
  const cipher = new IdCipher(randomBytes(32))

  it('decrypts what it encrypted, with a fresh IV every time', () => {
    const a = cipher.encryptId(PERSON_ID)
    const b = cipher.encryptId(PERSON_ID)
    expect(a.equals(b)).toBe(false)
    expect(a.includes(Buffer.from(PERSON_ID))).toBe(false)
    expect(cipher.decryptId(a)).toBe(PERSON_ID)
  })

  it('gives the same lookup hash for the same number however it was typed, and another for another number', () => {
    const typed = ` ${PERSON_ID.slice(0, 6)} ${PERSON_ID.slice(6).toLowerCase()} `
    expect(cipher.lookupHash(typed).equals(cipher.lookupHash(PERSON_ID))).toBe(true)
    expect(cipher.lookupHash('11010519491231002X').equals(cipher.lookupHash(PERSON_ID))).toBe(false)
  })

  it('refuses a ciphertext that was altered, made with another key, or sealed for another purpose', () => {
    const blob = cipher.encryptId(PERSON_ID)
    const altered = Buffer.from(blob)
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 1
    expect(() => cipher.decryptId(altered)).toThrow(/解密失败/)
    expect(() => new IdCipher(randomBytes(32)).decryptId(blob)).toThrow(/密钥与数据库不匹配/)
    expect(() => cipher.open('draft', blob)).toThrow(/解密失败/)
  })
})

describe('key providers', () => {
  it('creates the station key file once, readable by its owner only, and reads the same key back', () => {
    const first = new FileKeyProvider(dir).masterKey()
    const file = join(dir, KEY_FILE_NAME)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(new FileKeyProvider(dir).masterKey().equals(first)).toBe(true)
    expect(first).toHaveLength(32)
  })

  it.skipIf(process.platform === 'win32')('refuses a key file other users can read, saying how to fix it', () => {
    new FileKeyProvider(dir).masterKey()
    chmodSync(join(dir, KEY_FILE_NAME), 0o644)
    expect(() => new FileKeyProvider(dir).masterKey()).toThrow(/chmod 600/)
  })

  it('refuses a key file that does not hold a key', () => {
    writeFileSync(join(dir, KEY_FILE_NAME), 'not a key\n', { mode: 0o600 })
    expect(() => new FileKeyProvider(dir).masterKey()).toThrow(/内容无效/)
  })

  it('keeps the desktop key sealed on disk and unseals the same key on the next start', () => {
    const mask = randomBytes(32)
    const xor = (b: Buffer): Buffer => Buffer.from(b.map((v, i) => v ^ mask[i % 32]!))
    const sealer: KeySealer = { name: 'test-keychain', seal: (plain) => Buffer.concat([Buffer.from('SEALED:'), xor(plain)]), unseal: (sealed) => xor(sealed.subarray(7)) }
    const key = new SealedFileKeyProvider(dir, sealer).masterKey()
    const onDisk = readFileSync(join(dir, 'idcipher.key.sealed'))
    expect(onDisk.subarray(0, 7).toString()).toBe('SEALED:')
    expect(onDisk.includes(key)).toBe(false)
    expect(new SealedFileKeyProvider(dir, sealer).masterKey().equals(key)).toBe(true)
  })

  it('refuses to open a database with a key other than the one its ID numbers were encrypted with', () => {
    openStore({ dataDir: dir, keyProvider: new FileKeyProvider(dir) }).close()
    const otherKey = { description: '另一把密钥', masterKey: () => Buffer.alloc(32, 7) }
    expect(() => openStore({ dataDir: dir, keyProvider: otherKey })).toThrow(/另一把密钥加密/)
  })
})
