/**
 * Where the station's master key (it encrypts ID numbers, photos and the
 * audit chain's keys) is kept, and why. The desktop seals it with the OS
 * keychain through Electron's safeStorage — but on Linux without a keyring
 * (UOS / Kylin without gnome-keyring or KWallet) safeStorage reports the
 * `basic_text` backend and "encrypts" with a password fixed in Chromium's
 * source, which protects nothing. There, and where safeStorage is not
 * available at all, the key lives in the 0600 key file like the station
 * host's, and the 设备 screen says so. Pure: main/index.ts asks Electron the
 * facts, main/store/keyProviders.ts acts on the plan.
 */

export const keyStorageReasons = [
  /** Sealed by the OS keychain (DPAPI, macOS Keychain, libsecret, KWallet). */
  'keychain',
  /** The station host (browser kiosk): plain Node, no keychain to ask. */
  'station_host',
  /** Linux safeStorage fell back to basic_text (no keyring): its fixed password is no protection. */
  'basic_text',
  /** safeStorage is unavailable, or names no keychain we know. */
  'no_keychain',
  /** A keychain is here now, but the key was made in the key file before it was: the data is encrypted under that key. */
  'kept_key_file',
] as const
export type KeyStorageReason = (typeof keyStorageReasons)[number]

export interface KeyStorage {
  where: 'keychain' | 'keyFile'
  reason: KeyStorageReason
  /** safeStorage's backend (`gnome_libsecret`, `basic_text`, `DPAPI`…); null on the station host. */
  backend: string | null
}

export interface KeyStorageFacts {
  /** `process.platform`. */
  platform: string
  /** `safeStorage.isEncryptionAvailable()`. */
  encryptionAvailable: boolean
  /** Linux only: `safeStorage.getSelectedStorageBackend()`. */
  linuxBackend?: string
  /** The sealed key file (idcipher.key.sealed) is in the data directory. */
  sealedKeyExists: boolean
  /** The plain key file (idcipher.key) is in the data directory. */
  keyFileExists: boolean
}

export interface KeyStoragePlan {
  storage: KeyStorage
  /**
   * A key sealed where there is no keychain (or only basic_text): unseal it
   * once, write it to the key file, then drop the sealed copy — the same key,
   * so every stored ID number stays readable.
   */
  moveSealedKeyToFile: boolean
}

/** The keyrings safeStorage names on Linux that hold a real secret; anything else (basic_text, unknown) is none. */
const LINUX_KEYCHAINS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])

const OTHER_KEYCHAINS: Readonly<Record<string, string>> = { win32: 'DPAPI', darwin: 'macOS Keychain' }

/** The keychain safeStorage would seal with, or why there is none. */
function keychainOf(facts: KeyStorageFacts): { backend: string; usable: true } | { backend: string | null; usable: false; reason: 'basic_text' | 'no_keychain' } {
  if (facts.platform === 'linux') {
    const backend = facts.linuxBackend ?? 'unknown'
    if (backend === 'basic_text') return { backend, usable: false, reason: 'basic_text' }
    if (!facts.encryptionAvailable || !LINUX_KEYCHAINS.has(backend)) return { backend, usable: false, reason: 'no_keychain' }
    return { backend, usable: true }
  }
  const backend = OTHER_KEYCHAINS[facts.platform] ?? null
  if (!facts.encryptionAvailable || backend === null) return { backend, usable: false, reason: 'no_keychain' }
  return { backend, usable: true }
}

/** Where the desktop keeps its key this start, and whether a sealed key moves to the key file first. */
export function planKeyStorage(facts: KeyStorageFacts): KeyStoragePlan {
  const keychain = keychainOf(facts)
  if (keychain.usable) {
    // A key already in the key file stays there: sealing a fresh one would strand every ID number stored under it.
    if (facts.keyFileExists && !facts.sealedKeyExists) return { storage: { where: 'keyFile', reason: 'kept_key_file', backend: keychain.backend }, moveSealedKeyToFile: false }
    return { storage: { where: 'keychain', reason: 'keychain', backend: keychain.backend }, moveSealedKeyToFile: false }
  }
  return { storage: { where: 'keyFile', reason: keychain.reason, backend: keychain.backend }, moveSealedKeyToFile: facts.sealedKeyExists }
}

/** The station host's: always the key file. */
export const STATION_HOST_KEY_STORAGE: KeyStorage = { where: 'keyFile', reason: 'station_host', backend: null }
