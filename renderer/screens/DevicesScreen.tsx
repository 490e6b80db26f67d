import { Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { DeviceStatus } from '../../main/contract/system'
import { LightBadge, useLightMessage } from '../components/DeviceLights'
import { ScreenFrame } from '../components/ScreenFrame'
import { TapCardPanel } from '../components/TapCardPanel'
import { useDeviceStatuses } from '../hooks/useDeviceStatuses'

export function DevicesScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const statuses = useDeviceStatuses()
  const messageOf = useLightMessage()
  return (
    <ScreenFrame title={t('screens.devices')} testId="devices">
      <Table<DeviceStatus>
        rowKey="device"
        size="middle"
        pagination={false}
        dataSource={statuses}
        columns={[
          { title: t('devicesTable.device'), dataIndex: 'device', render: (d: DeviceStatus['device']) => t(`device.${d}`) },
          {
            title: t('devicesTable.state'),
            dataIndex: 'state',
            render: (state: DeviceStatus['state'], row) => (
              <>
                <LightBadge state={state} text={t(`state.${state}`)} />
                {row.isEmulated ? <Tag style={{ marginLeft: 8 }}>{t('emulated')}</Tag> : null}
              </>
            ),
          },
          { title: t('devicesTable.message'), dataIndex: 'message', render: (_message: string, row) => messageOf(row) },
          { title: t('devicesTable.changedAt'), dataIndex: 'changedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
        ]}
      />
      {/* Demo hall: tap an emulated card here; it travels the real reader path. */}
      <div style={{ marginTop: 16 }}>
        <TapCardPanel />
      </div>
    </ScreenFrame>
  )
}
