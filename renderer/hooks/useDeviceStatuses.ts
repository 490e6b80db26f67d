import { useEffect, useState } from 'react'
import type { DeviceStatus } from '../../main/api/contract/system'
import { call, useEvent } from '../bridge/client'

/** Every device light: loaded once, then kept current by `device.status` pushes. */
export function useDeviceStatuses(): DeviceStatus[] {
  const [statuses, setStatuses] = useState<DeviceStatus[]>([])
  useEffect(() => {
    let live = true
    call('devices.list', {}).then(
      (list) => live && setStatuses(list),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  useEvent('device.status', (status) => {
    setStatuses((current) => {
      const index = current.findIndex((s) => s.device === status.device)
      if (index < 0) return [...current, status]
      const next = [...current]
      next[index] = status
      return next
    })
  })
  return statuses
}
