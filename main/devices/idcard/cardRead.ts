/**
 * From a read answer (0x30 0x01, or 0x30 0x10 with fingerprints) to the Card
 * JSON plus what stays main-side: the raw photo and the layout details the
 * JSON does not carry. Pure; failures are values naming the reason.
 */
import { checkForeignPermit2017, checkIdNumber, type IdNumberKind } from '../../domain/idNumber'
import { plainDateParts } from '../../domain/plainDate'
import type { Card, Gender } from '../../domain/idCard'
import { nationName } from './nations'
import { nationalityName } from './nationalities'
import { describePhoto, PHOTO_BYTES, type PhotoInfo } from './photo'
import { decodeResponse, readU16BE, type FrameErrorReason } from './samFrame'
import { describeSamStatus, SW3 } from './samStatus'
import { decodeTextBlock, TEXT_BLOCK_BYTES, type CardText, type TextLayout } from './textBlock'

export type ReadVariant = 'text' | 'fingerprint'

/** Layout details outside the Card JSON (kept for the case record and diagnostics). */
export interface CardExtras {
  layout: TextLayout
  nationalityCode?: string
  authorityCode?: string
  cardVersion?: string
  renewalCount?: string
  issueCount?: string
  previousNumberLink?: string
  /** Why idNumberValid is false, and disagreements between the number and the other fields. */
  warnings: string[]
}

export interface CardRead {
  card: Card
  /** Raw WLT bytes: memory only, for the current intake (spec §8). */
  photo: Uint8Array
  photoInfo: PhotoInfo
  variant: ReadVariant
  fingerprintBytes: number
  extras: CardExtras
}

export type CardReadFailureReason = 'frame' | 'status' | 'bad_layout' | 'bad_field'

export interface CardReadFailure {
  reason: CardReadFailureReason
  /** Chinese, one line, names the reason; never contains the card's personal data. */
  message: string
  frameError?: FrameErrorReason
  sw3?: number
}

export type CardReadResult = { ok: true; read: CardRead } | { ok: false; failure: CardReadFailure }
type CardFromText = { ok: true; card: Card; extras: CardExtras } | { ok: false; failure: CardReadFailure }

const fail = (reason: CardReadFailureReason, message: string, more: Partial<CardReadFailure> = {}): { ok: false; failure: CardReadFailure } => ({
  ok: false,
  failure: { reason, message, ...more },
})

/** A complete reader → host frame (as `idcard decode` receives it). */
export function decodeReadFrame(bytes: Uint8Array): CardReadResult {
  const decoded = decodeResponse(bytes)
  if (!decoded.ok) return fail('frame', decoded.error.message, { frameError: decoded.error.reason })
  const { sw3, data } = decoded.frame
  if (sw3 !== SW3.ok) return fail('status', `阅读器未返回证件信息：${describeSamStatus(sw3)}`, { sw3 })
  return cardFromReadData(data)
}

/**
 * The DATA of a successful read answer. The length words decide the variant:
 * two words (text, photo) for 0x30 0x01, three (…, fingerprint) for 0x30 0x10
 * — the text then starts two bytes later, the classic parser bug (spec §3.2).
 */
export function cardFromReadData(data: Uint8Array): CardReadResult {
  if (data.length < 4) return fail('bad_layout', `读证应答数据只有 ${data.length} 字节，缺少长度字段`)
  const textLength = readU16BE(data, 0)
  const photoLength = readU16BE(data, 2)
  let variant: ReadVariant
  let headerBytes: number
  let fingerprintBytes = 0
  if (4 + textLength + photoLength === data.length) {
    variant = 'text'
    headerBytes = 4
  } else if (data.length >= 6 && 6 + textLength + photoLength + readU16BE(data, 4) === data.length) {
    variant = 'fingerprint'
    headerBytes = 6
    fingerprintBytes = readU16BE(data, 4)
  } else {
    return fail('bad_layout', `读证应答长度不符：文字 ${textLength} + 照片 ${photoLength} 字节与数据区 ${data.length} 字节对不上`)
  }
  if (textLength !== TEXT_BLOCK_BYTES || photoLength !== PHOTO_BYTES) {
    return fail('bad_layout', `未知的读证应答：文字 ${textLength} 字节、照片 ${photoLength} 字节（应为 256 和 1024）`)
  }
  const text = data.subarray(headerBytes, headerBytes + TEXT_BLOCK_BYTES)
  const photo = data.slice(headerBytes + TEXT_BLOCK_BYTES, headerBytes + TEXT_BLOCK_BYTES + PHOTO_BYTES)
  const fromText = cardFromTextBlock(text)
  if (!fromText.ok) return fromText
  return {
    ok: true,
    read: { card: fromText.card, photo, photoInfo: describePhoto(photo), variant, fingerprintBytes, extras: fromText.extras },
  }
}

export function cardFromTextBlock(block: Uint8Array): CardFromText {
  return cardFromText(decodeTextBlock(block))
}

const fieldLabels = { birthDate: '出生日期', validFrom: '有效期起始日期', validTo: '有效期截止日期' } as const

