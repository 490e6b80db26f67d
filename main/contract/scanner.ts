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
    summary: 'How barcode scanners reach this station (wedge, serial, emulator, off) and the wedge thresholds',
    input: z.object({}).strict(),
    output: z.object({
      mode: z.enum(['wedge', 'serial', 'emulator', 'off']),
      wedge: wedgeSettingsSchema,
    }),
  },
  'scanner.simulate': {
    summary: 'Scan a code on the emulated serial scanner (demo hall and tests; mode emulator only)',
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
})

export const scannerEvents = defineEvents({
  /** A serial scanner (real or emulated) read a code; keyboard-wedge scans never leave the renderer. */
  'scanner.scanned': z.object({
    text: z.string(),
    source: z.literal('serial'),
    at: z.string(),
  }),
})
