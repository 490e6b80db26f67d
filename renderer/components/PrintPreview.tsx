/**
 * A document on screen exactly as it prints: main lays it out (the same
 * HTML the emulator photographs and Chromium turns into PDF) and this shows
 * it on a sheet of the right paper — an 80 mm receipt roll, a 100 × 150 mm
 * label, an A4 page. The markup comes from main's escaping layout code, with
 * its styles scoped to the sheet, never from user input directly.
 * `PrintPreviewHost` opens it by itself when a job completes as a preview
 * (the demo hall: no printer configured, receipts show on screen).
 */
import { Alert, Button, Card, Flex, Segmented, Spin, Tag, Typography, message } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandInput, CommandOutput, EventPayload } from '../../main/contract'
import { call, useEvent, useResync } from '../bridge/client'
import { useSession } from '../hooks/useSession'
import { Dialog } from './Dialog'
import './printPreview.css'

type Preview = CommandOutput<'print.preview'>
export type PreviewSource = CommandInput<'print.preview'>
type Zoom = 'fit' | 'actual'

/** Screen pixels per printer dot at "actual size": 203 dpi dots on a ~96 dpi screen. */
const DOT_SCALE = { receipt: 96 / 203, label: 96 / 203, a4: 1 } as const

interface Laid {
  preview: Preview | null
  error: string | null
}

const NOT_YET: Laid = { preview: null, error: null }

/**
 * Main lays the document out from what it holds now (a case's checklist from
 * the case): laid out again when the station host's event socket comes back
 * after a drop, keeping the sheet on screen meanwhile. Another source never
 * shows the previous source's sheet.
 */
function usePreview(source: PreviewSource): Laid {
  const [laid, setLaid] = useState<Laid & { key: string }>({ key: '', ...NOT_YET })
  const [resyncs, setResyncs] = useState(0)
  const key = JSON.stringify(source)
  useResync(() => setResyncs((n) => n + 1))
  useEffect(() => {
    let live = true
    call('print.preview', JSON.parse(key) as PreviewSource).then(
      (preview) => live && setLaid({ key, preview, error: null }),
      (err: unknown) => live && setLaid((was) => ({ key, preview: was.key === key ? was.preview : null, error: err instanceof Error ? err.message : String(err) })),
    )
    return () => {
      live = false
    }
  }, [key, resyncs])
  return laid.key === key ? laid : NOT_YET
}

/** Fits the sheet to the width the card gives it, never larger than actual size. */
function useFitScale(natural: number, actual: number): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null)
  const [scale, setScale] = useState(actual)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? natural
      setScale(Math.min(actual, (width - 32) / natural))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [natural, actual])
  return [ref, scale]
}

