import { z } from 'zod'
import { defineCommands, defineEvents } from './define'

export const profileSchema = z.enum(['window', 'courier', 'agent', 'review', 'output'])

export const deviceKindSchema = z.enum(['idcard', 'scanner', 'camera', 'receiptPrinter', 'labelPrinter', 'network', 'database', 'calendar'])

/** Every light in the top bar: a device or link, in words and colour, with when it last changed. */
export const deviceStatusSchema = z.object({
  device: deviceKindSchema,
  /**
   * `preview`: no printer connected, documents are shown on screen (a receipt or
   * label printer in preview mode) — its own light, never the green of a ready printer.
   */
  state: z.enum(['ok', 'busy', 'warning', 'error', 'off', 'preview']),
  /** Short human text, zh-CN (the renderer may translate by `reason`). */
  message: z.string(),
  /** Stable machine reason, e.g. `emulator`, `not_configured`, `unplugged`, `paper_out`. */
  reason: z.string(),
  /** The variable parts of `message` (a year, a count), for a translation by `reason`. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** true when the device is an emulator (demo hall). */
  isEmulated: z.boolean(),
  changedAt: z.string(),
})
export type DeviceStatus = z.infer<typeof deviceStatusSchema>

export const sessionSchema = z.object({
  operator: z.string().nullable(),
  signedInAt: z.string().nullable(),
})

export const systemCommands = defineCommands({
  'system.info': {
    summary: 'Station identity, profile, version and whether it runs on emulators',
    input: z.object({}).strict(),
    output: z.object({
      appName: z.string(),
      version: z.string(),
      stationId: z.string(),
      stationName: z.string(),
      hallName: z.string(),
      regionCode: z.string(),
      profile: profileSchema,
      /** The department this station reviews (station config `department`), with its catalog name; null where none is set. */
      department: z.object({ code: z.string(), name: z.string() }).nullable(),
      /** The bank branch of an `agent` station (代办网点); null on every other profile. */
      agent: z.object({ branchName: z.string(), branchCode: z.string() }).nullable(),
      isDemo: z.boolean(),
      transport: z.enum(['electron', 'station']),
      startedAt: z.string(),
    }),
  },
  'session.get': {
    summary: 'Who is signed in at this station',
    input: z.object({}).strict(),
    output: sessionSchema,
  },
  'session.signIn': {
    summary: 'Sign an operator in at this station (every later write records them)',
    input: z
      .object({
        operator: z
          .string()
          .trim()
          .min(1, '请输入工号或姓名')
          .max(32, '工号或姓名最长 32 个字符'),
      })
      .strict(),
    output: sessionSchema,
  },
  'session.signOut': {
    summary: 'Sign the operator out',
    input: z.object({}).strict(),
    output: sessionSchema,
  },
  'devices.reportCamera': {
    summary: 'The page reports the cameras it sees (the camera lives in the renderer, the light in main)',
    input: z
      .object({
        count: z.number().int().min(0).max(16),
        /** getUserMedia's error name when opening a camera failed (NotAllowedError, NotReadableError…). */
        error: z.string().max(80).optional(),
      })
      .strict(),
    output: deviceStatusSchema,
  },
  'devices.list': {
    summary: 'The status of every device and link',
    input: z.object({}).strict(),
    output: z.array(deviceStatusSchema),
  },
})

export const systemEvents = defineEvents({
  'device.status': deviceStatusSchema,
  'session.changed': sessionSchema,
})
