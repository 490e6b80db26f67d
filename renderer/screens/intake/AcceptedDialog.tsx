import { Alert, Button, Descriptions, Space, Tag, Typography } from 'antd'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { localDateTime } from '../../localTime'
import type { CommandOutput } from '../../../main/contract'
import { Dialog } from '../../components/Dialog'
import { RatingOffer } from '../ratings/RatingOffer'

export type AcceptResult = CommandOutput<'cases.accept'> & { itemName: string }

/**
 * The answer to Accept: the case number the applicant will quote, the promised
 * date in working days, what is still owed (容缺), the receipt, and the
 * applicant's rating (Alt+E). Enter or Esc start the next applicant; Alt+V opens the case.
 */
export function AcceptedDialog(props: { result: AcceptResult | null; onNext: () => void; onOpenCase: (caseNo: string) => void; receipt: ReactNode }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { result } = props

  useEffect(() => {
    if (!result) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && e.code === 'KeyV') {
        e.preventDefault()
        props.onOpenCase(result.caseNo)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [result, props])

  return (
    <Dialog
      open={result !== null}
      title={t('result.title')}
      width={1000}
      style={{ top: 24 }}
      // Never past the bottom of the screen, whatever the facts' column holds (容缺 lines): the body scrolls, Enter's button stays in view.
      styles={{ body: { maxHeight: 'calc(100vh - 156px)', overflowY: 'auto' } }}
      onCancel={props.onNext}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => result && props.onOpenCase(result.caseNo)} data-testid="result-open-case">
            {t('result.openCase')} <Tag className="button-key">Alt+V</Tag>
          </Button>
          <Button type="primary" autoFocus onClick={props.onNext} data-testid="result-next">
            {t('result.next')}
          </Button>
        </Space>
      }
    >
      {result ? (
        <div data-testid="accept-result" className="accepted-grid">
          <div>
            {result.alreadyAccepted ? <Alert type="info" showIcon title={t('result.alreadyAccepted')} style={{ marginBottom: 12 }} /> : null}
            <Typography.Title level={2} copyable className="result-case-no" data-testid="result-case-no">
              {result.caseNo}
            </Typography.Title>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'item', label: t('result.item'), children: result.itemName },
                {
                  key: 'deadline',
                  label: t('result.deadline'),
                  children: (
                    <>
                      <strong data-testid="result-deadline">{t('result.deadlineText', { date: result.deadline, count: result.promisedDays })}</strong>
                      {result.deadlineProvisional ? (
                        <Tag color="orange" style={{ marginLeft: 8 }} data-testid="result-deadline-provisional">
                          {t('result.deadlineProvisional', { years: result.deadlineProvisional.missingYears.join(t('result.yearJoin')) })}
                        </Tag>
                      ) : null}
                    </>
                  ),
                },
                { key: 'acceptedAt', label: t('result.acceptedAt'), children: localDateTime(result.acceptedAt) },
              ]}
            />
            {result.deferred.length > 0 ? (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                title={t('result.deferred')}
                description={
                  <ul className="blocker-list" data-testid="result-deferred">
                    {result.deferred.map((d) => (
                      <li key={d.materialId}>
                        {d.name} — {d.promiseDate}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            {/* 好差评 for this visit (一次一评): Alt+E puts it on the customer panel, or on this screen. */}
            <RatingOffer caseNo={result.caseNo} visit="intake" />
          </div>
          {/* The receipt beside the facts: the dialog stays one screen high, Enter stays in view. */}
          <div>{props.receipt}</div>
        </div>
      ) : null}
    </Dialog>
  )
}
