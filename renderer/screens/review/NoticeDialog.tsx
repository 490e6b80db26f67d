import { Alert, Button, Space, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'
import { PrintPreview } from '../../components/PrintPreview'
import type { NoticeKind } from './reviewModel'

type Printing = { state: 'printing' } | { state: 'printed'; path: string } | { state: 'failed'; reason: string }

/**
 * The notice a decision owes the applicant (不予 → 决定书, 补正 → 一次性告知书):
 * printed on A4 as soon as the dialog opens (the station host makes the PDF)
 * and shown as it prints. Enter or Esc closes it; "再次打印" prints again.
 */
export function NoticeDialog(props: { caseNo: string; kind: NoticeKind | null; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('review')
  const { caseNo, kind } = props
  const [printing, setPrinting] = useState<Printing>({ state: 'printing' })
  const request = useRef(0)

  const print = useCallback((which: NoticeKind) => {
    const mine = ++request.current
    setPrinting({ state: 'printing' })
    call('print.pdf', { kind: which, caseNo }).then(
      (pdf) => mine === request.current && setPrinting({ state: 'printed', path: pdf.path }),
      (err: unknown) => mine === request.current && setPrinting({ state: 'failed', reason: err instanceof Error ? err.message : String(err) }),
    )
  }, [caseNo])

  useEffect(() => {
    if (kind) print(kind)
  }, [kind, print])

  return (
    <Dialog
      open={kind !== null}
      title={t('notice.title')}
      width={860}
      onCancel={props.onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button disabled={printing.state === 'printing'} onClick={() => kind && print(kind)} data-testid="notice-again">
            {t('notice.again')}
          </Button>
          <Button type="primary" autoFocus onClick={props.onClose} data-testid="notice-done">
            {t('notice.done')}
          </Button>
        </Space>
      }
    >
      <div data-testid="notice-dialog">
        {printing.state === 'failed' ? (
          <Alert type="error" showIcon title={t('notice.failed', { reason: printing.reason })} data-testid="notice-status" data-state="failed" />
        ) : (
          <Typography.Paragraph data-testid="notice-status" data-state={printing.state}>
            {printing.state === 'printed' ? t('notice.printed', { path: printing.path }) : t('notice.printing')}
          </Typography.Paragraph>
        )}
        {kind ? <PrintPreview source={{ kind, caseNo }} actions={false} /> : null}
      </div>
    </Dialog>
  )
}
