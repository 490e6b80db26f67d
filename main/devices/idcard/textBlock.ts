/**
 * The 256-byte text block of a card read (spec §5): UCS-2 little-endian,
 * fixed-width fields right-padded with spaces. The character at byte 248 tells
 * the card type. Fields come out exactly as stored (dates as `YYYYMMDD` or
 * `长期`); turning them into the Card JSON is cardRead.ts's job.
 */

export const TEXT_BLOCK_BYTES = 256
export const TYPE_FLAG_OFFSET = 248

export type TextLayout = 'resident' | 'foreign2017' | 'foreign2023' | 'hmt'

/** [byte offset, byte length] of each field, per layout (spec §5.2–5.5). */
type FieldSpec = readonly [offset: number, bytes: number]

export const TEXT_LAYOUTS = {
  resident: {
    name: [0, 30], gender: [30, 2], nation: [32, 4], birthDate: [36, 16], address: [52, 70],
    idNumber: [122, 36], authority: [158, 30], validFrom: [188, 16], validTo: [204, 16],
  },
  foreign2017: {
    nameEn: [0, 120], gender: [120, 2], idNumber: [122, 30], nationality: [152, 6], name: [158, 30],
    validFrom: [188, 16], validTo: [204, 16], birthDate: [220, 16], cardVersion: [236, 4], authorityCode: [240, 8],
    typeFlag: [248, 2],
  },
  foreign2023: {
    name: [0, 30], gender: [30, 2], renewalCount: [32, 4], birthDate: [36, 16], nameEnHead: [52, 70],
    idNumber: [122, 36], validFrom: [188, 16], validTo: [204, 16], nameEnTail: [220, 22], nationality: [242, 6],
    typeFlag: [248, 2], previousNumberLink: [250, 6],
  },
  hmt: {
    name: [0, 30], gender: [30, 2], birthDate: [36, 16], address: [52, 70], idNumber: [122, 36],
    authority: [158, 30], validFrom: [188, 16], validTo: [204, 16], passNumber: [220, 18], issueCount: [238, 4],
    typeFlag: [248, 2],
  },
} as const satisfies Record<TextLayout, Record<string, FieldSpec>>

/** The type flag character each non-resident layout carries at byte 248. */
export const TYPE_FLAGS = { foreign2017: 'I', foreign2023: 'Y', hmt: 'J' } as const

export interface ResidentText {
  layout: 'resident'
  name: string
  genderCode: string
  nationCode: string
  birthDate: string
  address: string
  idNumber: string
  authority: string
  validFrom: string
  validTo: string
}

export interface Foreign2017Text {
  layout: 'foreign2017'
  nameEn: string
  genderCode: string
  idNumber: string
  nationalityCode: string
  /** Chinese name; empty when the holder has none. */
  name: string
  validFrom: string
  validTo: string
  birthDate: string
  cardVersion: string
  /** Code of the accepting authority (a code, not a name). */
  authorityCode: string
}

export interface Foreign2023Text {
  layout: 'foreign2023'
  name: string
  genderCode: string
  renewalCount: string
  birthDate: string
  /** Full English name: characters 1–35 at byte 52, 36–46 at byte 220. */
  nameEn: string
  idNumber: string
  validFrom: string
  validTo: string
  nationalityCode: string
  /** 既往版本号码关联项: how vendors rebuild the old number is not public — kept raw. */
  previousNumberLink: string
}

export interface HmtText {
  layout: 'hmt'
  name: string
  genderCode: string
  birthDate: string
  address: string
  idNumber: string
  authority: string
  validFrom: string
  validTo: string
  /** 通行证号码: `H`/`M` + 8 digits, or 8 digits for Taiwan. */
  passNumber: string
  issueCount: string
}

export type CardText = ResidentText | Foreign2017Text | Foreign2023Text | HmtText

/** Decodes UCS-2LE without trimming. Code units are kept as they are (GB 13000 = the BMP). */
export function decodeUcs2Raw(block: Uint8Array, offset: number, bytes: number): string {
  const units: number[] = []
  for (let i = offset; i + 1 < offset + bytes && i + 1 < block.length; i += 2) units.push(block[i]! | (block[i + 1]! << 8))
  return String.fromCharCode(...units)
}

