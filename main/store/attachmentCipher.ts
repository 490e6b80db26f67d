/**
 * Photos at rest (material photos — ID documents, authorisation letters —
 * their thumbnails, and signatures): AES-256-GCM with a random IV per file,
 * under a key derived (HKDF, its own label) from the station's master key,
 * like the ID-number key in idCipher.ts. Each ciphertext is bound to the
 * photo's SHA-256 (associated data): a sealed file moved under another
 * photo's name fails to open instead of showing the wrong person's papers.
 *
 * Layout: magic "OWPH" (4) | version (1) | IV (12) | tag (16) | ciphertext.
 * The magic cannot start a JPEG (FF D8) or a PNG (89 50): files and
 * thumbnails written before encryption are told apart by their first bytes.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { AppError } from '../domain/errors'
import { MASTER_KEY_BYTES } from './keyProviders'

const MAGIC = Buffer.from('OWPH', 'latin1')
const FORMAT_VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER_BYTES = MAGIC.length + 1 + IV_BYTES + TAG_BYTES

/** What the associated data says a ciphertext is: a full photo or its thumbnail never stand in for each other. */
export type AttachmentPart = 'file' | 'thumbnail'

export class AttachmentCipher {
  private readonly key: Buffer

  constructor(masterKey: Buffer) {
    if (masterKey.length !== MASTER_KEY_BYTES) throw new AppError('STORE_ERROR', `主密钥应为 ${MASTER_KEY_BYTES} 字节，实为 ${masterKey.length}`)
    // Salt as in idCipher.ts: one derivation scheme for every key of the station.
    this.key = Buffer.from(hkdfSync('sha256', masterKey, 'onewindow', 'attachment/aes-256-gcm/v1', 32))
  }

  /** True for bytes this class wrote; false for a plain JPEG/PNG kept from before encryption. */
  static isSealed(bytes: Uint8Array): boolean {
    return bytes.length >= HEADER_BYTES && MAGIC.equals(bytes.subarray(0, MAGIC.length))
  }

  seal(plain: Uint8Array, sha256: string, part: AttachmentPart): Buffer {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(associatedData(sha256, part))
    const body = Buffer.concat([cipher.update(plain), cipher.final()])
    return Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body])
  }

  /** Throws STORE_ERROR naming `where` when the bytes were changed, moved or sealed with another station's key. */
  open(sealed: Uint8Array, sha256: string, part: AttachmentPart, where: string): Buffer {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
    if (!AttachmentCipher.isSealed(bytes) || bytes[MAGIC.length] !== FORMAT_VERSION) {
      throw new AppError('STORE_ERROR', `${where} 的加密格式无法识别（版本 ${bytes[MAGIC.length] ?? '无'}），文件可能已损坏，请从备份恢复`)
    }
    let at = MAGIC.length + 1
    const iv = bytes.subarray(at, (at += IV_BYTES))
    const tag = bytes.subarray(at, (at += TAG_BYTES))
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv)
      decipher.setAAD(associatedData(sha256, part))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(bytes.subarray(at)), decipher.final()])
    } catch {
      throw new AppError('STORE_ERROR', `${where} 无法解密：文件已被改动、换了名字，或不是用本工作站的密钥加密的，请从备份恢复`)
    }
  }
}

function associatedData(sha256: string, part: AttachmentPart): Buffer {
  return Buffer.from(`onewindow attachment ${part} ${sha256}`)
}
