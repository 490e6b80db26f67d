import { Alert, Empty, Spin, Typography, message } from 'antd'
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportCountRow } from '../../../main/contract/reports'
import type { PlainDate } from '../../../main/domain/plainDate'
import { call } from '../../bridge/client'
import { isForPage } from '../../hooks/dialogFocus'
import { navigate } from '../../hooks/useRoute'
import { localDateTime } from '../../localTime'
import { ChartPanel } from './ChartPanel'
import { DailySheetDialog } from './DailySheetDialog'
import { csvBlob, saveFile } from './fileDownload'
import { OverdueTable } from './OverdueTable'
import { PeriodBar } from './PeriodBar'
import { reportCharts, type ChartId } from './reportCharts'
import { ReportHeadline } from './ReportHeadline'
import { reportKeyAction, type ReportKeyAction } from './reportKeys'
import { useReportView, type ReportView } from './useReportView'
import './reports.css'

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * The page's keys while this tab shows (reportKeys.ts says which are its own); an open dialog keeps its keys.
 * Listening from the layout effect: once the screen is painted, its keys work.
 */
function useReportKeys(isActive: boolean, onAction: (action: ReportKeyAction) => void): void {
  const actionRef = useRef(onAction)
  actionRef.current = onAction
  useLayoutEffect(() => {
    if (!isActive) return
    const onKey = (event: KeyboardEvent): void => {
      if (!isForPage(event)) return
      const action = reportKeyAction(event)
      if (action === null) return
      event.preventDefault()
      actionRef.current(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [isActive])
}

function runKey(action: ReportKeyAction, view: ReportView, exportCsv: () => void, openSheet: () => void): void {
  if (action === 'previous') view.step(-1)
  else if (action === 'next') view.step(1)
  else if (action === 'today') view.goToday()
  else if (action === 'refresh') view.refresh()
  else if (action === 'csv') exportCsv()
  else if (action === 'print') openSheet()
  else if (action === 'followUps') navigate('reports/follow-ups')
  else view.setPeriod(action)
}

/** 统计报表: the period bar, the headline, the charts with their tables, the overdue list. */
export function ReportsView({ isActive }: { isActive: boolean }): React.JSX.Element {
  const { t } = useTranslation(['reports', 'cases', 'ratings'])
  const view = useReportView()
  const { report, period, date } = view
  const [sheetDate, setSheetDate] = useState<PlainDate | null>(null)
  const [isExporting, setExporting] = useState(false)
  const [messageApi, messages] = message.useMessage()

  const charts = useMemo(() => {
    const labelOf = (chart: ChartId, row: ReportCountRow): string => {
      if (chart === 'byState') return t(`cases:states.${row.key}`, { defaultValue: row.label })
      if (chart === 'ratings') return t(`ratings:grades.${row.key}`, { defaultValue: row.label })
      return row.label
    }
    // The labels follow the language: t changes with it.
    return report ? reportCharts(report, labelOf) : []
  }, [report, t])

  const exportCsv = (): void => {
    if (date === null || isExporting) return
    setExporting(true)
    call('reports.csv', { period, date })
      .then(
        ({ fileName, text }) => {
          saveFile(csvBlob(text), fileName)
          void messageApi.success(t('csvSaved', { fileName }))
        },
        (err: unknown) => void messageApi.error(t('csvFailed', { reason: messageOf(err) })),
      )
      .finally(() => setExporting(false))
  }
  const openSheet = (): void => {
    if (date !== null) setSheetDate(date)
  }
  useReportKeys(isActive && sheetDate === null, (action) => runKey(action, view, exportCsv, openSheet))

  const hasCases = report !== null && report.accepted > 0
  const ratings = charts.find((c) => c.id === 'ratings')
  return (
    <div className="report-view" data-testid="report-view">
      {messages}
      <PeriodBar view={view} onCsv={exportCsv} onPrint={openSheet} isExporting={isExporting} />
      {view.todayError ? <Alert type="error" showIcon title={t('todayFailed', { reason: view.todayError })} data-testid="report-error" /> : null}
      {view.error ? <Alert type="error" showIcon title={t('failed', { reason: view.error })} data-testid="report-error" /> : null}
      {view.isLoading || (date === null && !view.todayError) ? <Spin description={t('loading')} data-testid="report-loading" className="report-loading" /> : null}
      {report ? (
        <>
          <ReportHeadline report={report} />
          <Typography.Text type="secondary" className="report-generated">
            {t('generatedAt', { time: localDateTime(report.generatedAt) })}
          </Typography.Text>
          {hasCases ? (
            <div className="report-panels">
              {charts
                .filter((c) => c.id !== 'ratings')
                .map((chart) => (
                  <ChartPanel key={chart.id} chart={chart} />
                ))}
              <OverdueTable cases={report.deadlines.overdueCases} />
            </div>
          ) : (
            <Empty className="report-empty" description={t(`empty.${report.period}`)} data-testid="report-empty" />
          )}
          {ratings && (hasCases || ratings.total > 0) ? (
            <div className="report-panels">
              <ChartPanel chart={ratings} />
            </div>
          ) : null}
        </>
      ) : null}
      <DailySheetDialog date={sheetDate} onClose={() => setSheetDate(null)} />
    </div>
  )
}