/** Strips trailing U+0020 and U+0000 only: English names carry inner spaces and commas. */
export function trimPadding(text: string): string {
  let end = text.length
  while (end > 0) {
    const c = text.charCodeAt(end - 1)
    if (c !== 0x20 && c !== 0x00) break
    end--
  }
  return text.slice(0, end)
}

function field(block: Uint8Array, spec: FieldSpec): string {
  return trimPadding(decodeUcs2Raw(block, spec[0], spec[1]))
}

export function layoutOf(block: Uint8Array): TextLayout {
  const flag = decodeUcs2Raw(block, TYPE_FLAG_OFFSET, 2)
  if (flag === TYPE_FLAGS.foreign2017) return 'foreign2017'
  if (flag === TYPE_FLAGS.foreign2023) return 'foreign2023'
  if (flag === TYPE_FLAGS.hmt) return 'hmt'
  // Normally a space: bytes 220–255 are reserved on the resident card.
  return 'resident'
}

/** Decodes a 256-byte text block; throws a RangeError for any other size. */
export function decodeTextBlock(block: Uint8Array): CardText {
  if (block.length !== TEXT_BLOCK_BYTES) {
    throw new RangeError(`文字信息应为 ${TEXT_BLOCK_BYTES} 字节，实际 ${block.length} 字节`)
  }
  const layout = layoutOf(block)
  switch (layout) {
    case 'resident': {
      const L = TEXT_LAYOUTS.resident
      return {
        layout,
        name: field(block, L.name),
        genderCode: field(block, L.gender),
        nationCode: field(block, L.nation),
        birthDate: field(block, L.birthDate),
        address: field(block, L.address),
        idNumber: field(block, L.idNumber),
        authority: field(block, L.authority),
        validFrom: field(block, L.validFrom),
        validTo: field(block, L.validTo),
      }
    }
    case 'foreign2017': {
      const L = TEXT_LAYOUTS.foreign2017
      return {
        layout,
        nameEn: field(block, L.nameEn),
        genderCode: field(block, L.gender),
        idNumber: field(block, L.idNumber),
        nationalityCode: field(block, L.nationality),
        name: field(block, L.name),
        validFrom: field(block, L.validFrom),
        validTo: field(block, L.validTo),
        birthDate: field(block, L.birthDate),
        cardVersion: field(block, L.cardVersion),
        authorityCode: field(block, L.authorityCode),
      }
    }
    case 'foreign2023': {
      const L = TEXT_LAYOUTS.foreign2023
      // Join before trimming: the 36th character of the name may be a space.
      const nameEn = trimPadding(decodeUcs2Raw(block, ...L.nameEnHead) + decodeUcs2Raw(block, ...L.nameEnTail))
      return {
        layout,
        name: field(block, L.name),
        genderCode: field(block, L.gender),
        renewalCount: field(block, L.renewalCount),
        birthDate: field(block, L.birthDate),
        nameEn,
        idNumber: field(block, L.idNumber),
        validFrom: field(block, L.validFrom),
        validTo: field(block, L.validTo),
        nationalityCode: field(block, L.nationality),
        previousNumberLink: field(block, L.previousNumberLink),
      }
    }
    case 'hmt': {
      const L = TEXT_LAYOUTS.hmt
      return {
        layout,
        name: field(block, L.name),
        genderCode: field(block, L.gender),
        birthDate: field(block, L.birthDate),
        address: field(block, L.address),
        idNumber: field(block, L.idNumber),
        authority: field(block, L.authority),
        validFrom: field(block, L.validFrom),
        validTo: field(block, L.validTo),
        passNumber: field(block, L.passNumber),
        issueCount: field(block, L.issueCount),
      }
    }
  }
}

/** The appended-address answer (0x30 0x03): one 70-byte UCS-2 slot. */
export function decodeAppendedAddress(data: Uint8Array): string {
  return trimPadding(decodeUcs2Raw(data, 0, Math.min(data.length, 70)))
}
