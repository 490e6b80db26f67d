import { Card, Form } from 'antd'
import { useTranslation } from 'react-i18next'
import { IntakeField } from './IntakeField'

/** A free note for the case (kept short: it goes on the timeline and the audit row). */
export function IntakeNote(props: { value: string | undefined; onChange: (note: string) => void; error: string | undefined }): React.JSX.Element {
  const { t } = useTranslation('intake')
  return (
    <Card size="small" data-section="note">
      <Form layout="vertical" component="div">
        <IntakeField
          field="note"
          label={t('fields.note')}
          value={props.value}
          onChange={props.onChange}
          placeholder={t('placeholders.note')}
          maxLength={500}
          width="100%"
          message={props.error ? { status: 'error', text: props.error } : undefined}
        />
      </Form>
    </Card>
  )
}
