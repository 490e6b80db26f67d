import type { z } from 'zod'

export interface CommandSpec {
  input: z.ZodType
  output: z.ZodType
  /** One line for the CLI, the docs and error messages. */
  summary: string
}

export type CommandSpecs = Record<string, CommandSpec>
export type EventSpecs = Record<string, z.ZodType>

/** Keeps each fragment's literal keys while checking its shape. */
export const defineCommands = <const T extends CommandSpecs>(specs: T): T => specs
export const defineEvents = <const T extends EventSpecs>(specs: T): T => specs
