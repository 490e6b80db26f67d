import type { CommandOutput } from '../../main/contract'
import { call } from '../bridge/client'
import { sharedCommandStateHook } from './useCommandState'

export type StationInfo = CommandOutput<'system.info'>

/**
 * The station's identity and profile (`system.info`), loaded once for the
 * window: screens that work differently on an agent station (代办) read it
 * here. null until it has answered.
 */
export const useStationInfo = sharedCommandStateHook<StationInfo | null>({
  initial: null,
  load: () => call('system.info', {}),
})
