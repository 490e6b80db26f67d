import { Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatYuan, type CatalogItemView } from './intakeModel'
import './itemSummary.css'

function Fact({ id, label, children }: { id: string; label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="item-fact" data-testid={`item-fact-${id}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** The picked item as the applicant will be told it: who decides, how long, what it costs, how it is delivered. */
export function ItemSummary({ item }: { item: CatalogItemView }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const days = item.promisedDays === 0 ? t('item.instant') : t('item.days', { count: item.promisedDays })
  return (
    <div data-testid="item-summary">
      <Typography.Title level={5} style={{ margin: '4px 0 8px' }} data-testid="item-name">
        {item.name} <Typography.Text type="secondary">{item.code}</Typography.Text>
      </Typography.Title>
      <dl className="item-facts">
        <Fact id="department" label={t('item.department')}>
          {item.departmentName}
        </Fact>
        <Fact id="days" label={t('item.promisedDays')}>
          <span data-testid="item-days" title={t('item.legalDays', { count: item.legalDays })}>
            {days}
          </span>
        </Fact>
        <Fact id="fee" label={t('item.fee')}>
          {item.fee ? `${formatYuan(item.fee.amountCents)}（${item.fee.feeName}）` : t('item.free')}
        </Fact>
        <Fact id="delivery" label={t('item.delivery')}>
          {item.delivery.map((d) => (
            <Tag key={d}>{t(`delivery.${d}`)}</Tag>
          ))}
          {item.agentAllowed ? <Tag color="blue">{t('item.agentAllowed')}</Tag> : null}
        </Fact>
      </dl>
    </div>
  )
}
