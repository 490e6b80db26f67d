/**
 * The Card JSON: what one tap gives the rest of the app, and what
 * `idcard decode` / `idcard read` print. Keys a card type does not carry are
 * absent, never empty (the intake form leaves those fields alone).
 */
import { z } from 'zod'
import { isPlainDate } from './plainDate'

/** A real calendar date as `YYYY-MM-DD`: the shape alone would let 1980-02-30 through. */
export const plainDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD')
  .refine(isPlainDate, '不是实际存在的日期（月份应为 01–12，日不超过当月天数）')

/** GB/T 2261.1: 1 male, 2 female, 0 unknown, 9 not stated — never defaulted to female. */
export const genderSchema = z.enum(['male', 'female', 'unknown', 'unstated'])
export type Gender = z.infer<typeof genderSchema>

export const cardTypeSchema = z.enum(['resident', 'foreign', 'hmt'])
export type CardType = z.infer<typeof cardTypeSchema>

export const cardSchema = z
  .object({
    cardType: cardTypeSchema,
    /** Chinese name; empty string where a foreign card has none. */
    name: z.string(),
    /** Full English name (foreign cards). */
    nameEn: z.string().optional(),
    gender: genderSchema,
    /** GB/T 3304 code, e.g. `01` (resident cards). */
    nationCode: z.string().optional(),
    /** Card-face name, e.g. `汉`; the raw code when unknown. */
    nation: z.string().optional(),
    /** Chinese country name (foreign cards); the GB/T 2659 alpha-3 code when the table does not know it. */
    nationality: z.string().optional(),
    birthDate: plainDateSchema,
    /** Printed address, superseded by the newest appended address (追加住址) when the driver finds one. */
    address: z.string().optional(),
    idNumber: z.string(),
    /** False when the check character (or, for 2017 foreign cards, the shape) is wrong, or the number does not fit the card type. */
    idNumberValid: z.boolean(),
    authority: z.string().optional(),
    /** 港澳台 permits: the holder's 通行证 number. */
    passNumber: z.string().optional(),
    validFrom: plainDateSchema,
    validTo: z.union([plainDateSchema, z.literal('long-term')]),
  })
  .strict()

export type Card = z.infer<typeof cardSchema>
