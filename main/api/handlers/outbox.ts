/** Outbox handlers: one line each, the outbox service does the work. */
import type { Handler } from '../dispatcher'

export const outboxStats: Handler<'outbox.stats'> = (_input, { services }) => services.outbox.stats()
export const outboxList: Handler<'outbox.list'> = (input, { services }) => services.outbox.list(input)
export const outboxRetry: Handler<'outbox.retry'> = (input, { services }) => services.outbox.retry(input)
export const outboxCancel: Handler<'outbox.cancel'> = (input, { services }) => services.outbox.cancel(input)
