/**
 * Mounted once by the app: routes every scan (wedge, serial, camera), holds
 * the scan messages, and owns the camera-scan dialog (F8, or the top bar's
 * button) whose readings join the same routing.
 */
import { ScanOutlined } from '@ant-design/icons'
import { Button, Select, Space, Tooltip } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../main/contract'
import { useCameraChoice } from '../hooks/useCameras'
import { useScanRouting } from '../hooks/useScanRouting'
import { CameraScanner } from './CameraScanner'
import { Dialog } from './Dialog'

type Profile = CommandOutput<'system.info'>['profile']

const OPEN_EVENT = 'onewindow:camera-scan'
/** How long an accepted camera reading stays on screen before the dialog gets out of the way. */
const CLOSE_AFTER_READ_MS = 1200

export function openCameraScan(): void {
  window.dispatchEvent(new Event(OPEN_EVENT))
}

/** The top bar's button for the camera-scan dialog. */
export function CameraScanButton(): React.JSX.Element {
  const { t } = useTranslation('scanning')
  return (
    // Short words beside the icon (the top bar is one row at 1366 wide); the whole name and its key on hover and for screen readers.
    <Tooltip title={`${t('cameraScan')} (F8)`}>
      <Button size="small" icon={<ScanOutlined />} data-testid="camera-scan-open" aria-label={t('cameraScan')} onClick={openCameraScan}>
        {t('cameraScanShort')}
      </Button>
    </Tooltip>
  )
}

export function ScanRouting({ profile }: { profile: Profile | null }): React.JSX.Element {
  const { t } = useTranslation('scanning')
  const { route, messages } = useScanRouting(profile)
  const [open, setOpen] = useState(false)
  const camera = useCameraChoice('barcode')
  const closeTimer = useRef<number | null>(null)

  useEffect(() => {
    const onOpen = (): void => setOpen(true)
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'F8' || event.ctrlKey || event.altKey || event.metaKey) return
      event.preventDefault()
      setOpen((was) => !was)
    }
    window.addEventListener(OPEN_EVENT, onOpen)
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener(OPEN_EVENT, onOpen)
      window.removeEventListener('keydown', onKey)
      if (closeTimer.current !== null) window.clearTimeout(closeTimer.current)
    }
  }, [])

  const onDetected = useCallback(
    (code: string): void => {
      void route(code, 'camera')
      if (closeTimer.current !== null) window.clearTimeout(closeTimer.current)
      closeTimer.current = window.setTimeout(() => setOpen(false), CLOSE_AFTER_READ_MS)
    },
    [route],
  )

  return (
    <>
      {messages}
      <Dialog
        open={open}
        title={t('cameraScan')}
        footer={null}
        width={560}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        data-testid="camera-scan-dialog"
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{t('cameraScanHint')}</span>
          {camera.cameras.length > 1 ? (
            <Select
              style={{ width: '100%' }}
              value={camera.deviceId ?? ''}
              onChange={(value: string) => camera.choose(value || undefined)}
              options={[{ value: '', label: t('cameraDefault') }, ...camera.cameras.map((c, i) => ({ value: c.deviceId, label: c.label || `${t('cameraChoose')} ${i + 1}` }))]}
            />
          ) : null}
          {open ? <CameraScanner deviceId={camera.deviceId} onDetected={onDetected} /> : null}
        </Space>
      </Dialog>
    </>
  )
}
