/**
 * The document camera (高拍仪): a live picture of the material on the desk,
 * a still on Capture (Space), then Use (Enter) or Retake (Esc). The still is
 * a JPEG drawn from the video into a canvas, with a small thumbnail for lists.
 */
import { Alert, Button, Space } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cameraErrorKey } from './CameraScanner'
import './cameraViews.css'
import { reportCameraError } from '../hooks/useCameraLight'

export interface CapturedPhoto {
  mime: 'image/jpeg'
  /** base64 without the data: prefix, as `attachments.add` takes it. */
  imageBase64: string
  thumbnailBase64: string
  width: number
  height: number
  sizeBytes: number
  /** For the still preview. */
  previewUrl: string
}

export interface DocumentCameraProps {
  /** Resolves when the photo is stored; a rejection keeps the still on screen to retry. */
  onUse: (photo: CapturedPhoto) => Promise<void>
  deviceId?: string | undefined
}

/** 0.85: text on a form stays sharp while a 5 MP page stays near 1–2 MB. */
const JPEG_QUALITY = 0.85
const THUMBNAIL_WIDTH = 160

function canvasBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法生成 JPEG'))), 'image/jpeg', quality))
}

function blobBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('无法读取照片'))
    reader.readAsDataURL(blob)
  })
}

export async function captureStill(video: HTMLVideoElement): Promise<CapturedPhoto> {
  const width = video.videoWidth
  const height = video.videoHeight
  if (!width || !height) throw new Error('摄像头尚未出图，请稍候再拍')
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  canvas.getContext('2d')?.drawImage(video, 0, 0, width, height)
  const blob = await canvasBlob(canvas, JPEG_QUALITY)
  const thumb = document.createElement('canvas')
  thumb.width = THUMBNAIL_WIDTH
  thumb.height = Math.max(1, Math.round((height / width) * THUMBNAIL_WIDTH))
  thumb.getContext('2d')?.drawImage(canvas, 0, 0, thumb.width, thumb.height)
  const thumbnail = await canvasBlob(thumb, 0.7)
  return {
    mime: 'image/jpeg',
    imageBase64: await blobBase64(blob),
    thumbnailBase64: await blobBase64(thumbnail),
    width,
    height,
    sizeBytes: blob.size,
    previewUrl: URL.createObjectURL(blob),
  }
}

export function DocumentCamera({ onUse, deviceId }: DocumentCameraProps): React.JSX.Element {
  const { t } = useTranslation('scanning')
  const video = useRef<HTMLVideoElement>(null)
  const [still, setStill] = useState<CapturedPhoto | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setSaving] = useState(false)
  const [isLive, setLive] = useState(false)

  useEffect(() => {
    let stream: MediaStream | null = null
    let live = true
    // A document camera's full resolution: small print on a licence must stay legible.
    const constraints: MediaStreamConstraints = {
      video: { width: { ideal: 2592 }, height: { ideal: 1944 }, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) },
      audio: false,
    }
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then(async (s) => {
        if (!live) {
          s.getTracks().forEach((track) => track.stop())
          return
        }
        stream = s
        const element = video.current
        if (!element) return
        element.srcObject = s
        await element.play()
        if (live) setLive(true)
      })
      .catch((err: unknown) => {
        if (!live) return
        reportCameraError(err)
        const { key, reason } = cameraErrorKey(err)
        setError(t(key, { reason }))
      })
    return () => {
      live = false
      stream?.getTracks().forEach((track) => track.stop())
    }
  }, [deviceId, t])

  useEffect(() => () => {
    if (still) URL.revokeObjectURL(still.previewUrl)
  }, [still])

  const capture = useCallback(async (): Promise<void> => {
    if (!video.current) return
    try {
      setError(null)
      setStill(await captureStill(video.current))
    } catch (err) {
      setError(t('cameraFailed', { reason: err instanceof Error ? err.message : String(err) }))
    }
  }, [t])

  const keep = useCallback(async (): Promise<void> => {
    if (!still || isSaving) return
    setSaving(true)
    setError(null)
    try {
      await onUse(still)
    } catch (err) {
      setError(t('photoFailed', { reason: err instanceof Error ? err.message : String(err) }))
    } finally {
      setSaving(false)
    }
  }, [isSaving, onUse, still, t])

  // Keyboard first: Space takes the picture, Enter keeps it, Escape (in the still) retakes.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.altKey || event.metaKey) return
      if (!still && event.key === ' ' && isLive) {
        event.preventDefault()
        void capture()
      } else if (still && event.key === 'Enter') {
        event.preventDefault()
        void keep()
      } else if (still && event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        setStill(null)
      }
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [capture, isLive, still, keep])

  return (
    <div className="document-camera" data-testid="document-camera">
      <div className="camera-viewport">
        <video ref={video} muted playsInline style={{ display: still ? 'none' : 'block' }} />
        {still ? <img className="camera-still" src={still.previewUrl} alt="" data-testid="document-still" /> : <div className="document-viewfinder" aria-hidden="true" />}
      </div>
      {error ? <Alert type="error" showIcon message={error} data-testid="document-camera-error" /> : null}
      <Space>
        {still ? (
          <>
            <Button type="primary" loading={isSaving} onClick={() => void keep()} data-testid="document-use">
              {t('usePhoto')} (Enter)
            </Button>
            <Button disabled={isSaving} onClick={() => setStill(null)} data-testid="document-retake">
              {t('retake')} (Esc)
            </Button>
          </>
        ) : (
          <Button type="primary" disabled={!isLive} onClick={() => void capture()} data-testid="document-capture">
            {t('capture')} (Space)
          </Button>
        )}
      </Space>
    </div>
  )
}
