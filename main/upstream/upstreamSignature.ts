/**
 * Request signing at the station (docs/upstream.md "Signed requests"):
 * Ed25519 over the canonical text of the request (main/domain/upstream/
 * upstreamSigning.ts), so the platform knows which station sent an event and
 * that nothing in it changed on the way.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { canonicalText, ed25519Pkcs8, ed25519Spki, signatureHeaders, type SignedRequest } from '../domain/upstream/upstreamSigning'

export { signatureHeaders }

export interface SignedParts extends SignedRequest {
  body: Buffer
}

export function textToSign(p: SignedParts): string {
  const { body, ...rest } = p
  return canonicalText({ ...rest, bodySha256: createHash('sha256').update(body).digest('hex') })
}

/** The station's private key from its 32-byte seed. */
export function privateKeyOfSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.from(ed25519Pkcs8(seed)), format: 'der', type: 'pkcs8' })
}

/** The raw 32-byte public key (what registration sends, base64). */
export function rawPublicKey(key: KeyObject): Buffer {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' })
  return Buffer.from(spki.subarray(spki.length - 32))
}

export function publicKeyOfRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.from(ed25519Spki(raw)), format: 'der', type: 'spki' })
}

/** The key id a station uses when its config names none: its id and the key's fingerprint. */
export function defaultKeyId(stationId: string, rawPublic: Buffer): string {
  return `${stationId}-${createHash('sha256').update(rawPublic).digest('hex').slice(0, 16)}`
}

export function signRequest(p: SignedParts, key: KeyObject): string {
  return sign(null, Buffer.from(textToSign(p), 'utf8'), key).toString('base64')
}

export function verifyRequest(p: SignedParts, signature: string, key: KeyObject): boolean {
  const bytes = Buffer.from(signature, 'base64')
  if (bytes.length !== 64) return false
  return verify(null, Buffer.from(textToSign(p), 'utf8'), key, bytes)
}

/** The headers of a signed request (lowercase names). */
export function signedHeaders(p: SignedParts, key: KeyObject): Record<string, string> {
  return {
    [signatureHeaders.station]: p.station,
    [signatureHeaders.keyId]: p.keyId,
    [signatureHeaders.timestamp]: p.timestamp,
    ...(p.idempotencyKey ? { [signatureHeaders.idempotencyKey]: p.idempotencyKey } : {}),
    [signatureHeaders.signature]: signRequest(p, key),
  }
}
