import { Descriptions, Form } from 'antd'
import { useTranslation } from 'react-i18next'
import { IntakeField } from './IntakeField'
import { IntakeSection } from './IntakeSection'
import { formatYuan, type CatalogItemView } from './intakeModel'

/** 一票单据交费: the amount is the catalog's; the clerk records the one receipt number it was paid on. Shown only for items with a fee. */
export function FeeSection(props: {
  fee: NonNullable<CatalogItemView['fee']>
  receiptNo: string | undefined
  onChange: (receiptNo: string) => void
  error: string | undefined
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { fee } = props
  return (
    <IntakeSection id="fee">
      <Descriptions
        size="small"
        column={2}
        items={[
          {
            key: 'amount',
            label: t('fee.amount'),
            children: (
              <strong data-testid="fee-amount">
                {formatYuan(fee.amountCents)}（{fee.feeName}）
              </strong>
            ),
          },
          ...(fee.basis ? [{ key: 'basis', label: t('fee.basis'), children: fee.basis }] : []),
        ]}
      />
      <Form layout="vertical" component="div">
        <IntakeField
          field="fee.receiptNo"
          label={t('fee.receiptNo')}
          value={props.receiptNo}
          onChange={props.onChange}
          message={props.error ? { status: 'error', text: props.error } : undefined}
          placeholder={t('placeholders.receiptNo')}
          maxLength={40}
          width={260}
        />
      </Form>
    </IntakeSection>
  )
}
