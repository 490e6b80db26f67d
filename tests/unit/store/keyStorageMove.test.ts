import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { planKeyStorage } from '../../../main/domain/keyStorage'
import { IdCipher } from '../../../main/store/idCipher'
import { KEY_FILE_NAME, SEALED_KEY_FILE_NAME, SealedFileKeyProvider, openKeyProvider, type KeySealer } from '../../../main/store/keyProviders'
import { openStore } from '../../../main/store/store'
import { PERSON_ID, tempDataDir } from '../../fixtures/caseWorld'

// What basic_text amounts to: a seal anyone can open (a fixed password); here a reversible mask.
const mask = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a))
const basicText: KeySealer = { name: 'Electron safeStorage（basic_text）', seal: (plain) => Buffer.concat([Buffer.from('v10'), mask(plain)]), unseal: (sealed) => mask(sealed.subarray(3)) }
const noKeyring: KeySealer = { ...basicText, unseal: () => { throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.') } }

const basicTextPlan = (dir: string) =>
  planKeyStorage({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text', sealedKeyExists: existsSync(join(dir, SEALED_KEY_FILE_NAME)), keyFileExists: existsSync(join(dir, KEY_FILE_NAME)) })

let dir: string
beforeEach(() => {
  dir = tempDataDir('onewindow-keymove-')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('a desktop whose key was sealed under basic_text', () => {
  it('moves the same key into a 0600 key file and drops the sealed copy, so stored ID numbers stay readable', () => {
    // Before: the desktop sealed its key under basic_text and stored an ID number with it.
    openStore({ dataDir: dir, keyProvider: new SealedFileKeyProvider(dir, basicText) }).close()
    const sealedKey = new SealedFileKeyProvider(dir, basicText).masterKey()
    const stored = new IdCipher(sealedKey).encryptId(PERSON_ID)

    const provider = openKeyProvider(dir, basicTextPlan(dir), basicText)

    expect(existsSync(join(dir, SEALED_KEY_FILE_NAME))).toBe(false)
    expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600)
    expect(provider.masterKey().equals(sealedKey)).toBe(true)
    expect(new IdCipher(provider.masterKey()).decryptId(stored)).toBe(PERSON_ID)
    // The database opens with it: the same key its check row was written with.
    openStore({ dataDir: dir, keyProvider: provider }).close()
  })

  it('moves it once: the next start reads the key file and has nothing to move', () => {
    new SealedFileKeyProvider(dir, basicText).masterKey()
    const first = openKeyProvider(dir, basicTextPlan(dir), basicText).masterKey()
    const plan = basicTextPlan(dir)
    expect(plan.moveSealedKeyToFile).toBe(false)
    expect(openKeyProvider(dir, plan, basicText).masterKey().equals(first)).toBe(true)
  })

  it('finishes a move cut short after the key file was written', () => {
    const key = new SealedFileKeyProvider(dir, basicText).masterKey()
    writeFileSync(join(dir, KEY_FILE_NAME), `${key.toString('base64')}\n`, { mode: 0o600 })
    const provider = openKeyProvider(dir, basicTextPlan(dir), basicText)
    expect(provider.masterKey().equals(key)).toBe(true)
    expect(existsSync(join(dir, SEALED_KEY_FILE_NAME))).toBe(false)
  })

  it('changes nothing when the key file holds another key than the sealed one', () => {
    new SealedFileKeyProvider(dir, basicText).masterKey()
    writeFileSync(join(dir, KEY_FILE_NAME), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
    const before = readFileSync(join(dir, KEY_FILE_NAME), 'utf8')
    expect(() => openKeyProvider(dir, basicTextPlan(dir), basicText)).toThrow(/两把不同的密钥/)
    expect(existsSync(join(dir, SEALED_KEY_FILE_NAME))).toBe(true)
    expect(readFileSync(join(dir, KEY_FILE_NAME), 'utf8')).toBe(before)
  })

  it('keeps the sealed key and says why when it cannot be opened without the keyring it was sealed under', () => {
    new SealedFileKeyProvider(dir, basicText).masterKey()
    expect(() => openKeyProvider(dir, basicTextPlan(dir), noKeyring)).toThrow(/请先启动钥匙串服务/)
    expect(existsSync(join(dir, SEALED_KEY_FILE_NAME))).toBe(true)
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(false)
  })

  it('makes a new station on basic_text a key file, never a sealed one', () => {
    const provider = openKeyProvider(dir, basicTextPlan(dir), basicText)
    provider.masterKey()
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(true)
    expect(existsSync(join(dir, SEALED_KEY_FILE_NAME))).toBe(false)
  })
})
