import { Badge, Space, Tooltip } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { DeviceStatus } from '../../main/contract/system'

export const stateColours: Record<DeviceStatus['state'], 'success' | 'processing' | 'warning' | 'error' | 'default'> = {
  ok: 'success',
  busy: 'processing',
  warning: 'warning',
  error: 'error',
  off: 'default',
}

/** One dot and word per device, the detail and time of the last change on hover. */
export function DeviceLights({ statuses }: { statuses: DeviceStatus[] }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <Space size="middle" data-testid="device-lights" wrap>
      {statuses.map((s) => (
        <Tooltip
          key={s.device}
          title={`${s.message}${s.isEmulated ? `（${t('emulated')}）` : ''} · ${t('changedAt', { time: dayjs(s.changedAt).format('HH:mm:ss') })}`}
        >
          <span data-testid={`light-${s.device}`} data-state={s.state} className="device-light">
            <Badge status={stateColours[s.state]} text={t(`device.${s.device}`)} />
          </span>
        </Tooltip>
      ))}
    </Space>
  )
}
