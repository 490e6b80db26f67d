/**
 * The demo hall's "tap card" panel: lays an emulated card on the emulated
 * reader, lifts it, injects faults. The tap then travels the real path —
 * SAM frames over a pty, the real driver, `idcard.read` — so what the screen
 * does next is exactly what a real card would make it do. Renders nothing
 * unless the reader's light says it is emulated: only then does the station
 * register the demo commands.
 */
import { Alert, Button, Card, Dropdown, Flex, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandInput, CommandOutput } from '../../main/contract'
import { call } from '../bridge/client'
import { useDeviceStatuses } from '../hooks/useDeviceStatuses'

type EmulatorCards = CommandOutput<'demo.idcard.listCards'>
type FaultKind = CommandInput<'demo.idcard.fault'>['kind']

/** Every fault the contract offers; a Record so a new kind in main is a compile error here until listed. */
const faultKinds = Object.keys({
  checksum: true,
  split: true,
  silence: true,
  garbage: true,
  unplug: true,
  replug: true,
  clear: true,
} satisfies Record<FaultKind, true>) as FaultKind[]

export function TapCardPanel(): React.JSX.Element | null {
  const { t } = useTranslation('idcard')
  // Not loaded yet, or a real reader: nothing to show.
  const isEmulator = useDeviceStatuses().some((status) => status.device === 'idcard' && status.isEmulated)
  const [cards, setCards] = useState<EmulatorCards | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = useCallback(async (action: () => Promise<EmulatorCards>) => {
    setBusy(true)
    try {
      setCards(await action())
      setError(null)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }, [])

  useEffect(() => {
    if (isEmulator) void run(() => call('demo.idcard.listCards', {}))
  }, [isEmulator, run])

  if (!isEmulator) return null

  const faultItems = faultKinds.map((kind) => ({ key: kind, label: t(`faults.${kind}`) }))

  return (
    <Card size="small" title={t('panelTitle')} data-testid="tap-card-panel" className="tap-card-panel">
      <Typography.Paragraph type="secondary">{t('panelHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={t('failed', { reason: error })} data-testid="tap-card-error" /> : null}
      {cards && !cards.isPlugged ? <Alert type="warning" showIcon title={t('unplugged')} /> : null}
      {!cards && !error ? <Typography.Text type="secondary">{t('loading')}</Typography.Text> : null}
      <Flex vertical gap={4}>
        {cards?.cards.map((card) => (
          <Flex key={card.index} align="center" gap={8} justify="space-between" data-testid={`tap-card-row-${card.index}`}>
            <span>
              <Tag>{t(`cardTypes.${card.cardType}`)}</Tag>
              {card.label}
            </span>
            {card.isPlaced ? (
              <Tag color="processing">{t('placed')}</Tag>
            ) : (
              <Button
                size="small"
                disabled={busy}
                data-testid={`tap-card-${card.index}`}
                onClick={() => void run(() => call('demo.idcard.place', { cardIndex: card.index }))}
              >
                {t('place')}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
      {cards ? (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button disabled={busy} data-testid="tap-card-remove" onClick={() => void run(() => call('demo.idcard.remove', {}))}>
            {t('remove')}
          </Button>
          <Dropdown
            disabled={busy}
            menu={{ items: faultItems, onClick: ({ key }) => void run(() => call('demo.idcard.fault', { kind: key as FaultKind })) }}
          >
            <Button data-testid="tap-card-fault">{t('fault')}</Button>
          </Dropdown>
        </Flex>
      ) : null}
    </Card>
  )
}
