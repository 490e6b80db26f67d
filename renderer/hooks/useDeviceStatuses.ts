import type { DeviceStatus } from '../../main/contract/system'
import { call } from '../bridge/client'
import { sharedCommandStateHook } from './useCommandState'

/** One device's pushed light replaces its row (or adds it: a device listed late). */
function withStatus(current: DeviceStatus[], status: DeviceStatus): DeviceStatus[] {
  const index = current.findIndex((s) => s.device === status.device)
  if (index < 0) return [...current, status]
  const next = [...current]
  next[index] = status
  return next
}

/**
 * Every device light: loaded once, then kept current by `device.status`
 * pushes — one load and one subscription for the window, shared by the top
 * bar and the devices screen.
 */
const useDeviceStatusState = sharedCommandStateHook<DeviceStatus[], 'device.status'>({
  initial: [],
  load: () => call('devices.list', {}),
  push: { event: 'device.status', apply: withStatus },
})

export function useDeviceStatuses(): DeviceStatus[] {
  return useDeviceStatusState().value
}
