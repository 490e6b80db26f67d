import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, CommandError } from '../../bridge/client'
import { isForPage } from '../../hooks/dialogFocus'
import { actionKeyLabel, actionOfKey, actionsAskingFirst } from './caseActionKeys'
import type { CaseAction, CaseDetail } from './queueModel'
import { TransitionDialog, type TransitionRequest } from './TransitionDialog'
import { DecisionDialog } from '../review/DecisionDialog'
import { NoticeDialog } from '../review/NoticeDialog'
import { decisionDialogOf, dialogFieldOf, noticeOf, type DecisionAction, type DecisionRequest, type NoticeKind } from '../review/reviewModel'

/**
 * The actions the case's state allows (main says which), one button each
 * with its Alt+letter. Each calls `cases.transition`; the page refreshes from
 * the answer (and from `case.changed` when another window acts).
 */
export function CaseActions(props: { detail: CaseDetail; onChanged: (detail: CaseDetail) => void }): React.JSX.Element {
  const { t } = useTranslation('cases')
  const { detail } = props
  const [asking, setAsking] = useState<CaseAction | null>(null)
  // 准予 with its certificate, 不予 and 补正: the review's dialogs, then the notice the decision prints.
  const [deciding, setDeciding] = useState<DecisionAction | null>(null)
  const [notice, setNotice] = useState<NoticeKind | null>(null)
  const [busy, setBusy] = useState<CaseAction | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [dialogErrors, setDialogErrors] = useState<Readonly<Record<string, string>>>({})
  const allowed = detail.allowedActions

  const run = async (request: TransitionRequest | DecisionRequest, inDialog: boolean): Promise<void> => {
    setBusy(request.action)
    setError(null)
    setDialogErrors({})
    try {
      const next = await call('cases.transition', { caseNo: detail.caseNo, ...request })
      setAsking(null)
      setDeciding(null)
      props.onChanged(next)
      if (request.action === 'reject') setNotice(noticeOf(request.action))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const field = err instanceof CommandError ? err.field : undefined
      if (inDialog && deciding) setDialogErrors({ [dialogFieldOf(field)]: message })
      else if (inDialog) setDialogErrors(field === 'note' || field === 'promiseDate' ? { [field]: message } : { general: message })
      else setError(message)
    } finally {
      setBusy(null)
    }
  }

  const start = (action: CaseAction): void => {
    if (busy) return
    // 补正 here keeps its note-and-date dialog (the review screen ticks the checklist and prints the notice).
    const decision = action === 'requestSupplement' ? null : decisionDialogOf(action, detail)
    if (decision) {
      setDialogErrors({})
      setDeciding(decision)
    } else if (actionsAskingFirst.has(action)) {
      setDialogErrors({})
      setAsking(action)
    } else void run({ action }, false)
  }

  // Registered once; reads the latest state through the ref.
  const latest = useRef({ allowed, start, isAsking: asking !== null || deciding !== null })
  useEffect(() => {
    latest.current = { allowed, start, isAsking: asking !== null || deciding !== null }
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const { allowed: now, start: begin, isAsking } = latest.current
      if (isAsking || e.defaultPrevented || !isForPage(e)) return
      const action = actionOfKey(e, now.map((a) => a.action))
      if (!action) return
      e.preventDefault()
      begin(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const askingSpec = allowed.find((a) => a.action === asking)
  return (
    <Card size="small" title={t('page.actions')} data-testid="case-actions">
      {allowed.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('page.noActions')} />
      ) : (
        <Space wrap>
          {allowed.map((a, i) => (
            <Button
              key={a.action}
              type={i === 0 ? 'primary' : 'default'}
              danger={a.action === 'reject' || a.action === 'withdraw'}
              loading={busy === a.action}
              onClick={() => start(a.action)}
              data-testid={`action-${a.action}`}
            >
              {t(`actions.${a.action}`)} <Tag className="button-key">{actionKeyLabel(a.action)}</Tag>
            </Button>
          ))}
        </Space>
      )}
      {error ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={error} data-testid="action-error" /> : null}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('page.keysHint')}
      </Typography.Paragraph>
      <TransitionDialog
        caseNo={detail.caseNo}
        action={asking}
        needsNote={askingSpec?.needsNote ?? false}
        isBusy={busy !== null}
        errors={dialogErrors}
        onSubmit={(request) => void run(request, true)}
        onCancel={() => setAsking(null)}
      />
      <DecisionDialog
        detail={detail}
        action={deciding}
        isBusy={busy !== null}
        errors={dialogErrors}
        onSubmit={(request) => void run(request, true)}
        onCancel={() => setDeciding(null)}
      />
      <NoticeDialog caseNo={detail.caseNo} kind={notice} onClose={() => setNotice(null)} />
    </Card>
  )
}
