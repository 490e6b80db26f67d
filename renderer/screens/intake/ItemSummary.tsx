import { Descriptions, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatYuan, type CatalogItemView } from './intakeModel'

/** The picked item as the applicant will be told it: who decides, how long, what it costs, how it is delivered. */
export function ItemSummary({ item }: { item: CatalogItemView }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const days = item.promisedDays === 0 ? t('item.instant') : t('item.days', { count: item.promisedDays })
  return (
    <div data-testid="item-summary">
      <Typography.Title level={5} style={{ margin: '4px 0 8px' }} data-testid="item-name">
        {item.name} <Typography.Text type="secondary">{item.code}</Typography.Text>
      </Typography.Title>
      <Descriptions
        size="small"
        column={4}
        items={[
          { key: 'department', label: t('item.department'), children: item.departmentName },
          {
            key: 'days',
            label: t('item.promisedDays'),
            children: (
              <span data-testid="item-days" title={t('item.legalDays', { count: item.legalDays })}>
                {days}
              </span>
            ),
          },
          { key: 'fee', label: t('item.fee'), children: item.fee ? `${formatYuan(item.fee.amountCents)}（${item.fee.feeName}）` : t('item.free') },
          {
            key: 'delivery',
            label: t('item.delivery'),
            children: (
              <>
                {item.delivery.map((d) => (
                  <Tag key={d}>{t(`delivery.${d}`)}</Tag>
                ))}
                {item.agentAllowed ? <Tag color="blue">{t('item.agentAllowed')}</Tag> : null}
              </>
            ),
          },
        ]}
      />
    </div>
  )
}
