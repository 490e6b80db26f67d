/**
 * The emulated platform's side of the signature (docs/upstream.md "Signed
 * requests"): the station's registered public key checks the canonical text
 * the station signed (main/domain/upstream/upstreamSigning.ts). node:crypto
 * here as at the station; the two share only the pure definition.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { canonicalText, ed25519Spki, type SignedRequest } from '../domain/upstream/upstreamSigning'

export function publicKeyOfRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.from(ed25519Spki(raw)), format: 'der', type: 'spki' })
}

export function isSignedBy(parts: SignedRequest, body: Buffer, signature: string, key: KeyObject): boolean {
  const bytes = Buffer.from(signature, 'base64')
  if (bytes.length !== 64) return false
  const text = canonicalText({ ...parts, bodySha256: createHash('sha256').update(body).digest('hex') })
  return verify(null, Buffer.from(text, 'utf8'), key, bytes)
}
