/**
 * Live Code 128 scanning from a USB camera with quagga2: the camera picture
 * with a viewfinder frame, and a reading accepted only when consecutive
 * decodes agree (ReadingAgreement), so a smudged frame never becomes a scan.
 */
import Quagga, { type QuaggaJSResultObject } from '@ericblade/quagga2'
import { Alert, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ReadingAgreement } from '../hooks/readingAgreement'
import './cameraViews.css'
import { reportCameraError } from '../hooks/useCameraLight'

export interface CameraScannerProps {
  /** An accepted reading (already agreed across frames). */
  onDetected: (code: string) => void
  /** A specific camera (MediaDeviceInfo.deviceId); the default camera when absent. */
  deviceId?: string | undefined
}

type CameraState = { kind: 'starting' } | { kind: 'aiming' } | { kind: 'failed'; message: string }

/** quagga2 is one instance per page: start and stop run one after another, never overlapping. */
let quaggaQueue: Promise<unknown> = Promise.resolve()
function serially<T>(step: () => Promise<T>): Promise<T> {
  const next = quaggaQueue.then(step, step)
  quaggaQueue = next.catch(() => undefined)
  return next
}

export function cameraErrorKey(err: unknown): { key: string; reason: string } {
  const name = err instanceof Error || err instanceof DOMException ? err.name : ''
  const reason = err instanceof Error || err instanceof DOMException ? err.message : String(err)
  if (name === 'NotAllowedError' || name === 'SecurityError') return { key: 'cameraDenied', reason }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { key: 'cameraMissing', reason }
  if (name === 'NotReadableError' || name === 'AbortError') return { key: 'cameraBusy', reason }
  return { key: 'cameraFailed', reason }
}

export function CameraScanner({ onDetected, deviceId }: CameraScannerProps): React.JSX.Element {
  const { t } = useTranslation('scanning')
  const viewport = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<CameraState>({ kind: 'starting' })
  const [lastRead, setLastRead] = useState<string | null>(null)
  const onDetectedRef = useRef(onDetected)
  onDetectedRef.current = onDetected

  useEffect(() => {
    const target = viewport.current
    if (!target) return
    let live = true
    const agreement = new ReadingAgreement({ required: 3 })
    const onResult = (result: QuaggaJSResultObject): void => {
      const code = result.codeResult?.code
      if (!live || !code) return
      const accepted = agreement.push(code, performance.now())
      if (accepted) {
        setLastRead(accepted)
        onDetectedRef.current(accepted)
      }
    }
    setState({ kind: 'starting' })
    void serially(async () => {
      if (!live) return
      await Quagga.init({
        inputStream: {
          type: 'LiveStream',
          target,
          constraints: { width: { ideal: 640 }, height: { ideal: 480 }, ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'environment' }) },
          // Without a processing size quagga2 never decoded 640×480 camera frames (toolchain.md).
          size: 800,
        },
        locator: { halfSample: true, patchSize: 'medium' },
        numOfWorkers: 0,
        // One decode per frame at 15 fps is what the bench shows this machine class affords.
        frequency: 15,
        locate: true,
        decoder: { readers: ['code_128_reader'] },
      })
      if (!live) {
        await Quagga.stop()
        return
      }
      Quagga.onDetected(onResult)
      Quagga.start()
      setState({ kind: 'aiming' })
    }).catch((err: unknown) => {
      if (!live) return
      reportCameraError(err)
      const { key, reason } = cameraErrorKey(err)
      setState({ kind: 'failed', message: t(key, { reason }) })
    })
    return () => {
      live = false
      void serially(async () => {
        Quagga.offDetected(onResult)
        await Quagga.stop()
      })
    }
  }, [deviceId, t])

  return (
    <div className="camera-scanner" data-testid="camera-scanner">
      <div className="camera-viewport" ref={viewport}>
        <div className="camera-viewfinder" aria-hidden="true">
          <div className="camera-scanline" />
        </div>
      </div>
      {state.kind === 'failed' ? (
        <Alert type="error" showIcon message={state.message} data-testid="camera-error" />
      ) : (
        <Typography.Text type={lastRead ? 'success' : 'secondary'} data-testid="camera-scan-status">
          {lastRead ? t('cameraRead', { code: lastRead }) : state.kind === 'starting' ? t('cameraStarting') : t('cameraAiming')}
        </Typography.Text>
      )}
    </div>
  )
}
