/**
 * The demo hall's controls: what stands in for a hand laying a card on the
 * reader or pulling a trigger on the scanner. Registered only when the station
 * runs emulators (devices in `emulator` mode in station.json); elsewhere the
 * dispatcher answers UNKNOWN_COMMAND, so nothing here can reach real hardware.
 */
import { z } from 'zod'
import { cardTypeSchema } from '../domain/idCard'
import { emulatorCardSchema } from '../domain/demo/emulatorCard'
import { emulatorFaultKinds } from '../domain/demo/emulatorFaults'
import { defineCommands } from './define'

export const emulatorCardSummarySchema = z.object({
  index: z.number().int(),
  /** Chinese; `labelEn` for the English UI. Names in either are the card's, never translated. */
  label: z.string(),
  labelEn: z.string(),
  cardType: cardTypeSchema,
  name: z.string(),
  nameEn: z.string().optional(),
  isPlaced: z.boolean(),
})
export type EmulatorCardSummary = z.infer<typeof emulatorCardSummarySchema>

export const demoCardsSchema = z.object({
  cards: z.array(emulatorCardSummarySchema),
  /** Index of the card on the reader; null when none, or when an ad-hoc card lies there. */
  placedIndex: z.number().int().nullable(),
  isPlugged: z.boolean(),
})
export type DemoCards = z.infer<typeof demoCardsSchema>

const empty = z.object({}).strict()

export const demoCommands = defineCommands({
  'demo.idcard.listCards': {
    summary: 'Demo hall: the cards the emulated reader can be given',
    input: empty,
    output: demoCardsSchema,
  },
  'demo.idcard.place': {
    summary: 'Demo hall: lay a card on the emulated reader (an index from listCards, or a card of its own)',
    input: z.union([
      z.object({ cardIndex: z.number().int().min(0, '证件序号从 0 开始') }).strict(),
      z.object({ card: emulatorCardSchema }).strict(),
    ]),
    output: demoCardsSchema,
  },
  'demo.idcard.remove': {
    summary: 'Demo hall: lift the card off the emulated reader',
    input: empty,
    output: demoCardsSchema,
  },
  'demo.idcard.fault': {
    summary: 'Demo hall: inject a reader fault (checksum, split, silence, garbage, unplug, replug, clear)',
    input: z.object({ kind: z.enum(emulatorFaultKinds) }).strict(),
    output: demoCardsSchema,
  },
  'demo.scanner.simulate': {
    summary: 'Demo hall: scan a code on the emulated serial scanner; it comes back as a real scanner.scanned',
    input: z
      .object({
        text: z
          .string()
          .trim()
          .min(1, '请输入要模拟扫描的条码')
          .max(256, '条码最长 256 个字符')
          .regex(/^[\x20-\x7e]+$/, '条码只能包含 ASCII 可见字符'),
      })
      .strict(),
    output: z.object({ devicePath: z.string() }),
  },
  'demo.carrier.advance': {
    summary: 'Demo hall: move the carrier emulator’s clock ahead so demo parcels travel (picked up → 签收 in about 24 h), then ask it for tracking at once',
    input: z.object({ hours: z.number().positive('快进的小时数应大于 0').max(240, '一次最多快进 240 小时') }).strict(),
    output: z.object({
      /** The emulator's clock after the move (ISO 8601). */
      carrierNow: z.string(),
      /** The tracking poll that followed: shipments asked about, and those that moved. */
      asked: z.number().int(),
      changed: z.number().int(),
    }),
  },
})

export type DemoCommandName = keyof typeof demoCommands & string

export function isDemoCommandName(name: string): name is DemoCommandName {
  return Object.prototype.hasOwnProperty.call(demoCommands, name)
}
