import type { OutboxStatsView } from '../../main/contract/outbox'
import { call } from '../bridge/client'
import { sharedCommandStateHook } from './useCommandState'

const EMPTY: OutboxStatsView = { at: new Date(0).toISOString(), backlog: 0, oldestWaitingAt: null, parked: 0, byLane: {} }

/** The outbox's counts: loaded once, then replaced by each `outbox.changed` push (one subscription for the window). */
export const useOutboxStats = sharedCommandStateHook<OutboxStatsView, 'outbox.changed'>({
  initial: EMPTY,
  load: () => call('outbox.stats', {}),
  push: { event: 'outbox.changed', apply: (_current, stats) => stats },
})
