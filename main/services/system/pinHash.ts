/**
 * PINs and passwords at rest: scrypt (memory-hard, from Node's crypto) with a
 * random salt. The parameters travel in the stored text
 * (`scrypt$N$r$p$salt$hash`), so they can be raised later without
 * stranding an account: a hash is checked with the parameters it was made
 * with. N=2^15, r=8, p=1: 32 MiB and ~0.15 s per check on a counter PC.
 * A short PIN cannot be made safe against a stolen database by hashing
 * alone (10^6 guesses); what protects it is the lockout online and the
 * data directory's 0600 files offline, so the cost is set for a sign-in
 * that feels instant, not for OWASP's password figure (N=2^17). It runs
 * off the event loop (async scrypt): the counter never stalls while a
 * colleague signs in.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { AppError } from '../../domain/errors'

const KEY_BYTES = 32
const SALT_BYTES = 16
export const PIN_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }
  return new Promise((resolve, reject) => scrypt(pin.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))))
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(pin, salt, PIN_SCRYPT)
  return ['scrypt', PIN_SCRYPT.N, PIN_SCRYPT.r, PIN_SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  const [kind, n, r, p, salt, hash] = parts
  if (parts.length !== 6 || kind !== 'scrypt' || !salt || !hash) throw new AppError('STORE_ERROR', '工作人员密码记录格式无法识别，请由值班长重置密码')
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) throw new AppError('STORE_ERROR', '工作人员密码记录的参数无效，请由值班长重置密码')
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(pin, Buffer.from(salt, 'base64'), params)
  return key.length === expected.length && timingSafeEqual(key, expected)
}
