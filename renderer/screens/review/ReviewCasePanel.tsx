import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { actionKeyLabel } from '../cases/caseActionKeys'
import { DaysLeftText, DeadlineLight } from '../cases/DeadlineLight'
import { stateColours } from '../cases/queueColumns'
import type { CaseAction, CaseDetail } from '../cases/queueModel'
import { offeredActions, reprintableNotice } from './reviewModel'

/**
 * The case under the list's cursor: what the reviewer decides on (item,
 * applicant, deadline, the certificate the item issues or the one recorded)
 * and one button per action its state allows, each with its key.
 */
export function ReviewCasePanel(props: {
  caseNo: string | null
  detail: CaseDetail | null
  error: string | null
  busy: CaseAction | null
  actionError: string | null
  onAction: (action: CaseAction) => void
  onReprint: () => void
}): React.JSX.Element {
  const { t } = useTranslation('review')
  const { t: tc } = useTranslation('cases')
  const { detail } = props
  if (props.caseNo === null) {
    return (
      <Card size="small" title={t('current')} data-testid="review-panel">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} />
      </Card>
    )
  }
  const shown = detail?.caseNo === props.caseNo ? detail : null
  const certificate = shown?.certificate
    ? t('certificateRecorded', shown.certificate)
    : shown?.certificateType
      ? t('certificateDue', { type: shown.certificateType })
      : t('certificateNone')
  return (
    <Card
      size="small"
      data-testid="review-panel"
      data-review-case={props.caseNo}
      title={
        <Space>
          <span>{t('current')}</span>
          <Typography.Text className="case-no" data-testid="review-case-no">
            {props.caseNo}
          </Typography.Text>
          {shown ? (
            <Tag color={stateColours[shown.state]} data-testid="review-case-state" data-state={shown.state}>
              {tc(`states.${shown.state}`)}
            </Tag>
          ) : null}
        </Space>
      }
    >
      {props.error ? <Alert type="error" showIcon title={props.error} /> : null}
      {!shown && !props.error ? <Spin /> : null}
      {shown ? (
        <>
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'item', label: tc('page.item'), span: 2, children: `${shown.itemName}（${shown.itemCode}）` },
              { key: 'applicant', label: tc('page.applicant'), children: shown.applicantName },
              {
                key: 'deadline',
                label: tc('page.deadline'),
                span: 2,
                children: (
                  <span className="deadline-cell">
                    <DeadlineLight row={shown} /> {shown.deadline} <DaysLeftText row={shown} />
                  </span>
                ),
              },
              { key: 'certificate', label: t('certificate'), children: <span data-testid="review-certificate">{certificate}</span> },
            ]}
          />
          <Space wrap style={{ marginTop: 8 }}>
            {offeredActions(shown).map((action, i) => (
              <Button
                key={action}
                type={i === 0 ? 'primary' : 'default'}
                danger={action === 'reject'}
                loading={props.busy === action}
                onClick={() => props.onAction(action)}
                data-testid={`review-action-${action}`}
              >
                {tc(`actions.${action}`)} <Tag className="button-key">{actionKeyLabel(action)}</Tag>
              </Button>
            ))}
            {reprintableNotice(shown.state) ? (
              <Button onClick={props.onReprint} data-testid="review-reprint">
                {t('printNotice')} <Tag className="button-key">Alt+P</Tag>
              </Button>
            ) : null}
          </Space>
          {props.actionError ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={props.actionError} data-testid="review-action-error" /> : null}
        </>
      ) : null}
    </Card>
  )
}
