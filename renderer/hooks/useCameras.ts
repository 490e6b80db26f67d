/**
 * The cameras on this counter PC and which one each job uses. A counter often
 * has two USB cameras (a barcode camera and the document camera, 高拍仪);
 * each job remembers its own choice on this machine.
 */
import { useCallback, useEffect, useState } from 'react'

export interface CameraChoice {
  cameras: MediaDeviceInfo[]
  /** undefined = the default camera. */
  deviceId: string | undefined
  choose(deviceId: string | undefined): void
}

export function useCameraChoice(job: 'barcode' | 'document'): CameraChoice {
  const storageKey = `onewindow.camera.${job}`
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([])
  const [deviceId, setDeviceId] = useState<string | undefined>(() => localStorage.getItem(storageKey) ?? undefined)

  useEffect(() => {
    const media = navigator.mediaDevices
    if (!media?.enumerateDevices) return
    let live = true
    const refresh = (): void => {
      media.enumerateDevices().then(
        (devices) => live && setCameras(devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== '')),
        () => live && setCameras([]),
      )
    }
    refresh()
    // A camera plugged in or out while the dialog is open shows up without a reload.
    media.addEventListener('devicechange', refresh)
    return () => {
      live = false
      media.removeEventListener('devicechange', refresh)
    }
  }, [])

  // A remembered camera that is no longer plugged in falls back to the default.
  const present = deviceId === undefined || cameras.length === 0 || cameras.some((c) => c.deviceId === deviceId)

  const choose = useCallback(
    (next: string | undefined): void => {
      if (next) localStorage.setItem(storageKey, next)
      else localStorage.removeItem(storageKey)
      setDeviceId(next)
    },
    [storageKey],
  )
  return { cameras, deviceId: present ? deviceId : undefined, choose }
}
