import { Button, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../main/contract'
import { call, useIsLinkLost } from '../bridge/client'
import { useDeviceStatuses } from '../hooks/useDeviceStatuses'
import { useSession } from '../hooks/useSession'
import { setLocale, type Locale } from '../i18n'
import { DeviceLights } from './DeviceLights'
import { CameraScanButton } from './ScanRouting'
import { SignInDialog } from './SignInDialog'

type Info = CommandOutput<'system.info'>

export function TopBar({ info }: { info: Info | null }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const { value: session } = useSession()
  const statuses = useDeviceStatuses()
  // The holiday-calendar light speaks in words, and only while it has something to say (next year's notice missing).
  const calendar = statuses.find((s) => s.device === 'calendar')
  const calendarWarns = calendar !== undefined && (calendar.state === 'warning' || calendar.state === 'error')
  // Station host only: while its event socket is down, the lights and the operator may be out of date.
  const isLinkLost = useIsLinkLost()
  const [signingIn, setSigningIn] = useState(false)
  const nextLocale: Locale = i18n.language === 'en' ? 'zh-CN' : 'en'

  return (
    <div className="top-bar">
      <Space size="large" align="center">
        <Typography.Text strong data-testid="station-name">
          {info ? `${info.hallName} · ${info.stationName}` : '…'}
        </Typography.Text>
        {info?.isDemo ? <Tag color="orange">{t('demo')}</Tag> : null}
        <span data-testid="operator">
          {t('operator')}：
          {session.operator ? <Typography.Text strong>{session.operator}</Typography.Text> : <Typography.Text type="secondary">{t('notSignedIn')}</Typography.Text>}
        </span>
        {session.operator ? (
          <Button size="small" onClick={() => void call('session.signOut', {})}>
            {t('signOut')}
          </Button>
        ) : (
          <Button size="small" type="primary" data-testid="sign-in" onClick={() => setSigningIn(true)}>
            {t('signIn')}
          </Button>
        )}
      </Space>
      <Space size="large" align="center">
        {isLinkLost ? (
          <Tag color="error" data-testid="link-lost">
            {t('connectionLost')}
          </Tag>
        ) : null}
        {calendarWarns ? (
          <Tag color={calendar.state === 'error' ? 'error' : 'warning'} data-testid="calendar-notice" data-reason={calendar.reason}>
            {calendar.message}
          </Tag>
        ) : null}
        <DeviceLights statuses={statuses.filter((s) => s.device !== 'calendar')} />
        <CameraScanButton />
        <Button size="small" type="text" data-testid="locale-switch" onClick={() => setLocale(nextLocale)}>
          {t('language')}
        </Button>
      </Space>
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} />
    </div>
  )
}
