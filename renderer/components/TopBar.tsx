import { Button, Tag, Tooltip, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../main/contract'
import { call, useIsLinkLost } from '../bridge/client'
import { useDeviceStatuses } from '../hooks/useDeviceStatuses'
import { useSession } from '../hooks/useSession'
import { setLocale, type Locale } from '../i18n'
import { DeviceLights, useLightMessage } from './DeviceLights'
import { OutboxStatus } from './OutboxStatus'
import { CameraScanButton } from './ScanRouting'
import { SignInDialog } from './SignInDialog'
import { useRoomForLightNames } from './useRoomForLightNames'

type Info = CommandOutput<'system.info'>

export function TopBar({ info }: { info: Info | null }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const { value: session, ended } = useSession()
  const statuses = useDeviceStatuses()
  // The holiday-calendar light speaks in words, and only while it has something to say (next year's notice missing).
  const calendar = statuses.find((s) => s.device === 'calendar')
  const messageOf = useLightMessage()
  const calendarWarns = calendar !== undefined && (calendar.state === 'warning' || calendar.state === 'error')
  // Station host only: while its event socket is down, the lights and the operator may be out of date.
  const isLinkLost = useIsLinkLost()
  const [signingIn, setSigningIn] = useState(false)
  // Signed out by main (idle time, account disabled): ask for the PIN again at once; the screen behind keeps its draft.
  useEffect(() => {
    if (ended) setSigningIn(true)
  }, [ended])
  const nextLocale: Locale = i18n.language === 'en' ? 'zh-CN' : 'en'
  const stationName = info ? `${info.hallName} · ${info.stationName}` : '…'
  const barRef = useRef<HTMLDivElement>(null)
  const hasRoomForNames = useRoomForLightNames(barRef)

  return (
    // One row at 1366 wide in either language (styles.css): the lights' names give way first, then the station's name and the notices, each whole on hover.
    <div className="top-bar" ref={barRef}>
      <Tooltip title={stationName}>
        <Typography.Text strong className="top-bar-station" data-testid="station-name">
          {stationName}
        </Typography.Text>
      </Tooltip>
      {info?.isDemo ? (
        <Tooltip title={t('demo')}>
          <Tag color="orange" data-testid="demo-tag" aria-label={t('demo')}>
            {t('demoShort')}
          </Tag>
        </Tooltip>
      ) : null}
      <span data-testid="operator" className="top-bar-operator">
        {t('operatorLabel')}
        {session.operator ? <Typography.Text strong>{session.operator}</Typography.Text> : <Typography.Text type="secondary">{t('notSignedIn')}</Typography.Text>}
      </span>
      {session.operator ? (
        <Button size="small" data-testid="sign-out" onClick={() => void call('session.signOut', {})}>
          {t('signOut')}
        </Button>
      ) : (
        <Button size="small" type="primary" data-testid="sign-in" onClick={() => setSigningIn(true)}>
          {t('signIn')}
        </Button>
      )}
      <span className="top-bar-end" />
      {isLinkLost ? (
        <Tooltip title={t('connectionLost')}>
          <Tag color="error" className="top-bar-notice" data-testid="link-lost">
            {t('connectionLost')}
          </Tag>
        </Tooltip>
      ) : null}
      {calendarWarns ? (
        <Tooltip title={messageOf(calendar)}>
          <Tag color={calendar.state === 'error' ? 'error' : 'warning'} className="top-bar-notice" data-testid="calendar-notice" data-reason={calendar.reason}>
            {messageOf(calendar)}
          </Tag>
        </Tooltip>
      ) : null}
      <span className="top-bar-notice-slot">
        <OutboxStatus />
      </span>
      <DeviceLights statuses={statuses.filter((s) => s.device !== 'calendar')} showNames={hasRoomForNames} />
      <CameraScanButton />
      <Button size="small" type="text" data-testid="locale-switch" onClick={() => setLocale(nextLocale)}>
        {t('language')}
      </Button>
      <SignInDialog
        open={signingIn}
        onClose={() => setSigningIn(false)}
        // Main's words when a supervisor ended the session (account disabled, PIN reset); the idle notice in the tab's language.
        notice={ended ? (ended.code === 'SESSION_EXPIRED' ? t('sessionExpired') : ended.message) : null}
        demoOperators={info?.demoOperators ?? null}
      />
    </div>
  )
}
