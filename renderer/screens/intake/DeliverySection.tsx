import { Form, Radio, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { IntakeField } from './IntakeField'
import { IntakeSection } from './IntakeSection'
import { expressPrefill, type ApplicantForm, type CatalogItemView, type DeliveryForm } from './intakeModel'

type ExpressKey = 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'address'

/** How much of a row each field takes in the side column (intake.css `.express-field-*`). */
const expressFields: ReadonlyArray<{ key: ExpressKey; span: 'half' | 'third' | 'full'; maxLength: number }> = [
  { key: 'recipient', span: 'half', maxLength: 50 },
  { key: 'phone', span: 'half', maxLength: 32 },
  { key: 'province', span: 'third', maxLength: 30 },
  { key: 'city', span: 'third', maxLength: 30 },
  { key: 'district', span: 'third', maxLength: 30 },
  { key: 'address', span: 'full', maxLength: 200 },
]

/**
 * Window pickup or express (快递送达), as the item allows. Choosing express
 * fills the recipient from the applicant (the usual case), so the clerk only
 * confirms with Enter.
 */
export function DeliverySection(props: {
  /** None yet: the section keeps its place beside the checklist (no jump when the item is picked) and says why it is empty. */
  item: CatalogItemView | null
  delivery: DeliveryForm | undefined
  applicant: ApplicantForm | undefined
  onChange: (delivery: DeliveryForm) => void
  errors: Readonly<Record<string, string>>
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { item } = props
  if (!item) {
    return (
      <IntakeSection id="delivery">
        <Typography.Text type="secondary">{t('materials.pickItemFirst')}</Typography.Text>
      </IntakeSection>
    )
  }
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
            <div className="express-fields">
              {expressFields.map((f) => {
                const field = `delivery.${f.key}`
                const error = props.errors[field]
                return (
                  <div key={f.key} className={`express-field-${f.span}`}>
                    <IntakeField
                      field={field}
                      label={t(`delivery.${f.key}`)}
                      value={props.delivery?.[f.key]}
                      onChange={(value) => props.onChange({ ...props.delivery, method: 'express', [f.key]: value })}
                      message={error ? { status: 'error', text: error } : undefined}
                      maxLength={f.maxLength}
                      width="100%"
                    />
                  </div>
                )
              })}
            </div>
          </>
        ) : null}
      </Form>
    </IntakeSection>
  )
}
