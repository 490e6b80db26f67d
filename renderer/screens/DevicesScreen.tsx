import { Alert, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { KeyStorageDto } from '../../main/contract/keys'
import type { DeviceStatus } from '../../main/contract/system'
import { accessFor } from '../../main/domain/access'
import { call } from '../bridge/client'
import { LightBadge, useLightMessage } from '../components/DeviceLights'
import { ScreenFrame } from '../components/ScreenFrame'
import { TapCardPanel } from '../components/TapCardPanel'
import { useCommandState } from '../hooks/useCommandState'
import { useDeviceStatuses } from '../hooks/useDeviceStatuses'
import { useSession } from '../hooks/useSession'

/** Where the master key is kept (OS keychain or key file) and why, in words a hall's IT can act on. */
function KeyStorageLine(): React.JSX.Element | null {
  const { t } = useTranslation()
  const role = useSession().value.role
  // Asked only by a role the permission table lets see it: a refused command would be an audit row for nothing.
  const allowed = role !== null && accessFor(role, 'keys.storage', {}).ok
  const { value } = useCommandState<KeyStorageDto | null>(allowed ? `keys:${role}` : 'keys:none', {
    initial: null,
    load: () => (allowed ? call('keys.storage', {}) : Promise.resolve(null)),
  })
  if (!value) return null
  return (
    <Alert
      type={value.where === 'keychain' ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="key-storage"
      data-where={value.where}
      title={t(`keyStorage.${value.reason}`, { backend: value.backend ?? '', file: value.file })}
    />
  )
}

export function DevicesScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const statuses = useDeviceStatuses()
  const messageOf = useLightMessage()
  return (
    <ScreenFrame title={t('screens.devices')} testId="devices">
      <KeyStorageLine />
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
