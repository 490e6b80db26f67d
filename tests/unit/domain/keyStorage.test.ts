import { describe, expect, it } from 'vitest'
import { planKeyStorage, type KeyStorageFacts } from '../../../main/domain/keyStorage'

const fresh = { sealedKeyExists: false, keyFileExists: false }
const linux = (linuxBackend: string, more: Partial<KeyStorageFacts> = {}): KeyStorageFacts => ({ platform: 'linux', encryptionAvailable: true, linuxBackend, ...fresh, ...more })

describe('where the desktop keeps its master key', () => {
  it('seals it with the OS keychain on Windows, macOS and a Linux desktop with a keyring', () => {
    expect(planKeyStorage({ platform: 'win32', encryptionAvailable: true, ...fresh })).toEqual({ storage: { where: 'keychain', reason: 'keychain', backend: 'DPAPI' }, moveSealedKeyToFile: false })
    expect(planKeyStorage({ platform: 'darwin', encryptionAvailable: true, ...fresh }).storage).toEqual({ where: 'keychain', reason: 'keychain', backend: 'macOS Keychain' })
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(planKeyStorage(linux(backend)).storage).toEqual({ where: 'keychain', reason: 'keychain', backend })
    }
  })

  it('treats basic_text as no keychain: safeStorage says encryption is available, but its password is fixed', () => {
    expect(planKeyStorage(linux('basic_text'))).toEqual({ storage: { where: 'keyFile', reason: 'basic_text', backend: 'basic_text' }, moveSealedKeyToFile: false })
  })

  it('uses the key file where safeStorage is unavailable or names no keyring it knows', () => {
    expect(planKeyStorage(linux('gnome_libsecret', { encryptionAvailable: false })).storage).toEqual({ where: 'keyFile', reason: 'no_keychain', backend: 'gnome_libsecret' })
    expect(planKeyStorage(linux('unknown')).storage).toEqual({ where: 'keyFile', reason: 'no_keychain', backend: 'unknown' })
    expect(planKeyStorage({ platform: 'linux', encryptionAvailable: true, ...fresh }).storage).toEqual({ where: 'keyFile', reason: 'no_keychain', backend: 'unknown' })
    expect(planKeyStorage({ platform: 'win32', encryptionAvailable: false, ...fresh }).storage).toEqual({ where: 'keyFile', reason: 'no_keychain', backend: 'DPAPI' })
    expect(planKeyStorage({ platform: 'freebsd', encryptionAvailable: true, ...fresh }).storage).toEqual({ where: 'keyFile', reason: 'no_keychain', backend: null })
  })

  it('moves a key sealed under basic_text (or with no keychain now) into the key file, once', () => {
    expect(planKeyStorage(linux('basic_text', { sealedKeyExists: true }))).toEqual({ storage: { where: 'keyFile', reason: 'basic_text', backend: 'basic_text' }, moveSealedKeyToFile: true })
    expect(planKeyStorage(linux('unknown', { sealedKeyExists: true })).moveSealedKeyToFile).toBe(true)
    // A move cut short leaves both files: the next start finishes it.
    expect(planKeyStorage(linux('basic_text', { sealedKeyExists: true, keyFileExists: true })).moveSealedKeyToFile).toBe(true)
    // Moved already: only the key file is left.
    expect(planKeyStorage(linux('basic_text', { keyFileExists: true })).moveSealedKeyToFile).toBe(false)
  })

  it('keeps a sealed key sealed where the keychain is real', () => {
    expect(planKeyStorage(linux('gnome_libsecret', { sealedKeyExists: true }))).toEqual({ storage: { where: 'keychain', reason: 'keychain', backend: 'gnome_libsecret' }, moveSealedKeyToFile: false })
    expect(planKeyStorage({ platform: 'win32', encryptionAvailable: true, sealedKeyExists: true, keyFileExists: true }).storage.where).toBe('keychain')
  })

  it('keeps a key already in the key file there when a keychain appears later (a new sealed key would strand every stored ID number)', () => {
    expect(planKeyStorage(linux('gnome_libsecret', { keyFileExists: true }))).toEqual({ storage: { where: 'keyFile', reason: 'kept_key_file', backend: 'gnome_libsecret' }, moveSealedKeyToFile: false })
  })
})
