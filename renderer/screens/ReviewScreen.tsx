import { Alert, Select, Space, Typography } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../main/contract'
import { call, CommandError } from '../bridge/client'
import { ScreenFrame } from '../components/ScreenFrame'
import { isForPage } from '../hooks/dialogFocus'
import { useCommandState } from '../hooks/useCommandState'
import { navigate } from '../hooks/useRoute'
import { actionOfKey } from './cases/caseActionKeys'
import { useRemainingHeight } from './cases/CaseQueue'
import { queueColumns } from './cases/queueColumns'
import { movedIndex, type CaseAction } from './cases/queueModel'
import { QueueTable, type QueueTableHandle } from './cases/QueueTable'
import { isRowInView, useActiveRow } from './cases/useActiveRow'
import { DecisionDialog } from './review/DecisionDialog'
import { NoticeDialog } from './review/NoticeDialog'
import { ReviewCasePanel } from './review/ReviewCasePanel'
import { decisionDialogOf, dialogFieldOf, noticeOf, offeredActions, reprintableNotice, type DecisionAction, type DecisionRequest, type NoticeKind } from './review/reviewModel'
import { useReviewedCase } from './review/useReviewedCase'
import { REVIEW_PAGE, useReviewQueue } from './review/useReviewQueue'
import './cases/cases.css'

const ROW_HEIGHT = 40
/** The queue's columns a reviewer decides by (the light, the case, the item, who, the state, the deadline). */
const REVIEW_COLUMNS = new Set(['light', 'caseNo', 'item', 'applicant', 'state', 'deadline'])
// The department picked on a station without one configured, kept for the session.
let pickedDepartment: string | null = null

/**
 * 分类审核办理 (`#/review`, `#/review/<caseNo>`): the cases routed to the
 * station's department (station.json `department`), most urgent deadline
 * first, with their lights. ↑↓ moves the cursor; the action keys of the case
 * page (Alt+R 审核, Alt+Y 通过, Alt+J 不予, Alt+B 补正, Alt+Q 补齐, Alt+Z 制证)
 * act on the case under it; 不予 and 补正 print their notice on A4.
 */
