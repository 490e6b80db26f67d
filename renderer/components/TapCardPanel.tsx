/**
 * The demo hall's "tap card" panel: lays an emulated card on the emulated
 * reader, lifts it, injects faults. The tap then travels the real path —
 * SAM frames over a pty, the real driver, `idcard.read` — so what the screen
 * does next is exactly what a real card would make it do. Renders nothing
 * unless the reader's light says it is emulated: only then does the station
 * register the demo commands.
 */
import { Alert, Button, Card, Dropdown, Flex, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useDemoCardReader, type EmulatorFaultKind } from '../hooks/useDemoCardReader'

/** Every fault the contract offers; a Record so a new kind in main is a compile error here until listed. */
const faultKinds = Object.keys({
  checksum: true,
  split: true,
  silence: true,
  garbage: true,
  unplug: true,
  replug: true,
  clear: true,
} satisfies Record<EmulatorFaultKind, true>) as EmulatorFaultKind[]

export function TapCardPanel(): React.JSX.Element | null {
  const { t, i18n } = useTranslation('idcard')
  const reader = useDemoCardReader()
  const { cards, error } = reader
  // Not loaded yet, or a real reader: nothing to show.
  if (!reader.isEmulator) return null

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
              {/* The label in the UI's language; the name in it is the card's own. */}
              {i18n.language === 'en' ? card.labelEn : card.label}
            </span>
            {card.isPlaced ? (
              <Tag color="processing">{t('placed')}</Tag>
            ) : (
              <Button
                size="small"
                disabled={reader.isBusy}
                data-testid={`tap-card-${card.index}`}
                onClick={() => reader.place(card.index)}
              >
                {t('place')}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
      {cards ? (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button disabled={reader.isBusy} data-testid="tap-card-remove" onClick={reader.remove}>
            {t('remove')}
          </Button>
          <Dropdown
            disabled={reader.isBusy}
            menu={{ items: faultItems, onClick: ({ key }) => reader.fault(key as EmulatorFaultKind) }}
          >
            <Button data-testid="tap-card-fault">{t('fault')}</Button>
          </Dropdown>
        </Flex>
      ) : null}
    </Card>
  )
}
