import { z } from 'zod'
import { cardSchema, cardTypeSchema } from '../domain/idCard'
import { emulatorCardSchema } from '../domain/demo/emulatorCard'
import { emulatorFaultKinds } from '../domain/demo/emulatorFaults'
import { defineCommands, defineEvents } from './define'

/** One tap on the reader. The ID number is complete (the intake form needs it); the photo stays main-side. */
export const idcardReadSchema = z.object({
  card: cardSchema,
  /** validTo is before today (local calendar); long-term cards never expire. */
  isExpired: z.boolean(),
  hasPhoto: z.boolean(),
  /** `placeholder` unless the hall installed a vendor WLT decoder. */
  photo: z.enum(['placeholder', 'decoded', 'none']),
  /** Why idNumberValid is false, and disagreements between the number and the other fields (zh-CN). */
  warnings: z.array(z.string()),
  readAt: z.string(),
  isEmulated: z.boolean(),
})
export type IdcardRead = z.infer<typeof idcardReadSchema>

export const idcardStatusSchema = z.object({
  mode: z.enum(['emulator', 'serial', 'off']),
  state: z.enum(['connecting', 'ready', 'reading', 'warning', 'error', 'unplugged', 'stopped']),
  reason: z.string(),
  message: z.string(),
  port: z.string().nullable(),
  /** Raw SAM ID (16 bytes as hex); vendors render it differently. */
  samId: z.string().nullable(),
  isEmulated: z.boolean(),
  lastReadAt: z.string().nullable(),
})
export type IdcardStatus = z.infer<typeof idcardStatusSchema>

export const emulatorCardSummarySchema = z.object({
  index: z.number().int(),
  label: z.string(),
  cardType: cardTypeSchema,
  name: z.string(),
  nameEn: z.string().optional(),
  isPlaced: z.boolean(),
})
export type EmulatorCardSummary = z.infer<typeof emulatorCardSummarySchema>

const emulatorCardsSchema = z.object({
  cards: z.array(emulatorCardSummarySchema),
  /** Index of the card on the reader; null when none, or when an ad-hoc card lies there. */
  placedIndex: z.number().int().nullable(),
  isPlugged: z.boolean(),
})

const empty = z.object({}).strict()

export const idcardCommands = defineCommands({
  'idcard.status': {
    summary: 'The ID card reader: mode, state, port and SAM ID',
    input: empty,
    output: idcardStatusSchema,
  },
  'idcard.emulator.listCards': {
    summary: 'Demo hall: the cards the emulated reader can be given',
    input: empty,
    output: emulatorCardsSchema,
  },
  'idcard.emulator.place': {
    summary: 'Demo hall: lay a card on the emulated reader (an index from listCards, or a card of its own)',
    input: z.union([
      z.object({ cardIndex: z.number().int().min(0, '证件序号从 0 开始') }).strict(),
      z.object({ card: emulatorCardSchema }).strict(),
    ]),
    output: emulatorCardsSchema,
  },
  'idcard.emulator.remove': {
    summary: 'Demo hall: lift the card off the emulated reader',
    input: empty,
    output: emulatorCardsSchema,
  },
  'idcard.emulator.fault': {
    summary: 'Demo hall: inject a reader fault (checksum, split, silence, garbage, unplug, replug, clear)',
    input: z.object({ kind: z.enum(emulatorFaultKinds) }).strict(),
    output: emulatorCardsSchema,
  },
})

export const idcardEvents = defineEvents({
  'idcard.read': idcardReadSchema,
})
