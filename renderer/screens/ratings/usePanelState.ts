/**
 * The rating offered at this station and how many customer panels are
 * attached: loaded once, kept current by `ratings.panelChanged` pushes (one
 * subscription for the whole window).
 */
import type { CommandOutput } from '../../../main/contract'
import { call } from '../../bridge/client'
import { sharedCommandStateHook } from '../../hooks/useCommandState'

export type PanelState = CommandOutput<'ratings.pending'>

export const usePanelState = sharedCommandStateHook<PanelState, 'ratings.panelChanged'>({
  initial: { offer: null, panels: 0 },
  load: () => call('ratings.pending', {}),
  push: { event: 'ratings.panelChanged', apply: (_current, next) => next },
})
