/**
 * A signature from the pad (a PNG data URL) — the collector's at the output
 * window, the courier's at the handover — checked and stored durably by its
 * SHA-256 beside the material photos before the row that names it is
 * written: a row never points at a file that is not there.
 */
import { relative } from 'node:path'
import { AppError } from '../../domain/errors'
import { sha256Hex, type AttachmentFiles } from '../../store/attachmentFiles'

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,'
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface StoredSignature {
  sha256: string
  /** Relative to the data directory. */
  file: string
  /** Rebuilt from the stored bytes: a document printed now and one rebuilt from the file later carry the same image. */
  dataUrl: string
}

/** `signer` names who signs again when the image is refused (领取人, 快递员). */
export function storeSignaturePng(files: AttachmentFiles, dataDir: string, dataUrl: string, signer: string): StoredSignature {
  if (!dataUrl.startsWith(PNG_DATA_URL_PREFIX)) throw new AppError('BAD_INPUT', '签名应为 PNG 图像', 'signature')
  const bytes = Buffer.from(dataUrl.slice(PNG_DATA_URL_PREFIX.length), 'base64')
  if (bytes.length < 64 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) throw new AppError('BAD_INPUT', `签名图像不是有效的 PNG（文件头不符），请${signer}重新签名`, 'signature')
  const sha256 = sha256Hex(bytes)
  const path = files.write(bytes, sha256, 'image/png')
  return { sha256, file: relative(dataDir, path), dataUrl: PNG_DATA_URL_PREFIX + bytes.toString('base64') }
}
