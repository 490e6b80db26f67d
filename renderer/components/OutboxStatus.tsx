import { Tag, Tooltip } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOutboxStats } from '../hooks/useOutboxStats'
import { outboxStatusLook } from './outboxStatusModel'

// The oldest row's age is worded in minutes: a new look every half minute is often enough.
const AGE_TICK_MS = 30_000

/** The status bar's outbox tag: backlog, the oldest waiting row's age, the parked count; hidden while all are zero. */
export function OutboxStatus(): React.JSX.Element | null {
  const { t } = useTranslation('outbox')
  const { value: stats } = useOutboxStats()
  // When these counts arrived: the age goes on growing between pushes.
  const receivedAt = useMemo(() => ({ stats, at: Date.now() }), [stats])
  const [now, setNow] = useState(() => Date.now())
  const look = outboxStatusLook(stats, now - receivedAt.at)
  useEffect(() => {
    if (!look.isShown) return
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS)
    return () => clearInterval(timer)
  }, [look.isShown])
  if (!look.isShown) return null
  const parts = [
    look.backlog > 0 ? t('backlog', { count: look.backlog }) : null,
    look.oldestAge ? t('oldest', { age: t(`age.${look.oldestAge.unit}`, { count: look.oldestAge.count }) }) : null,
    look.parked > 0 ? t('parked', { count: look.parked }) : null,
  ].filter((p): p is string => p !== null)
  return (
    <Tooltip title={t('title', { backlog: look.backlog, parked: look.parked })}>
      <Tag color={look.isAlarm ? 'error' : 'processing'} data-testid="outbox-status" data-parked={look.parked} data-backlog={look.backlog}>
        {parts.join(' · ')}
      </Tag>
    </Tooltip>
  )
}
