import { Checkbox, Form, Input, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../../main/contract'
import { call } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'

export type FollowUpRow = CommandOutput<'ratings.followUps'>[number]

/**
 * Closing a 差评's follow-up: a signed one by its return visit (回访 — what
 * was done and what the applicant said, and whether they signed to confirm),
 * an anonymous one by what was put right. Ctrl+Enter saves, Esc cancels;
 * main's refusal shows under the note.
 */
export function FollowUpDialog(props: { row: FollowUpRow | null; onClosed: (row: FollowUpRow) => void; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation('ratings')
  const { row } = props
  const [note, setNote] = useState('')
  const [signed, setSigned] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const isReturnVisit = row?.signed ?? false

  const save = async (): Promise<void> => {
    if (!row || busy) return
    setBusy(true)
    setError(null)
    try {
      const key = { caseNo: row.caseNo, visit: row.visit, note: note.trim() }
      await (isReturnVisit ? call('ratings.recordReturnVisit', { ...key, signed }) : call('ratings.closeFollowUp', key))
      props.onClosed(row)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const visit = row ? t(`visits.${row.visit}`) : ''
  return (
    <Dialog
      open={row !== null}
      title={row ? t(isReturnVisit ? 'followUps.returnVisitTitle' : 'followUps.closeTitle', { caseNo: row.caseNo, visit }) : ''}
      okText={
        <span>
          {t('followUps.save')} <Tag className="button-key">Ctrl+Enter</Tag>
        </span>
      }
      okButtonProps={{ type: 'primary', 'data-testid': 'follow-up-save' }}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={props.onCancel}
      afterClose={() => {
        setNote('')
        setSigned(false)
        setError(null)
      }}
      destroyOnHidden
    >
      {row ? (
        <Typography.Paragraph data-testid="follow-up-facts">
          {t(`grades.${row.grade}`)} · {row.reasons.map((r) => t(`reasons.${r}`)).join('、')}
          {row.text ? ` · “${row.text}”` : ''}
          {row.applicantName ? ` · ${row.applicantName} ${row.applicantPhone ?? ''}` : ''}
        </Typography.Paragraph>
      ) : null}
      {/* Ctrl+Enter from any field of the dialog: the note or the signed box. */}
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.ctrlKey) {
            e.preventDefault()
            void save()
          }
        }}
      >
        <Form layout="vertical" component="div">
          <Form.Item label={t(isReturnVisit ? 'followUps.returnVisitNote' : 'followUps.closeNote')} required validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
            <Input.TextArea
              autoFocus
              rows={4}
              maxLength={300}
              value={note}
              data-testid="follow-up-note"
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
          {isReturnVisit ? (
            <Checkbox checked={signed} onChange={(e) => setSigned(e.target.checked)} data-testid="follow-up-signed">
              {t('followUps.returnVisitSigned')}
            </Checkbox>
          ) : null}
        </Form>
      </div>
    </Dialog>
  )
}
