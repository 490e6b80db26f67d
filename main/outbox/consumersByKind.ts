/**
 * One lane, several kinds of effect: the carrier's lane creates and cancels
 * shipments, each kind by its own consumer. Rows of one case share an order
 * key whatever their kind, so a cancel runs only after the create before it.
 */
import type { OutboxConsumer, OutboxContext, OutboxOutcome, OutboxRow } from './outboxConsumer'

export class ConsumersByKind implements OutboxConsumer {
  constructor(private readonly byKind: Readonly<Record<string, OutboxConsumer>>) {}

  handle(row: OutboxRow, ctx: OutboxContext): Promise<OutboxOutcome> {
    const consumer = Object.prototype.hasOwnProperty.call(this.byKind, row.kind) ? this.byKind[row.kind] : undefined
    if (!consumer) {
      return Promise.resolve({ kind: 'park', reason: `外发通道 ${row.lane} 没有处理“${row.kind}”任务的程序（外发作业 #${row.id}）`, errorClass: 'bad_payload' })
    }
    return consumer.handle(row, ctx)
  }
}
