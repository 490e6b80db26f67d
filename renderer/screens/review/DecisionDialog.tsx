import { Alert, Checkbox, Form, Input, Radio, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import './review.css'
import type { CaseDetail } from '../cases/queueModel'
import {
  approveRequest,
  materialOfDigit,
  rejectRequest,
  supplementRequest,
  togglePicked,
  type DecisionAction,
  type DecisionRequest,
  type RefusalKind,
} from './reviewModel'

/**
 * The three decisions that owe the applicant something in writing, each
 * asked in one dialog: 准予 records the certificate (its type from the
 * catalog, the number, the day issued); 不予 takes the reason and the legal
 * basis; 补正 ticks the missing materials on the case's checklist (digit keys)
 * and adds anything else in words. Ctrl+Enter confirms, Esc cancels; main's
 * refusal shows under the field it names.
 */
export function DecisionDialog(props: {
  detail: CaseDetail
  action: DecisionAction | null
  isBusy: boolean
  errors: Readonly<Record<string, string>>
  onSubmit: (request: DecisionRequest) => void
  onCancel: () => void
}): React.JSX.Element {
  const { t } = useTranslation('review')
  const { detail, action, errors } = props
  // Until edited, the type the catalog says the item issues (the dialog outlives one case).
  const [typeText, setTypeText] = useState<string | null>(null)
  const type = typeText ?? detail.certificateType ?? ''
  const [number, setNumber] = useState('')
  const [issuedOn, setIssuedOn] = useState('')
  const [refusal, setRefusal] = useState<RefusalKind>('notPermitted')
  const [reason, setReason] = useState('')
  const [legalBasis, setLegalBasis] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [text, setText] = useState('')
  const [dueDate, setDueDate] = useState('')
  const order = detail.materials.map((m) => m.materialId)

  const submit = (): void => {
    if (action === 'approve') props.onSubmit(approveRequest({ type, number, issuedOn }))
    else if (action === 'reject') props.onSubmit(rejectRequest({ refusal, reason, legalBasis }))
    else if (action === 'requestSupplement') props.onSubmit(supplementRequest({ picked, text, dueDate }))
  }

  // Ctrl+Enter from anywhere in the dialog; Enter alone in a one-line field.
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const isLine = e.target instanceof HTMLInputElement && e.target.type === 'text'
    if (e.key === 'Enter' && (e.ctrlKey || isLine)) {
      e.preventDefault()
      submit()
    }
  }

  // A div takes no autoFocus: the checklist is focused when it mounts (each time the dialog opens).
  const focusOnMount = useCallback((el: HTMLDivElement | null): void => el?.focus(), [])
  const field = (name: string) => ({ validateStatus: errors[name] ? ('error' as const) : undefined, help: errors[name] })
  const title = action ? t(`${action === 'requestSupplement' ? 'supplement' : action}.title`, { caseNo: detail.caseNo }) : ''

  return (
    <Dialog
      open={action !== null}
      title={title}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'decision-confirm' }}
      confirmLoading={props.isBusy}
      onOk={submit}
      onCancel={props.onCancel}
      afterClose={() => {
        setTypeText(null)
        setNumber('')
        setIssuedOn('')
        setReason('')
        setLegalBasis('')
        setRefusal('notPermitted')
        setPicked([])
        setText('')
        setDueDate('')
      }}
      destroyOnHidden
      width={620}
    >
      <div onKeyDown={onKeyDown} data-testid={`decision-${action ?? 'none'}`}>
        <Form layout="vertical" component="div">
          {action === 'approve' ? (
            <>
              <Form.Item label={t('approve.type')} required {...field('type')}>
                <Input value={type} maxLength={30} onChange={(e) => setTypeText(e.target.value)} data-testid="approve-type" />
              </Form.Item>
              <Form.Item label={t('approve.number')} required {...field('number')}>
                <Input autoFocus value={number} maxLength={60} onChange={(e) => setNumber(e.target.value)} data-testid="approve-number" />
              </Form.Item>
              <Form.Item label={t('approve.issuedOn')} {...field('issuedOn')}>
                <Input value={issuedOn} maxLength={10} placeholder="YYYY-MM-DD" style={{ width: 160 }} onChange={(e) => setIssuedOn(e.target.value)} data-testid="approve-issued-on" />
              </Form.Item>
            </>
          ) : null}
          {action === 'reject' ? (
            <>
              <Form.Item label={t('reject.kind')}>
                <Radio.Group value={refusal} onChange={(e) => setRefusal(e.target.value as RefusalKind)} data-testid="reject-kind">
                  <Radio value="notPermitted">{t('reject.kinds.notPermitted')}</Radio>
                  <Radio value="notAccepted">{t('reject.kinds.notAccepted')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item label={t('reject.reason')} required {...field('note')}>
                <Input.TextArea autoFocus rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" />
              </Form.Item>
              <Form.Item label={t('reject.legalBasis')} required {...field('legalBasis')}>
                <Input.TextArea rows={2} maxLength={300} value={legalBasis} placeholder={t('reject.legalBasisPlaceholder')} onChange={(e) => setLegalBasis(e.target.value)} data-testid="reject-basis" />
              </Form.Item>
              <Typography.Paragraph type="secondary">{t('reject.remedies')}</Typography.Paragraph>
            </>
          ) : null}
          {action === 'requestSupplement' ? (
            <>
              <Form.Item label={t('supplement.materials')} {...field('missingMaterials')}>
                {/* Focused first: a digit ticks that line of the checklist, Tab goes on to the text. */}
                <div
                  tabIndex={0}
                  ref={focusOnMount}
                  className="review-checklist"
                  data-testid="supplement-materials"
                  onKeyDown={(e) => {
                    if (e.ctrlKey || e.altKey || e.metaKey) return
                    const id = materialOfDigit(e.key, order)
                    if (!id) return
                    e.preventDefault()
                    setPicked((now) => togglePicked(now, id, order))
                  }}
                >
                  {detail.materials.map((m, i) => (
                    <div key={m.materialId}>
                      <Checkbox
                        tabIndex={-1}
                        checked={picked.includes(m.materialId)}
                        onChange={() => setPicked((now) => togglePicked(now, m.materialId, order))}
                        data-testid={`supplement-material-${m.materialId}`}
                      >
                        <Typography.Text keyboard>{i + 1}</Typography.Text> {m.name}
                      </Checkbox>
                    </div>
                  ))}
                </div>
              </Form.Item>
              <Form.Item label={t('supplement.text')} {...field('note')}>
                <Input.TextArea rows={2} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} data-testid="supplement-text" />
              </Form.Item>
              <Form.Item label={t('supplement.dueDate')} {...field('promiseDate')}>
                <Input value={dueDate} maxLength={10} placeholder="YYYY-MM-DD" style={{ width: 160 }} onChange={(e) => setDueDate(e.target.value)} data-testid="supplement-due" />
              </Form.Item>
              <Typography.Paragraph type="secondary">{t('supplement.clock')}</Typography.Paragraph>
            </>
          ) : null}
          {errors.general ? <Alert type="error" showIcon title={errors.general} data-testid="decision-error" /> : null}
          <Typography.Text type="secondary">{t('dialog.keys')}</Typography.Text>
        </Form>
      </div>
    </Dialog>
  )
}
