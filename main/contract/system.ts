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

export const roleSchema = z.enum(['window', 'reviewer', 'output', 'courier', 'agent', 'supervisor'])

/** The operator signed in on this window or tab (each has its own), or nobody. */
export const sessionSchema = z.object({
  /** The label every write records: `王晓明 A0123`; null when nobody is signed in. */
  operator: z.string().nullable(),
  operatorId: z.string().nullable(),
  name: z.string().nullable(),
  role: roleSchema.nullable(),
  signedInAt: z.string().nullable(),
  /** The station signs out after this many seconds without a command (the page counts keystrokes the same). */
  idleSeconds: z.number(),
})

export const systemCommands = defineCommands({
  'system.clock': {
    summary: "The hall's time and today's date by the station's clock (not this browser's): what a screen calls today",
    input: z.object({}).strict(),
    output: z.object({ now: z.string(), today: z.string() }),
  },
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
      /** The demo hall's accounts (id, name, role, PIN), printed on its start line too; null on a real station. */
      demoOperators: z.array(z.object({ id: z.string(), name: z.string(), role: roleSchema, pin: z.string() })).nullable(),
    }),
  },
  'session.get': {
    summary: 'Who is signed in at this station',
    input: z.object({}).strict(),
    output: sessionSchema,
  },
  'session.signIn': {
    summary: 'Sign an operator in on this window or tab: operator id typed or their own ID card tapped, and the PIN; answers the token the tab sends with every later command',
    input: z
      .object({
        /** The operator id (工号), or the ID number read from the operator's own card. */
        operator: z.string().trim().min(1, '请输入工号或刷本人身份证').max(32, '工号最长 32 个字符'),
        pin: z.string().min(1, '请输入密码').max(64, '密码最长 64 个字符'),
      })
      .strict(),
    output: z.object({ token: z.string(), session: sessionSchema }),
  },
  'session.signOut': {
    summary: 'Sign this window or tab out (its draft stays)',
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
})
