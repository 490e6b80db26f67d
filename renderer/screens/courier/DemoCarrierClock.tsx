/**
 * The demo hall's carrier clock, compact, on the desk: move the carrier
 * emulator's clock ahead so a demo parcel travels (picked up → 签收 in about
 * a day) and its tracking is asked for at once. Rendered only when the desk
 * says its carrier is the emulator (only then does the station register the
 * command), so a counter on a real carrier never shows it. Tab reaches it;
 * it is no Enter stop of the scan flow.
 */
import { Button, Flex, Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../bridge/client'
import { localDateTime } from '../../localTime'

const HOURS = [2, 6, 12, 24, 48] as const

type Outcome = { kind: 'done'; text: string } | { kind: 'failed'; text: string }

export function DemoCarrierClock({ isEmulated }: { isEmulated: boolean }): React.JSX.Element | null {
  const { t } = useTranslation('courier')
  const [hours, setHours] = useState<number>(24)
  const [isBusy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  if (!isEmulated) return null

  const advance = async (): Promise<void> => {
    setBusy(true)
    try {
      const moved = await call('demo.carrier.advance', { hours })
      setOutcome({ kind: 'done', text: t('demoClock.done', { at: localDateTime(moved.carrierNow), asked: moved.asked, changed: moved.changed }) })
    } catch (err) {
      setOutcome({ kind: 'failed', text: t('demoClock.failed', { reason: err instanceof Error ? err.message : String(err) }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Flex align="center" gap={8} wrap role="group" aria-label={t('demoClock.label')} data-testid="demo-carrier-clock">
      <Tag color="purple">{t('demoClock.label')}</Tag>
      <Select<number>
        size="small"
        style={{ width: 110 }}
        aria-label={t('demoClock.hours')}
        value={hours}
        options={HOURS.map((count) => ({ value: count, label: t('demoClock.hoursOption', { count }) }))}
        onChange={setHours}
        data-testid="demo-carrier-hours"
      />
      <Button size="small" loading={isBusy} onClick={() => void advance()} data-testid="demo-carrier-advance">
        {t('demoClock.advance')}
      </Button>
      {outcome ? (
        <Typography.Text type={outcome.kind === 'failed' ? 'danger' : 'secondary'} data-testid="demo-carrier-outcome">
          {outcome.text}
        </Typography.Text>
      ) : null}
    </Flex>
  )
}
