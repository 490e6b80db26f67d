/**
 * The encoder side of textBlock.ts: builds the 256-byte text block, the photo
 * placeholder and whole read answers from an emulator card. Used by the reader
 * emulator and by the test fixtures, so both speak the bytes a real SAM sends.
 */
import { PHOTO_BYTES, PHOTO_HEIGHT, PHOTO_WIDTH } from '../devices/idcard/photo'
import { encodeResponse } from '../devices/idcard/samFrame'
import { SW3 } from '../devices/idcard/samStatus'
import { TEXT_BLOCK_BYTES, TEXT_LAYOUTS, TYPE_FLAGS, type TextLayout } from '../devices/idcard/textBlock'
import type { EmulatorCard } from '../domain/demo/emulatorCard'

type FieldSpec = readonly [offset: number, bytes: number]

/** Writes `text` as UCS-2LE into the field, padded with spaces; refuses text that does not fit. */
export function putUcs2(block: Uint8Array, [offset, bytes]: FieldSpec, text: string, what: string): void {
  if (text.length * 2 > bytes) throw new RangeError(`${what}过长：${text.length} 个字符，最多 ${bytes / 2} 个`)
  for (let i = 0; i < bytes / 2; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20
    block[offset + i * 2] = unit & 0xff
    block[offset + i * 2 + 1] = unit >> 8
  }
}

const genderCodes = { male: '1', female: '2', unknown: '0', unstated: '9' } as const

const compactDate = (iso: string): string => iso.replaceAll('-', '')
const validToText = (validTo: string): string => (validTo === 'long-term' ? '长期' : compactDate(validTo))

export function layoutOfCard(card: EmulatorCard): TextLayout {
  if (card.cardType === 'resident') return 'resident'
  if (card.cardType === 'hmt') return 'hmt'
  return card.layout === '2017' ? 'foreign2017' : 'foreign2023'
}

export function buildTextBlock(card: EmulatorCard): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES)
  // Reserved areas are spaces on real cards, not zeros.
  for (let i = 0; i < block.length; i += 2) block[i] = 0x20
  const layout = layoutOfCard(card)
  const gender = genderCodes[card.gender]
  switch (layout) {
    case 'resident': {
      const L = TEXT_LAYOUTS.resident
      putUcs2(block, L.name, card.name, '姓名')
      putUcs2(block, L.gender, gender, '性别')
      putUcs2(block, L.nation, card.nationCode ?? '', '民族代码')
      putUcs2(block, L.birthDate, compactDate(card.birthDate), '出生日期')
      putUcs2(block, L.address, card.address ?? '', '住址')
      putUcs2(block, L.idNumber, card.idNumber, '证件号码')
      putUcs2(block, L.authority, card.authority ?? '', '签发机关')
      putUcs2(block, L.validFrom, compactDate(card.validFrom), '有效期起始日期')
      putUcs2(block, L.validTo, validToText(card.validTo), '有效期截止日期')
      break
    }
    case 'hmt': {
      const L = TEXT_LAYOUTS.hmt
      putUcs2(block, L.name, card.name, '姓名')
      putUcs2(block, L.gender, gender, '性别')
      putUcs2(block, L.birthDate, compactDate(card.birthDate), '出生日期')
      putUcs2(block, L.address, card.address ?? '', '住址')
      putUcs2(block, L.idNumber, card.idNumber, '证件号码')
      putUcs2(block, L.authority, card.authority ?? '', '签发机关')
      putUcs2(block, L.validFrom, compactDate(card.validFrom), '有效期起始日期')
      putUcs2(block, L.validTo, validToText(card.validTo), '有效期截止日期')
      putUcs2(block, L.passNumber, card.passNumber ?? '', '通行证号码')
      putUcs2(block, L.issueCount, card.issueCount ?? '01', '签发次数')
      putUcs2(block, L.typeFlag, TYPE_FLAGS.hmt, '类型标识')
      break
    }
    case 'foreign2017': {
      const L = TEXT_LAYOUTS.foreign2017
      putUcs2(block, L.nameEn, card.nameEn ?? '', '英文姓名')
      putUcs2(block, L.gender, gender, '性别')
      putUcs2(block, L.idNumber, card.idNumber, '证件号码')
      putUcs2(block, L.nationality, card.nationality ?? '', '国籍代码')
      putUcs2(block, L.name, card.name, '中文姓名')
      putUcs2(block, L.validFrom, compactDate(card.validFrom), '有效期起始日期')
      putUcs2(block, L.validTo, validToText(card.validTo), '有效期截止日期')
      putUcs2(block, L.birthDate, compactDate(card.birthDate), '出生日期')
      putUcs2(block, L.cardVersion, card.cardVersion ?? '01', '证件版本号')
      putUcs2(block, L.authorityCode, card.authorityCode ?? '3200', '受理机关代码')
      putUcs2(block, L.typeFlag, TYPE_FLAGS.foreign2017, '类型标识')
      break
    }
    case 'foreign2023': {
      const L = TEXT_LAYOUTS.foreign2023
      const nameEn = card.nameEn ?? ''
      const headChars = L.nameEnHead[1] / 2
      putUcs2(block, L.name, card.name, '中文姓名')
      putUcs2(block, L.gender, gender, '性别')
      putUcs2(block, L.renewalCount, card.renewalCount ?? '00', '换证次数')
      putUcs2(block, L.birthDate, compactDate(card.birthDate), '出生日期')
      putUcs2(block, L.nameEnHead, nameEn.slice(0, headChars), '英文姓名')
      putUcs2(block, L.idNumber, card.idNumber, '证件号码')
      putUcs2(block, L.validFrom, compactDate(card.validFrom), '有效期起始日期')
      putUcs2(block, L.validTo, validToText(card.validTo), '有效期截止日期')
      putUcs2(block, L.nameEnTail, nameEn.slice(headChars), '英文姓名（续）')
      putUcs2(block, L.nationality, card.nationality ?? '', '国籍代码')
      putUcs2(block, L.typeFlag, TYPE_FLAGS.foreign2023, '类型标识')
      break
    }
  }
  return block
}

