/**
 * A card the ID reader emulator can hold: the same words as the Card JSON
 * (so demo files read naturally), plus what only the chip stores — layout
 * version, nationality code, appended address, counters.
 */
import { z } from 'zod'
import { cardTypeSchema, genderSchema, plainDateSchema } from '../idCard'

/**
 * The 2017 foreign layout keeps the number in 30 bytes of UCS-2
 * (TEXT_LAYOUTS.foreign2017.idNumber; a test holds the two equal). Not imported:
 * the renderer's build sees this file through the contract, not the codec.
 */
export const FOREIGN_2017_ID_CHARS = 15

export const emulatorCardSchema = z
  .object({
    /** Shown in the tap-card panel and `list`, e.g. `居民身份证（长期有效）`. */
    label: z.string().min(1).max(40).optional(),
    /** The same in English, for the panel in English mode; names stay as on the card. */
    labelEn: z.string().min(1).max(80).optional(),
    cardType: cardTypeSchema,
    /** Foreign cards only: the 2017 `I` or the 2023 `Y` layout. */
    layout: z.enum(['2017', '2023']).optional(),
    name: z.string().max(15, '姓名最多 15 个字'),
    nameEn: z.string().max(60, '英文姓名最多 60 个字符').optional(),
    gender: genderSchema,
    nationCode: z.string().regex(/^\d{2}$/, '民族代码应为 2 位数字').optional(),
    /** GB/T 2659 alpha-3, e.g. `USA`. */
    nationality: z.string().regex(/^[A-Z]{3}$/, '国籍应为 3 位大写字母代码，例如 USA').optional(),
    birthDate: plainDateSchema,
    address: z.string().max(35, '住址最多 35 个字').optional(),
    /** 追加住址: answered to 0x30 0x03; absent = the reader answers 0x91. */
    newestAddress: z.string().max(35, '追加住址最多 35 个字').optional(),
    idNumber: z.string().min(1).max(18),
    authority: z.string().max(15, '签发机关最多 15 个字').optional(),
    /** Foreign 2017: code of the accepting authority. */
    authorityCode: z.string().max(4).optional(),
    cardVersion: z.string().max(2).optional(),
    renewalCount: z.string().max(2).optional(),
    passNumber: z.string().max(9, '通行证号码最多 9 个字符').optional(),
    issueCount: z.string().max(2).optional(),
    validFrom: plainDateSchema,
    validTo: z.union([plainDateSchema, z.literal('long-term')]),
    /** false: the photo block is all zeros. */
    hasPhoto: z.boolean().default(true),
  })
  .strict()
  .superRefine((card, ctx) => {
    const need = (key: keyof typeof card, why: string): void => {
      if (card[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: why })
    }
    if (card.cardType === 'resident') {
      need('nationCode', '居民身份证需要民族代码')
      need('address', '居民身份证需要住址')
      need('authority', '居民身份证需要签发机关')
    } else if (card.cardType === 'hmt') {
      need('address', '港澳台居民居住证需要住址')
      need('authority', '港澳台居民居住证需要签发机关')
      need('passNumber', '港澳台居民居住证需要通行证号码')
    } else {
      need('nameEn', '外国人永久居留身份证需要英文姓名')
      need('nationality', '外国人永久居留身份证需要国籍代码')
      if (card.layout !== '2017' && (card.nameEn?.length ?? 0) > 46) {
        ctx.addIssue({ code: 'custom', path: ['nameEn'], message: '2023 版英文姓名最多 46 个字符' })
      }
      if (card.layout === '2017' && card.idNumber.length > FOREIGN_2017_ID_CHARS) {
        ctx.addIssue({
          code: 'custom',
          path: ['idNumber'],
          message: `2017 版外国人永久居留身份证号码最多 ${FOREIGN_2017_ID_CHARS} 个字符（收到 ${card.idNumber.length} 个）；18 位号码请用 2023 版（layout 2023）`,
        })
      }
    }
  })

export type EmulatorCard = z.output<typeof emulatorCardSchema>
export type EmulatorCardInput = z.input<typeof emulatorCardSchema>

export const emulatorCardFileSchema = z.object({ cards: z.array(emulatorCardSchema).min(1) }).strict()

/** What the panel and the CLI list show for a card. */
export function cardLabel(card: EmulatorCard): string {
  if (card.label) return card.label
  const kind = card.cardType === 'resident' ? '居民身份证' : card.cardType === 'hmt' ? '港澳台居民居住证' : '外国人永久居留身份证'
  return `${kind} ${card.name || card.nameEn || ''}`.trim()
}

/** What the panel shows in English mode: the file's `labelEn`, else the card type in English and the name as on the card. */
export function cardLabelEn(card: EmulatorCard): string {
  if (card.labelEn) return card.labelEn
  const kind = card.cardType === 'resident' ? 'Resident ID card' : card.cardType === 'hmt' ? 'HK/Macao/Taiwan residence permit' : 'Foreigner permanent residence card'
  return `${kind} ${card.nameEn || card.name || ''}`.trim()
}
