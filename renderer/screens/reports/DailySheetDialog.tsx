import { Button, message } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../../main/contract'
import type { PlainDate } from '../../../main/domain/plainDate'
import { call } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'
import { PreviewCard } from '../../components/PrintPreview'
import { pdfBlob, saveFile } from './fileDownload'

type Sheet = CommandOutput<'reports.dailySheet'>

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** Laid out by main for `date`; another date never shows the previous one's sheet. */
function useDailySheet(date: PlainDate | null): { sheet: Sheet | null; error: string | null } {
  const [laid, setLaid] = useState<{ date: PlainDate | null; sheet: Sheet | null; error: string | null }>({ date: null, sheet: null, error: null })
  useEffect(() => {
    if (date === null) return
    let isLive = true
    call('reports.dailySheet', { date }).then(
      (sheet) => isLive && setLaid({ date, sheet, error: null }),
      (err: unknown) => isLive && setLaid({ date, sheet: null, error: messageOf(err) }),
    )
    return () => {
      isLive = false
    }
  }, [date])
  return laid.date === date ? laid : { sheet: null, error: null }
}

/**
 * 打印日报: the A4 daily summary (the day's counts and the audit chain's
 * head) as it prints, and its PDF, made by the station's Chromium and
 * saved through the browser's download. Esc closes.
 */
export function DailySheetDialog({ date, onClose }: { date: PlainDate | null; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('reports')
  const { sheet, error } = useDailySheet(date)
  const [isSaving, setSaving] = useState(false)
  const [messageApi, messages] = message.useMessage()

  const savePdf = async (): Promise<void> => {
    if (date === null) return
    setSaving(true)
    try {
      const pdf = await call('reports.dailySheetPdf', { date, isInline: true })
      if (pdf.base64 === null) throw new Error(pdf.path)
      saveFile(pdfBlob(pdf.base64), pdf.fileName)
      void messageApi.success(t('sheet.pdfSaved', { fileName: pdf.fileName }))
    } catch (err) {
      void messageApi.error(t('sheet.pdfFailed', { reason: messageOf(err) }))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Dialog open={date !== null} onCancel={onClose} footer={null} width={860} title={t('sheet.title', { date: date ?? '' })} destroyOnHidden>
      {messages}
      <div data-testid="daily-sheet">
        <PreviewCard preview={sheet} error={error}>
          <Button type="primary" loading={isSaving} disabled={sheet === null} onClick={() => void savePdf()} data-testid="daily-sheet-pdf">
            {t('sheet.pdf')}
          </Button>
        </PreviewCard>
      </div>
    </Dialog>
  )
}
