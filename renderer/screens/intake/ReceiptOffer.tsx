import { Button, Space, Tag, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EventPayload } from '../../../main/contract'
import { call } from '../../bridge/client'
import { useCommandState } from '../../hooks/useCommandState'
import { PrintPreview } from '../../components/PrintPreview'

type PrintJob = EventPayload<'print.job'>

const isAcceptanceReceipt = (job: PrintJob): boolean => job.kind === 'acceptanceReceipt'

/**
 * The acceptance receipt (受理回执), queued by main in the accept transaction:
 * its print state, and the receipt exactly as printed (Alt+P) with 补打.
 * With no printer (demo hall) the receipt only exists on screen, so it is
 * shown at once, and its state says 屏幕预览, not 已打印.
 */
export function ReceiptOffer({ caseNo }: { caseNo: string }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const [isAsked, setAsked] = useState(false)
  const { value: job } = useCommandState<PrintJob | null, 'print.job'>(caseNo, {
    initial: null,
    load: () => call('print.jobs', { caseNo, limit: 20 }).then((jobs) => jobs.find(isAcceptanceReceipt) ?? null),
    push: { event: 'print.job', apply: (known, update) => (update.caseNo === caseNo && isAcceptanceReceipt(update) ? update : known) },
  })

  // The button names the receipt, so it (and Alt+P) shows it and brings it into view — never puts it away. A receipt that only exists on screen is shown from the start.
  const isPreviewOnly = job?.output === 'preview'
  const shown = isAsked || isPreviewOnly
  const previewRef = useRef<HTMLDivElement | null>(null)
  const [asks, setAsks] = useState(0)
  const show = useCallback(() => {
    setAsked(true)
    setAsks((n) => n + 1)
  }, [])
  useEffect(() => {
    if (asks > 0) previewRef.current?.scrollIntoView({ block: 'nearest' })
  }, [asks])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && !e.ctrlKey && e.code === 'KeyP') {
        e.preventDefault()
        show()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [show])

  return (
    <div data-testid="receipt-offer">
      <Space wrap>
        <Button onClick={show} data-testid="receipt-show">
          {t('result.printReceipt')} <Tag className="button-key">Alt+P</Tag>
        </Button>
        {job ? (
          <Typography.Text
            type={job.state === 'failed' || job.lastError ? 'danger' : 'secondary'}
            data-testid="receipt-state"
            data-state={job.state}
            data-output={job.output ?? undefined}
          >
            {job.state === 'done' && job.output === 'preview' ? t('receipt.preview', { id: job.id }) : t(`receipt.${job.state}`, { id: job.id })}
            {job.output === 'preview' ? ` · ${t('receipt.previewOnly')}` : ''}
            {job.lastError ? ` · ${job.lastError}` : ''}
          </Typography.Text>
        ) : null}
      </Space>
      {shown ? (
        <div ref={previewRef} style={{ marginTop: 8 }}>
          <PrintPreview source={job ? { jobId: job.id } : { kind: 'acceptanceReceipt', caseNo }} />
        </div>
      ) : null}
    </div>
  )
}
