/**
 * What a signed request to the platform signs (docs/upstream.md "Signed
 * requests"), shared by the station and the emulator: the header names and
 * the canonical text — method, path with query, station, key id, timestamp,
 * idempotency key and the body's SHA-256, one per line — and the DER that
 * wraps a raw Ed25519 key. Each side hashes, signs and checks with
 * node:crypto itself (main/upstream/upstreamSignature.ts, the emulator's own
 * check); this file stays pure.
 */

export const SIGNATURE_SCHEME = 'OW1-ED25519'

export const signatureHeaders = {
  station: 'x-ow-station',
  keyId: 'x-ow-key-id',
  timestamp: 'x-ow-timestamp',
  signature: 'x-ow-signature',
  idempotencyKey: 'idempotency-key',
  enrolToken: 'x-ow-enrol-token',
} as const

/** The signed parts of a request but its body: what the headers and the request line carry. */
export interface SignedRequest {
  method: string
  /** Path with its query, as sent (`/api/v1/notices?after=12&limit=100`). */
  path: string
  station: string
  keyId: string
  timestamp: string
  /** Empty for requests that have none (the feed's GET, registration). */
  idempotencyKey: string
}

export interface SignedText extends SignedRequest {
  /** Lowercase hex SHA-256 of the body's bytes (of nothing, for a GET). */
  bodySha256: string
}

export function canonicalText(p: SignedText): string {
  return [SIGNATURE_SCHEME, p.method.toUpperCase(), p.path, p.station, p.keyId, p.timestamp, p.idempotencyKey, p.bodySha256].join('\n')
}

// DER wrappers of a raw Ed25519 key (RFC 8410): node:crypto takes keys as PKCS#8 / SPKI.
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
const SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

/** The PKCS#8 DER of the private key with this 32-byte seed. */
export function ed25519Pkcs8(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new Error(`Ed25519 种子应为 32 字节，实为 ${seed.length}`)
  return Uint8Array.from([...PKCS8_PREFIX, ...seed])
}

/** The SPKI DER of this raw 32-byte public key (what registration sends, base64). */
export function ed25519Spki(raw: Uint8Array): Uint8Array {
  if (raw.length !== 32) throw new Error(`Ed25519 公钥应为 32 字节，实为 ${raw.length}`)
  return Uint8Array.from([...SPKI_PREFIX, ...raw])
}
