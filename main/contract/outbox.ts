import { z } from 'zod'
import { defineCommands, defineEvents } from './define'

const laneCountsSchema = z.object({
  waiting: z.number().int(),
  leased: z.number().int(),
  parked: z.number().int(),
  oldestWaitingAt: z.string().nullable(),
})

/** The outbox at a glance: what the status bar shows. */
export const outboxStatsSchema = z.object({
  /** The hall time the counts were taken; the oldest row's age is measured from it. */
  at: z.string(),
  /** Effects not yet carried out (waiting or in flight). */
  backlog: z.number().int(),
  /** When the oldest of them was queued. */
  oldestWaitingAt: z.string().nullable(),
  /** Effects a person must retry or cancel. */
  parked: z.number().int(),
  byLane: z.record(z.string(), laneCountsSchema),
})
export type OutboxStatsView = z.infer<typeof outboxStatsSchema>

/** One row as staff see it. No payload: it may hold a recipient's phone and address. */
export const outboxRowSchema = z.object({
  id: z.number().int(),
  lane: z.string(),
  kind: z.string(),
  caseNo: z.string().nullable(),
  state: z.enum(['waiting', 'leased', 'done', 'parked', 'cancelled']),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  lastErrorClass: z.string().nullable(),
  /** An attempt may have had its effect; the consumer checks before trying again. */
  uncertain: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type OutboxRowView = z.infer<typeof outboxRowSchema>

const decisionInput = z
  .object({
    id: z.number().int().positive(),
    reason: z.string().trim().min(2, '请写明原因（至少 2 个字，记入审计）').max(200),
  })
  .strict()

export const outboxCommands = defineCommands({
  'outbox.stats': {
    summary: 'The outbox backlog, its oldest waiting row and the parked count, per lane',
    input: z.object({}).strict(),
    output: outboxStatsSchema,
  },
  'outbox.list': {
    summary: 'Outbox rows parked for a person, or still waiting, oldest first',
    input: z
      .object({
        state: z.enum(['parked', 'waiting']).default('parked'),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(outboxRowSchema),
  },
  'outbox.retry': {
    summary: 'Queue a parked outbox row again, with a reason (audited)',
    input: decisionInput,
    output: outboxRowSchema,
  },
  'outbox.cancel': {
    summary: 'Cancel a parked outbox row for good, with a reason (audited)',
    input: decisionInput,
    output: outboxRowSchema,
  },
})

export const outboxEvents = defineEvents({
  'outbox.changed': outboxStatsSchema,
})
