import { z } from 'zod'
import { cardSchema } from '../domain/idCard'
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
  /** As the service runs it: an emulated reader is a serial port too (isEmulated says so). */
  mode: z.enum(['serial', 'off']),
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

const empty = z.object({}).strict()

export const idcardCommands = defineCommands({
  'idcard.status': {
    summary: 'The ID card reader: mode, state, port and SAM ID',
    input: empty,
    output: idcardStatusSchema,
  },
})

export const idcardEvents = defineEvents({
  'idcard.read': idcardReadSchema,
})
