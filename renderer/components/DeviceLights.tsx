import { BarcodeOutlined, CalendarOutlined, CameraOutlined, DatabaseOutlined, GlobalOutlined, IdcardOutlined, PrinterOutlined, TagOutlined } from '@ant-design/icons'
import { Badge, Tooltip, theme, type GlobalToken } from 'antd'
import dayjs from 'dayjs'
import type { ComponentType, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceStatus } from '../../main/contract/system'
import { lightLooks, type LightState } from './deviceLightLook'
import { deviceMessage } from '../i18n/deviceMessage'

/** A light's dot (or glyph) and words, the same in the top bar and on the devices screen. */
export function LightBadge({ state, text }: { state: LightState; text: ReactNode }): React.JSX.Element {
  const look = lightLooks[state]
  if (look.kind === 'dot') return <Badge status={look.status} text={text} />
  return (
    <span className="light-screen">
      {/* A small screen: the document is on the monitor, not on paper. */}
      <svg className="light-screen-glyph" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" style={{ color: look.colour }}>
        <rect x="1" y="1.5" width="10" height="7" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M4 11h4M6 8.5V11" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="light-screen-text">{text}</span>
    </span>
  )
}

/** A light's detail in the current language: main's words, by reason in another language (deviceMessage). */
export function useLightMessage(): (status: DeviceStatus) => string {
  const { i18n } = useTranslation()
  return (status) => deviceMessage(status, i18n)
}

type DeviceKind = DeviceStatus['device']

/** Which device a light is, when its words give way: the icon names it, the dot and the icon's colour give its state. */
const deviceIcons: Readonly<Record<DeviceKind, ComponentType<{ style?: React.CSSProperties }>>> = {
  idcard: IdcardOutlined,
  scanner: BarcodeOutlined,
  camera: CameraOutlined,
  receiptPrinter: PrinterOutlined,
  labelPrinter: TagOutlined,
  network: GlobalOutlined,
  database: DatabaseOutlined,
  calendar: CalendarOutlined,
}

/** The icon takes the state's colour, the same as its dot (the badge's own tokens), so a light reads at a glance without its words. */
function stateColour(state: LightState, token: GlobalToken): string {
  const look = lightLooks[state]
  if (look.kind === 'screen') return look.colour
  const colours = { success: token.colorSuccess, processing: token.colorInfo, warning: token.colorWarning, error: token.colorError, default: token.colorTextPlaceholder }
  return colours[look.status]
}

/**
 * One light per device: its dot, its icon and its name; the detail and the
 * time of the last change on hover. Where the top bar is short of room
 * (useRoomForLightNames) the names give way to the icons: laid out unseen,
 * so their width is known; the name stays in the tooltip and the light's
 * accessible name, with its state.
 */
export function DeviceLights({ statuses, showNames = true }: { statuses: DeviceStatus[]; showNames?: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const messageOf = useLightMessage()
  return (
    <span className={showNames ? 'device-lights' : 'device-lights device-lights-unnamed'} data-testid="device-lights" data-names={showNames ? 'shown' : 'hidden'}>
      {statuses.map((s) => {
        const Icon = deviceIcons[s.device]
        const name = t(`device.${s.device}`)
        const label = t('lightLabel', { device: name, state: t(`state.${s.state}`) })
        const detail = `${messageOf(s)}${s.isEmulated ? `（${t('emulated')}）` : ''} · ${t('changedAt', { time: dayjs(s.changedAt).format('HH:mm:ss') })}`
        return (
          <Tooltip key={s.device} title={`${label} · ${detail}`}>
            <span data-testid={`light-${s.device}`} data-state={s.state} className="device-light" role="img" aria-label={label}>
              <LightBadge
                state={s.state}
                text={
                  <>
                    <Icon style={{ color: stateColour(s.state, token) }} />
                    <span className="device-light-name">{name}</span>
                  </>
                }
              />
            </span>
          </Tooltip>
        )
      })}
    </span>
  )
}
