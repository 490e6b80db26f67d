/**
 * The station's signing key for the platform: a random Ed25519 seed made
 * once and kept sealed under the station's master key (IdCipher purpose
 * `station_secret`) in store_meta, like the hall key — it travels with the
 * database in a backup and never sits in station.json. Made inside a store
 * transaction (the write lock is taken first), so the app and a CLI starting
 * together end up with one key, not two.
 */
import { randomBytes, type KeyObject } from 'node:crypto'
import type { Store } from '../store/store'
import { defaultKeyId, privateKeyOfSeed, rawPublicKey } from './upstreamSignature'

/** store_meta: base64 of IdCipher.seal('station_secret', base64 seed). */
export const UPSTREAM_SIGNING_KEY = 'upstream_signing_key'

export interface StationSigningKey {
  privateKey: KeyObject
  /** Raw 32 bytes. */
  publicKey: Buffer
  /** The id the platform knows the key by: the config's `stationKeyId`, else `<stationId>-<fingerprint>`. */
  keyId: string
}

function open(store: Store, sealed: string): Buffer {
  return Buffer.from(store.cipher.open('station_secret', Buffer.from(sealed, 'base64')), 'base64')
}

/** The station's key, made on first use. */
export function stationSigningKey(store: Store, stationId: string, configuredKeyId?: string): StationSigningKey {
  const existing = store.meta.get(UPSTREAM_SIGNING_KEY)
  // Read without a write transaction when it exists: a store refusing writes can still sign.
  const seed = existing !== undefined ? open(store, existing) : store.transaction(() => {
    const sealed = store.meta.get(UPSTREAM_SIGNING_KEY)
    if (sealed !== undefined) return open(store, sealed)
    const fresh = randomBytes(32)
    store.meta.set(UPSTREAM_SIGNING_KEY, store.cipher.seal('station_secret', fresh.toString('base64')).toString('base64'))
    return fresh
  })
  const privateKey = privateKeyOfSeed(seed)
  const publicKey = rawPublicKey(privateKey)
  return { privateKey, publicKey, keyId: configuredKeyId ?? defaultKeyId(stationId, publicKey) }
}