function isoDate(raw: string): string | undefined {
  if (!/^\d{8}$/.test(raw)) return undefined
  const iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`
  return plainDateParts(iso) ? iso : undefined
}

const LONG_TERM = '长期'

export function genderFromCode(code: string): Gender {
  if (code === '1') return 'male'
  if (code === '2') return 'female'
  if (code === '9') return 'unstated'
  return 'unknown'
}

const expectedKind: Record<Exclude<TextLayout, 'foreign2017'>, IdNumberKind> = {
  resident: 'resident',
  hmt: 'hmt',
  foreign2023: 'foreign2023',
}

const kindLabels: Record<IdNumberKind, string> = {
  resident: '居民身份证号码',
  hmt: '港澳台居民居住证号码',
  foreign2023: '外国人永久居留身份证号码',
}

/** Check character (or 2017 shape), the number's kind against the card type, then birth date and gender. */
function checkNumber(text: CardText, birthDate: string, gender: Gender): { valid: boolean; warnings: string[] } {
  if (text.layout === 'foreign2017') {
    const checked = checkForeignPermit2017(text.idNumber)
    return checked.valid ? { valid: true, warnings: [] } : { valid: false, warnings: [checked.reason] }
  }
  const checked = checkIdNumber(text.idNumber)
  if (!checked.valid) return { valid: false, warnings: [checked.reason] }
  const warnings: string[] = []
  const kind = expectedKind[text.layout]
  if (checked.kind !== kind) {
    return { valid: false, warnings: [`证件号码是${kindLabels[checked.kind]}，与证件类型（${kindLabels[kind]}）不符`] }
  }
  if (checked.birthDate !== birthDate) warnings.push('证件号码中的出生日期与出生日期字段不一致')
  if ((gender === 'male' || gender === 'female') && checked.gender !== gender) warnings.push('证件号码的顺序码性别与性别字段不一致')
  return { valid: true, warnings }
}

export function cardFromText(text: CardText): CardFromText {
  const birthDate = isoDate(text.birthDate)
  const validFrom = isoDate(text.validFrom)
  const validTo = text.validTo === LONG_TERM ? 'long-term' : isoDate(text.validTo)
  for (const [value, field] of [
    [birthDate, 'birthDate'],
    [validFrom, 'validFrom'],
    [validTo, 'validTo'],
  ] as const) {
    if (value === undefined) {
      const extra = field === 'validTo' ? ' 或“长期”' : ''
      return fail('bad_field', `${fieldLabels[field]}字段不是合法的 YYYYMMDD 日期${extra}（${text[field].length} 个字符）`)
    }
  }
  if (text.idNumber === '') return fail('bad_field', '证件号码字段为空')
  const gender = genderFromCode(text.genderCode)
  const number = checkNumber(text, birthDate!, gender)
  const common = { birthDate: birthDate!, idNumber: text.idNumber, idNumberValid: number.valid, validFrom: validFrom!, validTo: validTo! }
  const extras: CardExtras = { layout: text.layout, warnings: number.warnings }

  switch (text.layout) {
    case 'resident':
      return {
        ok: true,
        extras,
        card: {
          cardType: 'resident',
          name: text.name,
          gender,
          nationCode: text.nationCode,
          nation: nationName(text.nationCode),
          ...withCommon(common, { address: text.address, authority: text.authority }),
        },
      }
    case 'hmt':
      return {
        ok: true,
        extras: { ...extras, issueCount: text.issueCount },
        card: {
          cardType: 'hmt',
          name: text.name,
          gender,
          ...withCommon(common, { address: text.address, authority: text.authority, passNumber: text.passNumber }),
        },
      }
    case 'foreign2017':
      return {
        ok: true,
        extras: { ...extras, nationalityCode: text.nationalityCode, authorityCode: text.authorityCode, cardVersion: text.cardVersion },
        card: {
          cardType: 'foreign',
          name: text.name,
          nameEn: text.nameEn,
          gender,
          nationality: nationalityName(text.nationalityCode),
          ...withCommon(common, {}),
        },
      }
    case 'foreign2023':
      return {
        ok: true,
        extras: {
          ...extras,
          nationalityCode: text.nationalityCode,
          renewalCount: text.renewalCount,
          previousNumberLink: text.previousNumberLink,
        },
        card: {
          cardType: 'foreign',
          name: text.name,
          nameEn: text.nameEn,
          gender,
          nationality: nationalityName(text.nationalityCode),
          ...withCommon(common, {}),
        },
      }
  }
}

/** Keeps the JSON's key order stable (birthDate, address, idNumber, …) whatever the card type. */
function withCommon(
  common: Pick<Card, 'birthDate' | 'idNumber' | 'idNumberValid' | 'validFrom' | 'validTo'>,
  optional: Pick<Card, 'address' | 'authority' | 'passNumber'>,
): Pick<Card, 'birthDate' | 'address' | 'idNumber' | 'idNumberValid' | 'authority' | 'passNumber' | 'validFrom' | 'validTo'> {
  return {
    birthDate: common.birthDate,
    ...(optional.address !== undefined ? { address: optional.address } : {}),
    idNumber: common.idNumber,
    idNumberValid: common.idNumberValid,
    ...(optional.authority !== undefined ? { authority: optional.authority } : {}),
    ...(optional.passNumber !== undefined ? { passNumber: optional.passNumber } : {}),
    validFrom: common.validFrom,
    validTo: common.validTo,
  }
}
