import { Checkbox, Space, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AUTHORISATION_MATERIAL_ID } from '../../../main/domain/agentCase'
import { IntakeSection } from './IntakeSection'

/**
 * 代办 (an agent station's intake): the applicant's signed authorisation
 * (授权委托书) — the clerk ticks that it is on the desk and matches the ID
 * card (Space), and photographs it with the document camera (Alt+C here, as
 * on a checklist line). Both are required before Accept; main checks them again.
 */
export function AuthorisationSection(props: {
  isConfirmed: boolean
  onConfirm: (confirmed: boolean) => void
  /** The document-camera line for the photo; null until the draft is saved (photos attach to it). */
  photo: ReactNode
  hasPhoto: boolean
  errors: Readonly<Record<string, string>>
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const error = props.errors['authorisation.confirmed'] ?? props.errors['authorisation.photo']
  return (
    <IntakeSection id="authorisation">
      <div className="material-line" data-material={AUTHORISATION_MATERIAL_ID} data-testid="authorisation" data-confirmed={props.isConfirmed} data-photographed={props.hasPhoto}>
        <div className="material-main">
          <span data-flow="" data-field="authorisation.confirmed">
            <Checkbox checked={props.isConfirmed} onChange={(e) => props.onConfirm(e.target.checked)} data-testid="authorisation-confirmed">
              <Typography.Text strong>{t('agent.confirmed')}</Typography.Text>
            </Checkbox>
          </span>
          <Space size={6} className="material-controls" data-field="authorisation.photo">
            {props.photo ?? <Typography.Text type="secondary">{t('agent.photoMissing')}</Typography.Text>}
          </Space>
        </div>
        <Typography.Text type="secondary" className="material-note">
          {t('agent.photoHint')}
        </Typography.Text>
        {error ? (
          <Typography.Text type="danger" className="material-error" data-testid="error-authorisation">
            {error}
          </Typography.Text>
        ) : null}
      </div>
    </IntakeSection>
  )
}
