/**
 * The demo hall's tap, compact, where the card is wanted: pick a demo card,
 * tap it on the emulated reader. The read then travels the real path (pty,
 * driver, `idcard.read`) like the devices screen's full panel, whose logic
 * this shares (useDemoCardReader). Renders nothing unless the reader's light
 * says it is emulated, so a counter with a real reader never shows it.
 * Not an Enter stop of the intake flow: Tab reaches it.
 */
import { Button, Flex, Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDemoCardReader } from '../hooks/useDemoCardReader'

export function DemoCardTap(): React.JSX.Element | null {
  const { t, i18n } = useTranslation('idcard')
  const reader = useDemoCardReader()
  const [picked, setPicked] = useState<number | null>(null)
  if (!reader.isEmulator) return null

  const cards = reader.cards?.cards ?? []
  const chosen = picked ?? cards[0]?.index ?? null
  const tap = (): void => {
    if (chosen !== null) reader.place(chosen)
  }

  return (
    <Flex align="center" gap={8} wrap role="group" aria-label={t('compact.label')} data-testid="demo-card-tap" style={{ marginBottom: 12 }}>
      <Tag color="purple">{t('compact.label')}</Tag>
      <Select<number>
        size="small"
        style={{ width: 260 }}
        popupMatchSelectWidth={false}
        aria-label={t('compact.pick')}
        placeholder={t('loading')}
        loading={reader.cards === null}
        value={chosen ?? undefined}
        // The label in the UI's language, as on the devices screen; the name in it is the card's own.
        options={cards.map((card) => ({ value: card.index, label: i18n.language === 'en' ? card.labelEn : card.label }))}
        onChange={setPicked}
        data-testid="demo-card-pick"
      />
      <Button size="small" disabled={reader.isBusy || chosen === null} onClick={tap} data-testid="demo-card-tap-button">
        {t('compact.tap')}
      </Button>
      {reader.cards && !reader.cards.isPlugged ? <Typography.Text type="warning">{t('unplugged')}</Typography.Text> : null}
      {reader.error ? (
        <Typography.Text type="danger" data-testid="demo-card-error">
          {t('failed', { reason: reader.error })}
        </Typography.Text>
      ) : null}
    </Flex>
  )
}