export function ReviewScreen({ caseNo }: { caseNo?: string }): React.JSX.Element {
  const { t } = useTranslation('review')
  const { t: tc } = useTranslation('cases')
  const { t: tCommon } = useTranslation()
  const info = useCommandState<CommandOutput<'system.info'> | null>('system.info', { initial: null, load: () => call('system.info', {}) })
  const configured = info.value?.department ?? null
  const [picked, setPicked] = useState<string | null>(pickedDepartment)
  const department = info.value === null ? null : (configured?.code ?? picked)
  const queue = useReviewQueue(department)
  const rows = queue.rows

  const [activeNo, setActiveNo] = useState<string | null>(caseNo ?? null)
  const lastIndex = useRef(0)
  const listRef = useRef<HTMLDivElement>(null)
  const columnRef = useRef<HTMLDivElement>(null)
  const tableRef = useRef<QueueTableHandle>(null)
  const height = useRemainingHeight(listRef, columnRef)
  const columns = useMemo(() => queueColumns(tc).filter((c) => REVIEW_COLUMNS.has(String(c.key))), [tc])
  const width = columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0)
  useActiveRow(listRef, activeNo)

  // The cursor stays on its case while the list reloads; a case that left (decided, produced) hands it to the next one.
  useEffect(() => {
    const at = rows.findIndex((r) => r.caseNo === activeNo)
    if (at >= 0) {
      lastIndex.current = at
      return
    }
    if (queue.loadedFor !== department) return
    setActiveNo(rows[Math.min(lastIndex.current, rows.length - 1)]?.caseNo ?? null)
  }, [rows, activeNo, queue.loadedFor, department])

  const reviewed = useReviewedCase(activeNo)
  const detail = reviewed.detail
  const [asking, setAsking] = useState<DecisionAction | null>(null)
  const [busy, setBusy] = useState<CaseAction | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [dialogErrors, setDialogErrors] = useState<Readonly<Record<string, string>>>({})
  const [notice, setNotice] = useState<{ caseNo: string; kind: NoticeKind } | null>(null)

  useEffect(() => listRef.current?.focus(), [])

  const run = async (request: DecisionRequest, inDialog: boolean): Promise<void> => {
    if (!detail) return
    setBusy(request.action)
    setActionError(null)
    setDialogErrors({})
    try {
      const next = await call('cases.transition', { caseNo: detail.caseNo, ...request })
      reviewed.show(next)
      setAsking(null)
      const kind = noticeOf(request.action)
      if (kind) setNotice({ caseNo: next.caseNo, kind })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      if (inDialog) setDialogErrors({ [dialogFieldOf(err instanceof CommandError ? err.field : undefined)]: message })
      else setActionError(message)
    } finally {
      setBusy(null)
    }
  }

  const start = (action: CaseAction): void => {
    if (busy || !detail) return
    const dialog = decisionDialogOf(action, detail)
    if (dialog) {
      setDialogErrors({})
      setAsking(dialog)
    } else void run({ action }, false)
  }
  const reprint = (): void => {
    const kind = reprintableNotice(detail?.state)
    if (detail && kind) setNotice({ caseNo: detail.caseNo, kind })
  }

  // Registered once; reads the latest through the ref.
  const latest = useRef({ detail, start, reprint })
  useEffect(() => {
    latest.current = { detail, start, reprint }
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || !isForPage(e)) return
      const { detail: d, start: begin, reprint: again } = latest.current
      if (!d) return
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') {
        e.preventDefault()
        again()
        return
      }
      const action = actionOfKey(e, offeredActions(d))
      if (!action) return
      e.preventDefault()
      begin(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onListKey = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const index = rows.findIndex((r) => r.caseNo === activeNo)
    if (e.key === 'Enter' && activeNo) {
      navigate(`cases/${encodeURIComponent(activeNo)}`)
      return
    }
    const next = movedIndex(e.key, index, rows.length, Math.max(1, Math.floor(height / ROW_HEIGHT) - 1))
    if (next === null) return
    e.preventDefault()
    const row = rows[next]
    if (!row) return
    setActiveNo(row.caseNo)
    if (!isRowInView(listRef, row.caseNo)) tableRef.current?.scrollTo({ index: next })
  }
  const onScroll = useCallback(() => undefined, [])
  const onOpen = useCallback((no: string) => setActiveNo(no), [])

  const departments = useCommandState('catalog.departments', { initial: [] as CommandOutput<'catalog.departments'>, load: () => call('catalog.departments', {}) })
  const title = configured ? `${tCommon('screens.review')} · ${configured.name}` : tCommon('screens.review')

  return (
    <ScreenFrame title={title} testId="review">
      <Space ref={columnRef} direction="vertical" size="small" style={{ width: '100%' }}>
        {info.value && !configured ? (
          <Space>
            <Typography.Text type="secondary">{t('pickDepartment')}</Typography.Text>
            <Select
              style={{ minWidth: 260 }}
              showSearch
              optionFilterProp="label"
              value={picked ?? undefined}
              placeholder={t('department')}
              data-testid="review-department"
              options={departments.value.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
              onChange={(code: string) => {
                pickedDepartment = code
                setPicked(code)
              }}
            />
          </Space>
        ) : null}
        <ReviewCasePanel
          caseNo={activeNo}
          detail={detail}
          error={reviewed.error}
          busy={busy}
          actionError={actionError}
          onAction={start}
          onReprint={reprint}
        />
        <Space size="large">
          <Typography.Text data-testid="review-count">{queue.count === null ? t('counting') : t('count', { count: queue.count })}</Typography.Text>
          {queue.count !== null && queue.count > REVIEW_PAGE ? <Typography.Text type="secondary">{tc('queue.loaded', { shown: rows.length, count: queue.count })}</Typography.Text> : null}
          <Typography.Text type="secondary">{t('keysHint')}</Typography.Text>
        </Space>
        {queue.error ? <Alert type="error" showIcon title={queue.error} data-testid="review-error" /> : null}
        <div ref={listRef} tabIndex={0} className="queue-list" onKeyDown={onListKey} data-testid="review-queue" aria-label={tCommon('screens.review')}>
          <QueueTable
            tableRef={tableRef}
            rows={rows}
            columns={columns}
            width={width}
            height={Math.max(240, height)}
            isLoading={queue.isLoading}
            emptyText={queue.isLoading ? t('loading') : t('empty')}
            onScroll={onScroll}
            onOpen={onOpen}
          />
        </div>
      </Space>
      {detail ? (
        <DecisionDialog
          detail={detail}
          action={asking}
          isBusy={busy !== null}
          errors={dialogErrors}
          onSubmit={(request) => void run(request, true)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
      <NoticeDialog caseNo={notice?.caseNo ?? ''} kind={notice?.kind ?? null} onClose={() => setNotice(null)} />
    </ScreenFrame>
  )
}
