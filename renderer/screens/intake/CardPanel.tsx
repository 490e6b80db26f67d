import { Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CardTap } from './cardFill'

/**
 * What the card said beyond the form's fields (gender, nation, authority,
 * validity) — shown for the clerk to compare with the person in front of
 * them. An expired card's verdict is the one red notice above the form
 * (cardVerdict); here its validity is only marked red. The photo stays in
 * main (WLT needs a vendor decoder), so a placeholder stands in.
 */
export function CardPanel({ tap }: { tap: CardTap }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { card } = tap
  const validTo = card.validTo === 'long-term' ? t('card.longTerm') : card.validTo
  const items = [
    { key: 'gender', label: t('card.gender'), children: t(`card.genders.${card.gender}`) },
    card.nation ? { key: 'nation', label: t('card.nation'), children: card.nation } : null,
    card.nationality ? { key: 'nationality', label: t('card.nationality'), children: card.nationality } : null,
    { key: 'birthDate', label: t('card.birthDate'), children: card.birthDate },
    card.authority ? { key: 'authority', label: t('card.authority'), children: card.authority } : null,
    {
      key: 'validity',
      label: t('card.validity'),
      children: (
        <Typography.Text type={tap.isExpired ? 'danger' : undefined} data-testid="card-validity" data-expired={tap.isExpired ? '' : undefined}>
          {`${card.validFrom} – ${validTo}`}
        </Typography.Text>
      ),
    },
  ].filter((i) => i !== null)

  return (
    <div className="card-panel" data-testid="card-panel">
      <div className="card-photo" aria-hidden>
        {t('card.photoPlaceholder')}
      </div>
      <div className="card-facts">
        <Descriptions size="small" column={3} title={t('card.title')} items={items} />
      </div>
    </div>
  )
}
