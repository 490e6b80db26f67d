import { Alert, Button, Card, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { shortcutLabel } from './intakeKeys'
import { blockerLine } from './blockerText'
import type { Blocker } from './intakeModel'
import type { DraftStatus } from './useIntakeDraft'

/**
 * Where the form stands: saved or not, what still blocks Accept (each line a
 * way back to the field), an error that names no field, and the Accept button
 * itself — the last stop of the Enter flow.
 */
export function AcceptPanel(props: {
  status: DraftStatus
  blockers: readonly Blocker[]
  generalError: string | null
  isAccepting: boolean
  canAccept: boolean
  onAccept: () => void
  onNew: () => void
  onFocusField: (field: string) => void
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  return (
    <Card size="small" data-section="accept">
      <Space direction="vertical" style={{ width: '100%' }}>
        <DraftLine status={props.status} />
        {props.blockers.length > 0 ? (
          <div data-testid="accept-blockers">
            <Typography.Text type="danger">{t('accept.blocked')}</Typography.Text>
            {props.blockers.some((b) => b.kind === 'missing' || b.kind === 'promiseDate') ? (
              <Typography.Text type="secondary" className="blocker-hint">
                {t('accept.blockedHint')}
              </Typography.Text>
            ) : null}
            <ul className="blocker-list">
              {props.blockers.map((b) => (
                <li key={b.field} data-blocker={b.field}>
                  <Typography.Link onClick={() => props.onFocusField(b.field)}>{blockerLine(b, t)}</Typography.Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {props.generalError ? <Alert type="error" showIcon title={props.generalError} data-testid="accept-error" /> : null}
        <Space wrap>
          <Button
            type="primary"
            size="large"
            data-flow=""
            data-field="accept"
            data-testid="accept"
            loading={props.isAccepting}
            disabled={!props.canAccept}
            onClick={props.onAccept}
          >
            {props.isAccepting ? t('accept.accepting') : t('accept.button')} <Tag className="button-key">{shortcutLabel('accept')}</Tag>
          </Button>
          <Button onClick={props.onNew} data-testid="new-intake">
            {t('accept.newIntake')} <Tag className="button-key">{shortcutLabel('newIntake')}</Tag>
          </Button>
        </Space>
      </Space>
    </Card>
  )
}

function DraftLine({ status }: { status: DraftStatus }): React.JSX.Element {
  const { t } = useTranslation('intake')
  switch (status.state) {
    case 'loading':
      return <Typography.Text type="secondary">{t('loadingDraft')}</Typography.Text>
    case 'empty':
      return <Typography.Text type="secondary" data-testid="draft-status" data-state="empty">{t('draft.empty')}</Typography.Text>
    case 'saving':
      return <Typography.Text type="secondary" data-testid="draft-status" data-state="saving">{t('draft.saving')}</Typography.Text>
    case 'saved':
      return (
        <Typography.Text type="success" data-testid="draft-status" data-state="saved">
          {status.restored ? `${t('draft.restored')} · ` : ''}
          {t('draft.saved', { time: dayjs(status.at).format('HH:mm:ss') })}
        </Typography.Text>
      )
    case 'failed':
      return (
        <Typography.Text type="danger" data-testid="draft-status" data-state="failed">
          {t('draft.failed', { message: status.message })}
        </Typography.Text>
      )
  }
}
