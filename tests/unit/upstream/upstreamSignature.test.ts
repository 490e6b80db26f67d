/**
 * Request signing (docs/upstream.md "Signed requests"): Ed25519 from a
 * 32-byte seed gives the RFC 8032 keys and signatures; the canonical text
 * covers method, path with query, station, key id, timestamp, idempotency
 * key and body, so a change to any of them fails the platform's check.
 */
import { sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { defaultKeyId, privateKeyOfSeed, publicKeyOfRaw, rawPublicKey, signedHeaders, textToSign, verifyRequest, type SignedParts } from '../../../main/upstream/upstreamSignature'
import { isSignedBy, publicKeyOfRaw as emulatorPublicKeyOfRaw } from '../../../main/emulators/upstreamSimSignature'

// RFC 8032 §7.1, TEST 1.
const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex')
const PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
const EMPTY_SIGNATURE = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'

const request: SignedParts = {
  method: 'POST',
  path: '/api/v1/events',
  station: '001',
  keyId: '001-k1',
  timestamp: '2026-03-02T01:30:00.000Z',
  idempotencyKey: '001:320300202603020010001:1',
  body: Buffer.from('{"eventId":"001:320300202603020010001:1"}', 'utf8'),
}

describe('the station key and request signatures', () => {
  it('makes the RFC 8032 key pair and signature from the seed', () => {
    const key = privateKeyOfSeed(SEED)
    expect(rawPublicKey(key).toString('hex')).toBe(PUBLIC)
    expect(sign(null, Buffer.alloc(0), key).toString('hex')).toBe(EMPTY_SIGNATURE)
  })

  it('signs a canonical text of every part of the request, one line each', () => {
    expect(textToSign(request).split('\n')).toEqual([
      'OW1-ED25519',
      'POST',
      '/api/v1/events',
      '001',
      '001-k1',
      '2026-03-02T01:30:00.000Z',
      '001:320300202603020010001:1',
      // sha256 of the body's bytes, hex
      'd471730ea7212a9bb1713f2c44acd8119f5204830b0689f1b7ec75b5e98b6afc',
    ])
    // The last line is the body's SHA-256: the empty body of a GET has its own, fixed one.
    expect(textToSign({ ...request, method: 'get', body: Buffer.alloc(0), idempotencyKey: '' }).split('\n').slice(1)).toEqual([
      'GET',
      '/api/v1/events',
      '001',
      '001-k1',
      '2026-03-02T01:30:00.000Z',
      '',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ])
  })

  it('verifies a signed request and refuses one changed in any signed part, or signed with another key', () => {
    const key = privateKeyOfSeed(SEED)
    const publicKey = publicKeyOfRaw(Buffer.from(PUBLIC, 'hex'))
    const headers = signedHeaders(request, key)
    const signature = headers['x-ow-signature']!
    expect(headers).toMatchObject({ 'x-ow-station': '001', 'x-ow-key-id': '001-k1', 'x-ow-timestamp': request.timestamp, 'idempotency-key': request.idempotencyKey })
    expect(verifyRequest(request, signature, publicKey)).toBe(true)
    // The emulator checks it with its own code over the same canonical text.
    const { body, ...parts } = request
    expect(isSignedBy(parts, body, signature, publicKey)).toBe(true)
    expect(isSignedBy(parts, Buffer.from('{}'), signature, publicKey)).toBe(false)
    const changed: Array<Partial<SignedParts>> = [
      { body: Buffer.from('{"eventId":"001:320300202603020010001:2"}', 'utf8') },
      { path: '/api/v1/events?x=1' },
      { method: 'PUT' },
      { station: '002' },
      { keyId: '001-k2' },
      { timestamp: '2026-03-02T01:30:01.000Z' },
      { idempotencyKey: '001:320300202603020010001:2' },
    ]
    for (const change of changed) expect(verifyRequest({ ...request, ...change }, signature, publicKey)).toBe(false)
    const other = privateKeyOfSeed(Buffer.alloc(32, 7))
    expect(verifyRequest(request, signedHeaders(request, other)['x-ow-signature']!, publicKey)).toBe(false)
    expect(verifyRequest(request, 'not-a-signature', publicKey)).toBe(false)
  })

  it('refuses a seed or a public key that is not 32 bytes, at the station and at the emulator alike', () => {
    expect(() => privateKeyOfSeed(Buffer.alloc(31))).toThrow('Ed25519 种子应为 32 字节，实为 31')
    expect(() => publicKeyOfRaw(Buffer.alloc(33))).toThrow('Ed25519 公钥应为 32 字节，实为 33')
    expect(() => emulatorPublicKeyOfRaw(Buffer.alloc(33))).toThrow('Ed25519 公钥应为 32 字节，实为 33')
    // Both sides read the same raw key as the same key.
    expect(emulatorPublicKeyOfRaw(Buffer.from(PUBLIC, 'hex')).export({ format: 'der', type: 'spki' })).toEqual(publicKeyOfRaw(Buffer.from(PUBLIC, 'hex')).export({ format: 'der', type: 'spki' }))
  })

  it('names a key by the station and the fingerprint of its public key when the config names none', () => {
    const id = defaultKeyId('003', Buffer.from(PUBLIC, 'hex'))
    expect(id).toMatch(/^003-[0-9a-f]{16}$/)
    expect(defaultKeyId('003', rawPublicKey(privateKeyOfSeed(Buffer.alloc(32, 7))))).not.toBe(id)
  })
})
