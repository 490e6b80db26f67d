/**
 * The camera lives in the page, the status light in main: count the cameras
 * (no permission needed to count) and report whenever one is plugged or pulled.
 */
import { useEffect } from 'react'
import { call } from '../bridge/client'

export function reportCameraError(error: unknown): void {
  const name = error instanceof DOMException ? error.name : error instanceof Error ? error.message : String(error)
  void call('devices.reportCamera', { count: 0, error: name.slice(0, 80) }).catch(() => undefined)
}

export function useCameraLight(): void {
  useEffect(() => {
    const media = navigator.mediaDevices
    if (!media?.enumerateDevices) {
      void call('devices.reportCamera', { count: 0 }).catch(() => undefined)
      return
    }
    const report = (): void => {
      media.enumerateDevices().then(
        (devices) => call('devices.reportCamera', { count: devices.filter((d) => d.kind === 'videoinput').length }),
        (err: unknown) => reportCameraError(err),
      ).catch(() => undefined)
    }
    report()
    media.addEventListener('devicechange', report)
    return () => media.removeEventListener('devicechange', report)
  }, [])
}
