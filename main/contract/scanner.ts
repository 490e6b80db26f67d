import { z } from 'zod'
import { defineCommands, defineEvents } from './define'

/** What the renderer's keyboard-wedge detector needs from station.json (devices.scanner). */
export const wedgeSettingsSchema = z.object({
  minLength: z.number().int().min(1),
  maxAvgGapMs: z.number().int().min(1),
  maxGapMs: z.number().int().min(1),
  /** A character the scanner sends before each code, or null. */
  prefix: z.string().nullable(),
})
export type WedgeSettings = z.infer<typeof wedgeSettingsSchema>

export const scannerCommands = defineCommands({
  'scanner.settings': {
    summary: 'How barcode scanners reach this station (wedge, serial, off) and the wedge thresholds',
    input: z.object({}).strict(),
    output: z.object({
      /** An emulated scanner is a serial one to the station (the demo hall's light says it is emulated). */
      mode: z.enum(['wedge', 'serial', 'off']),
      wedge: wedgeSettingsSchema,
    }),
  },
})

export const scannerEvents = defineEvents({
  /** A serial scanner (real or emulated) read a code; keyboard-wedge scans never leave the renderer. */
  'scanner.scanned': z.object({
    text: z.string(),
    source: z.literal('serial'),
    at: z.string(),
  }),
})
