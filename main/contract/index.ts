/**
 * The one contract between renderer and main. Every command's input and output
 * schema and every pushed event live in a fragment under ./contract/ and are
 * merged here; both transports, the preload and the renderer's types come from it.
 */
import type { z } from 'zod'
import { systemCommands, systemEvents } from './system'
import { scannerCommands, scannerEvents } from './scanner'
import { casesCommands, casesEvents } from './cases'
import { idcardCommands, idcardEvents } from './idcard'
import { printingCommands, printingEvents } from './printing'
import { attachmentsCommands, attachmentsEvents } from './attachments'
import { demoCommands } from './demo'
import { outboxCommands, outboxEvents } from './outbox'
import { dispatchCommands, dispatchEvents } from './dispatch'
import { outputCommands } from './output'
import { ratingsCommands, ratingsEvents } from './ratings'
import { operatorsCommands } from './operators'
import { keysCommands } from './keys'
import { reportsCommands } from './reports'

export const commands = {
  ...systemCommands,
  ...scannerCommands,
  ...casesCommands,
  ...idcardCommands,
  ...printingCommands,
  ...attachmentsCommands,
  ...outboxCommands,
  ...dispatchCommands,
  ...outputCommands,
  ...ratingsCommands,
  ...operatorsCommands,
  ...keysCommands,
  ...reportsCommands,
  ...demoCommands,
} as const

export const events = {
  ...systemEvents,
  ...scannerEvents,
  ...casesEvents,
  ...idcardEvents,
  ...printingEvents,
  ...attachmentsEvents,
  ...outboxEvents,
  ...dispatchEvents,
  ...ratingsEvents,
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands & string
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>
export type CommandParsedInput<N extends CommandName> = z.output<Commands[N]['input']>
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>

export type Events = typeof events
export type EventName = keyof Events & string
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const commandNames = Object.keys(commands) as CommandName[]

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name)
}

