import { Alert, Button, Space, Typography, type InputRef } from 'antd'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../hooks/useRoute'
import { queueColumns, queueTableWidth } from './queueColumns'
import { QueueFilters } from './QueueFilters'
import { emptyFilters, exactCaseMatch, movedIndex, type QueueFilters as QueueScope, type QueueFilterState } from './queueModel'
import { QueueTable, type QueueTableHandle } from './QueueTable'
import { isRowInView, useActiveRow } from './useActiveRow'
import { queueKey, useCaseQueue } from './useCaseQueue'
import './cases.css'

const ROW_HEIGHT = 40
/** Start fetching the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 40

// Kept for the session, per queue (the 办件 screen's, the 代办 screen's): back from a case page, the clerk finds the queue as they left it.
const rememberedFilters = new Map<string, QueueFilterState>()

function openCase(caseNo: string): void {
  navigate(`cases/${encodeURIComponent(caseNo)}`)
}

/**
 * The queue: filters on top, then a virtual table (only the rows in view are
 * in the DOM) fed page by page as it scrolls, so 100,000 cases scroll like 100.
 * Keyboard: Alt+S search, ↓ into the list, ↑↓/PgUp/PgDn move, Enter opens, Esc back to the search.
 */
export function CaseQueue({ scope }: { scope?: QueueScope } = {}): React.JSX.Element {
  const { t } = useTranslation('cases')
  const scopeKey = JSON.stringify(scope ?? {})
  const [filters, setFiltersState] = useState<QueueFilterState>(() => rememberedFilters.get(scopeKey) ?? emptyFilters)
  const setFilters = useCallback(
    (next: QueueFilterState) => {
      rememberedFilters.set(scopeKey, next)
      setFiltersState(next)
    },
    [scopeKey],
  )
  const queue = useCaseQueue(filters, scope)
  const [active, setActive] = useState<number | null>(null)
  const searchRef = useRef<InputRef>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const tableRef = useRef<QueueTableHandle>(null)
  const columnRef = useRef<HTMLDivElement>(null)
  const height = useRemainingHeight(listRef, columnRef)
  const columns = useMemo(() => queueColumns(t), [t])
  const activeCaseNo = active === null ? null : (queue.rows[active]?.caseNo ?? null)
  useActiveRow(listRef, activeCaseNo)
  // Enter pressed in the search, waiting for the rows of that text.
  const [pendingEnter, setPendingEnter] = useState<{ text: string } | null>(null)

  useEffect(() => {
    searchRef.current?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && !e.ctrlKey && e.code === 'KeyS') {
        e.preventDefault()
        searchRef.current?.focus({ cursor: 'all' })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => setActive(null), [filters])

  const focusList = useCallback(
    (index: number) => {
      if (queue.rows.length === 0) return
      setActive(index)
      tableRef.current?.scrollTo({ index })
      listRef.current?.focus()
    },
    [queue.rows.length],
  )

  // Enter in the search: a case number opens its case; anything else hands over to the list.
  useEffect(() => {
    if (pendingEnter === null || filters.text !== pendingEnter.text || queue.loadedFor !== queueKey(filters, scope)) return
    setPendingEnter(null)
    const exact = exactCaseMatch(pendingEnter.text, queue.rows)
    if (exact) openCase(exact.caseNo)
    else focusList(0)
  }, [pendingEnter, queue.loadedFor, queue.rows, filters, scope, focusList])

  const onListKey = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key === 'Escape') {
      e.preventDefault()
      setActive(null)
      searchRef.current?.focus({ cursor: 'all' })
      return
    }
    if (e.key === 'Enter' && active !== null) {
      const row = queue.rows[active]
      if (row) openCase(row.caseNo)
      return
    }
    const next = movedIndex(e.key, active ?? -1, queue.rows.length, Math.max(1, Math.floor(height / ROW_HEIGHT) - 1))
    if (next === null) return
    e.preventDefault()
    setActive(next)
    const row = queue.rows[next]
    if (row && !isRowInView(listRef, row.caseNo)) tableRef.current?.scrollTo({ index: next })
    if (next >= queue.rows.length - PREFETCH_ROWS && queue.hasMore) queue.loadMore()
  }

  const onSearchEnter = useCallback((text: string) => setPendingEnter({ text }), [])
  const activeRef = useRef(active)
  useEffect(() => {
    activeRef.current = active
  })
  const onSearchDown = useCallback(() => focusList(activeRef.current ?? 0), [focusList])

  // Stable for the memoised table; reads the latest queue through the ref.
  const queueRef = useRef(queue)
  useEffect(() => {
    queueRef.current = queue
  })
  const onScroll = useCallback((e: React.UIEvent<HTMLDivElement>): void => {
    const el = e.currentTarget
    const q = queueRef.current
    if (q.hasMore && el.scrollTop + el.clientHeight >= el.scrollHeight - PREFETCH_ROWS * ROW_HEIGHT) q.loadMore()
  }, [])

  return (
    <Space ref={columnRef} direction="vertical" size="small" style={{ width: '100%' }}>
      <QueueFilters value={filters} onChange={setFilters} searchRef={searchRef} onSearchEnter={onSearchEnter} onSearchDown={onSearchDown} />
      <Space size="large">
        <Typography.Text data-testid="queue-count">{queue.count === null ? t('queue.counting') : t('queue.count', { count: queue.count })}</Typography.Text>
        {queue.count !== null ? <Typography.Text type="secondary">{t('queue.loaded', { shown: queue.rows.length, count: queue.count })}</Typography.Text> : null}
        {queue.newCases > 0 ? (
          <Button size="small" type="link" onClick={queue.reload} data-testid="queue-new-cases">
            {t('queue.newCases', { count: queue.newCases })}
          </Button>
        ) : null}
        <Typography.Text type="secondary">{t('queue.keysHint')}</Typography.Text>
      </Space>
      {queue.error ? <Alert type="error" showIcon title={queue.error} data-testid="queue-error" /> : null}
      <div ref={listRef} tabIndex={0} className="queue-list" onKeyDown={onListKey} data-testid="queue-table" aria-label={t('queue.columns.caseNo')}>
        <QueueTable
          tableRef={tableRef}
          rows={queue.rows}
          columns={columns}
          width={queueTableWidth}
          height={height}
          isLoading={queue.isLoading}
          emptyText={queue.isLoading ? t('queue.loading') : t('queue.empty')}
          onScroll={onScroll}
          onOpen={openCase}
        />
      </div>
    </Space>
  )
}

/** The table fills the window below its top edge (a virtual list needs a height in pixels). */
export function useRemainingHeight(ref: React.RefObject<HTMLElement | null>, columnRef: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(480)
  useLayoutEffect(() => {
    const list = ref.current
    if (!list) return
    const measure = (): void => {
      const top = list.getBoundingClientRect().top
      // header row, the content's bottom padding and a little air
      setHeight(Math.max(240, Math.floor(window.innerHeight - top - 80)))
    }
    measure()
    // The list's top edge moves without the window resizing: the top bar grows or shrinks (a language, a notice), or
    // something shows above the list (an error). Either resizes a box around it: the screen's scrollport under the top
    // bar (the window's own resizing too), or the queue's column. The column holds the list, so a new height calls this
    // once more, measures the same and settles.
    const observer = new ResizeObserver(measure)
    const scrollport = list.closest('.app-content')
    if (scrollport) observer.observe(scrollport)
    if (columnRef.current) observer.observe(columnRef.current)
    return () => observer.disconnect()
  }, [ref, columnRef])
  return height
}