export function PrintPreview({ source, actions = true }: { source: PreviewSource; actions?: boolean }): React.JSX.Element {
  const { t } = useTranslation('print')
  const { preview, error } = usePreview(source)
  const [busy, setBusy] = useState(false)
  const [messageApi, messages] = message.useMessage()

  const run = async (action: () => Promise<string>): Promise<void> => {
    setBusy(true)
    try {
      void messageApi.success(await action())
    } catch (err) {
      void messageApi.error(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const buttons = []
  if (actions && preview && preview.target !== 'a4' && source.data !== undefined && source.kind) {
    const kind = source.kind
    buttons.push(
      <Button key="print" type="primary" loading={busy} onClick={() => void run(async () => t('queued', { id: (await call('print.submit', { kind, data: source.data })).id }))}>
        {t('print')}
      </Button>,
    )
  }
  if (actions && preview && source.jobId !== undefined) {
    const jobId = source.jobId
    buttons.push(
      <Button key="reprint" loading={busy} onClick={() => void run(async () => t('queued', { id: (await call('print.reprint', { jobId })).id }))}>
        {t('reprint')}
      </Button>,
    )
  }
  if (actions && preview?.target === 'a4' && (preview.kind === 'materialsChecklist' || preview.kind === 'handoverList' || preview.kind === 'refusalNotice' || preview.kind === 'oneTimeNotice')) {
    const kind = preview.kind
    buttons.push(
      <Button key="pdf" loading={busy} onClick={() => void run(async () => t('pdfSaved', { path: (await call('print.pdf', { kind, data: source.data, caseNo: source.caseNo })).path }))}>
        {t('exportPdf')}
      </Button>,
    )
  }

  return (
    <>
      {messages}
      <PreviewCard preview={preview} error={error}>
        {buttons}
      </PreviewCard>
    </>
  )
}

/**
 * A laid-out document on its paper, with the zoom control and `children`
 * (buttons) beside it: for a sheet main lays out by another command (the
 * 统计 daily sheet) as for the print queue's.
 */
export function PreviewCard({ preview, error, children }: { preview: Preview | null; error: string | null; children?: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation('print')
  const [zoom, setZoom] = useState<Zoom>('fit')
  const actual = preview ? DOT_SCALE[preview.target] : 1
  const [areaRef, fitScale] = useFitScale(preview?.widthPx ?? 576, actual)
  // The title has the card's head to itself (and wraps there): beside the zoom control a receipt's case number was cut off in a narrow card.
  return (
    <Card
      size="small"
      className="print-preview-card"
      data-testid="print-preview"
      title={
        <Flex gap={8} align="center" wrap>
          <span data-testid="print-preview-title">{preview?.title ?? t('previewTitle')}</span>
          {preview && <Tag>{t(`target.${preview.target}`)}</Tag>}
        </Flex>
      }
    >
      <Flex gap={8} align="center" wrap className="print-preview-tools">
        <Segmented<Zoom>
          size="small"
          value={zoom}
          onChange={setZoom}
          data-testid="print-preview-zoom"
          options={[
            { value: 'fit', label: t('zoom.fit') },
            { value: 'actual', label: t('zoom.actual') },
          ]}
        />
        {children}
      </Flex>
      {error && <Alert type="error" showIcon title={t('failed', { reason: error })} />}
      {!preview && !error && <Spin description={t('loading')} />}
      {preview && (
        <div ref={areaRef} className="print-preview-area">
          <div
            className={`print-preview-sheet print-preview-${preview.target}`}
            data-testid="print-preview-sheet"
            style={{ zoom: zoom === 'fit' ? fitScale : actual }}
            // Main's layout code escapes every value and scopes its styles to the sheet (see main/domain/print/documentHtml.ts).
            dangerouslySetInnerHTML={{ __html: preview.html }}
          />
        </div>
      )}
    </Card>
  )
}

type PrintJob = EventPayload<'print.job'>

/** Screens that show some jobs' previews themselves (the intake result shows its receipt). */
const previewClaims = new Set<(job: PrintJob) => boolean>()

/**
 * While mounted, jobs `claims` accepts are left to the calling screen: the
 * host does not open a second dialog over it. Pass a stable function.
 */
export function useClaimPrintPreviews(claims: (job: PrintJob) => boolean): void {
  useEffect(() => {
    previewClaims.add(claims)
    return () => {
      previewClaims.delete(claims)
    }
  }, [claims])
}

/**
 * Opens the preview of each job that completes on screen instead of on paper
 * (unless a screen claims it), on the tabs of the operator who printed it:
 * another clerk's receipt must not cover this clerk's screen and take the
 * keys (a scan) meant for it.
 */
export function PrintPreviewHost(): React.JSX.Element {
  const { t } = useTranslation('print')
  const [jobId, setJobId] = useState<number | null>(null)
  const operator = useRef<string | null>(null)
  operator.current = useSession().value.operator
  useEvent('print.job', (job) => {
    if (job.state !== 'done' || job.output !== 'preview' || job.operator !== operator.current) return
    for (const claims of previewClaims) if (claims(job)) return
    setJobId(job.id)
  })
  return (
    <Dialog open={jobId !== null} onCancel={() => setJobId(null)} footer={null} width={720} title={t('screenPreview')} destroyOnHidden>
      {jobId !== null && <PrintPreview source={{ jobId }} actions={false} />}
      <Typography.Text type="secondary" data-testid="print-preview-outcome">
        {t('previewOnly')}
      </Typography.Text>
    </Dialog>
  )
}
