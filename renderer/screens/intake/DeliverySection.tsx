import { Form, Radio, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { IntakeField } from './IntakeField'
import { IntakeSection } from './IntakeSection'
import { expressPrefill, type ApplicantForm, type CatalogItemView, type DeliveryForm } from './intakeModel'

type ExpressKey = 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'address'

const expressFields: ReadonlyArray<{ key: ExpressKey; width: number | string; maxLength: number }> = [
  { key: 'recipient', width: 180, maxLength: 50 },
  { key: 'phone', width: 180, maxLength: 32 },
  { key: 'province', width: 130, maxLength: 30 },
  { key: 'city', width: 130, maxLength: 30 },
  { key: 'district', width: 130, maxLength: 30 },
  { key: 'address', width: '100%', maxLength: 200 },
]

/**
 * Window pickup or express (快递送达), as the item allows. Choosing express
 * fills the recipient from the applicant (the usual case), so the clerk only
 * confirms with Enter.
 */
export function DeliverySection(props: {
  item: CatalogItemView
  delivery: DeliveryForm | undefined
  applicant: ApplicantForm | undefined
  onChange: (delivery: DeliveryForm) => void
  errors: Readonly<Record<string, string>>
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { item } = props
  const method = props.delivery?.method ?? (item.delivery.includes('window') ? 'window' : 'express')
  const canChoose = item.delivery.length > 1
  const methodError = props.errors['delivery.method']

  const choose = (next: 'window' | 'express'): void => {
    props.onChange(next === 'express' ? expressPrefill(props.delivery, props.applicant) : { ...props.delivery, method: 'window' })
  }

  return (
    <IntakeSection id="delivery">
      <Form layout="vertical" component="div">
        <Form.Item style={{ marginBottom: 12 }} validateStatus={methodError ? 'error' : undefined} help={methodError}>
          {canChoose ? (
            <div data-flow="" data-field="delivery.method">
              <Radio.Group value={method} onChange={(e) => choose(e.target.value as 'window' | 'express')} data-testid="delivery-method">
                <Radio value="window">{t('delivery.window')}</Radio>
                <Radio value="express">{t('delivery.express')}</Radio>
              </Radio.Group>
            </div>
          ) : (
            <Typography.Text data-testid="delivery-fixed">{item.delivery.includes('window') ? t('delivery.onlyWindow') : t('delivery.express')}</Typography.Text>
          )}
        </Form.Item>
        {method === 'express' ? (
          <>
            <Typography.Text type="secondary">{t('delivery.sameAsApplicant')}</Typography.Text>
            <Space size="middle" align="start" wrap style={{ width: '100%' }} className="express-fields">
              {expressFields.map((f) => {
                const field = `delivery.${f.key}`
                const error = props.errors[field]
                return (
                  <IntakeField
                    key={f.key}
                    field={field}
                    label={t(`delivery.${f.key}`)}
                    value={props.delivery?.[f.key]}
                    onChange={(value) => props.onChange({ ...props.delivery, method: 'express', [f.key]: value })}
                    message={error ? { status: 'error', text: error } : undefined}
                    maxLength={f.maxLength}
                    width={f.width === '100%' ? 560 : f.width}
                  />
                )
              })}
            </Space>
          </>
        ) : null}
      </Form>
    </IntakeSection>
  )
}
