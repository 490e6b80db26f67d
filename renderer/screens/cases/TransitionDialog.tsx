import { Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import type { CaseAction } from './queueModel'

export interface TransitionRequest {
  action: CaseAction
  note?: string
  promiseDate?: string
}

/**
 * The question before an action that is told to the applicant or cannot be
 * undone: 不予受理 and 补正 need the reason in writing (main refuses them
 * without), 补正 may carry a due date, 撤回 asks for confirmation.
 * Ctrl+Enter confirms, Esc cancels; main's refusal shows under its field.
 */
export function TransitionDialog(props: {
  caseNo: string
  action: CaseAction | null
  needsNote: boolean
  isBusy: boolean
  errors: Readonly<Record<string, string>>
  onSubmit: (request: TransitionRequest) => void
  onCancel: () => void
}): React.JSX.Element {
  const { t } = useTranslation('cases')
  const [note, setNote] = useState('')
  const [dueDate, setDueDate] = useState('')
  const { action } = props

  const submit = (): void => {
    if (!action) return
    const request: TransitionRequest = { action }
    if (note.trim() !== '') request.note = note.trim()
    if (action === 'requestSupplement' && dueDate.trim() !== '') request.promiseDate = dueDate.trim()
    props.onSubmit(request)
  }

  return (
    <Dialog
      open={action !== null}
      title={action ? `${t(`actions.${action}`)} · ${props.caseNo}` : ''}
      okText={t('transition.confirm')}
      cancelText={t('transition.cancel')}
      okButtonProps={{ danger: action === 'reject' || action === 'withdraw', 'data-testid': 'transition-confirm' }}
      confirmLoading={props.isBusy}
      onOk={submit}
      onCancel={props.onCancel}
      afterClose={() => {
        setNote('')
        setDueDate('')
      }}
      destroyOnHidden
    >
      {action === 'withdraw' ? <Typography.Paragraph>{t('transition.withdrawConfirm', { caseNo: props.caseNo })}</Typography.Paragraph> : null}
      <Form layout="vertical" component="div">
        <Form.Item
          label={props.needsNote ? t('transition.noteRequired') : t('transition.noteOptional')}
          required={props.needsNote}
          validateStatus={props.errors.note ? 'error' : undefined}
          help={props.errors.note}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={500}
            value={note}
            data-testid="transition-note"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.ctrlKey) {
                e.preventDefault()
                submit()
              }
            }}
          />
        </Form.Item>
        {action === 'requestSupplement' ? (
          <Form.Item label={t('transition.dueDate')} validateStatus={props.errors.promiseDate ? 'error' : undefined} help={props.errors.promiseDate}>
            <Input
              value={dueDate}
              maxLength={10}
              placeholder="YYYY-MM-DD"
              style={{ width: 160 }}
              data-testid="transition-due"
              onChange={(e) => setDueDate(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  submit()
                }
              }}
            />
          </Form.Item>
        ) : null}
        {props.errors.general ? <Typography.Text type="danger">{props.errors.general}</Typography.Text> : null}
        <Typography.Text type="secondary">{t('transition.keys')}</Typography.Text>
      </Form>
    </Dialog>
  )
}