/**
 * A stand-in photo block: the `WL` + 102 × 126 header public samples show,
 * then bytes derived from the ID number. It is not a picture and nothing
 * decodes it — it only lets the app's placeholder path run end to end.
 */
export function buildPhotoBlock(card: EmulatorCard): Uint8Array {
  const photo = new Uint8Array(PHOTO_BYTES)
  if (!card.hasPhoto) return photo
  photo.set([0x57, 0x4c, PHOTO_WIDTH, 0, PHOTO_HEIGHT, 0])
  let seed = 0x811c9dc5
  for (let i = 0; i < card.idNumber.length; i++) seed = Math.imul(seed ^ card.idNumber.charCodeAt(i), 0x01000193) >>> 0
  for (let i = 6; i < photo.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    photo[i] = seed >>> 24
  }
  return photo
}

export type FingerprintBytes = 0 | 512 | 1024

/** DATA of a read answer: length words, text, photo (and fingerprint templates for 0x30 0x10). */
export function buildReadData(card: EmulatorCard, fingerprintBytes?: FingerprintBytes): Uint8Array {
  const text = buildTextBlock(card)
  const photo = buildPhotoBlock(card)
  const withFingerprint = fingerprintBytes !== undefined
  const header = withFingerprint ? 6 : 4
  const fp = fingerprintBytes ?? 0
  const data = new Uint8Array(header + text.length + photo.length + fp)
  data.set([text.length >> 8, text.length & 0xff, photo.length >> 8, photo.length & 0xff], 0)
  if (withFingerprint) data.set([fp >> 8, fp & 0xff], 4)
  data.set(text, header)
  data.set(photo, header + text.length)
  // Fingerprint templates are proprietary; a fixed filler is enough to exercise the lengths.
  data.fill(0xfe, header + text.length + photo.length)
  return data
}

/** The whole 1295-byte answer to 0x30 0x01 (or 1297/1809/2321 bytes to 0x30 0x10). */
export function buildReadResponse(card: EmulatorCard, fingerprintBytes?: FingerprintBytes): Uint8Array {
  return encodeResponse(SW3.ok, buildReadData(card, fingerprintBytes))
}

/** The answer DATA to 0x30 0x03: one 70-byte UCS-2 slot. */
export function buildAppendedAddress(address: string): Uint8Array {
  const slot = new Uint8Array(70)
  putUcs2(slot, [0, 70], address, '追加住址')
  return slot
}
