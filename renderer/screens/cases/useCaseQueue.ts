/**
 * The queue as pages: the first page and the count when the filters change,
 * the next page (keyset cursor from `cases.list`) when the list nears its end.
 * Answers for older filters are dropped, so typing fast never shows rows of
 * a search the clerk has moved past. `case.changed` patches a shown row in
 * place and counts new cases, instead of reloading under the clerk's eyes.
 * When the station host's event socket comes back after a drop, the changes
 * pushed meanwhile are lost: the first page and the count load again.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { call, useEvent, useResync } from '../../bridge/client'
import { patchRow, toListFilters, type CaseRow, type QueueFilters, type QueueFilterState } from './queueModel'

const PAGE_SIZE = 100

export interface CaseQueue {
  rows: CaseRow[]
  count: number | null
  isLoading: boolean
  /** queueKey() of the filters the rows were loaded for (null until the first page). */
  loadedFor: string | null
  hasMore: boolean
  error: string | null
  /** Cases accepted since the list was loaded. */
  newCases: number
  loadMore(): void
  reload(): void
}

/** Identifies one query: rows loaded for another key are not the answer to this one. */
export function queueKey(filters: QueueFilterState, scope?: QueueFilters): string {
  return JSON.stringify([toListFilters(filters, scope), filters.sort])
}

/** `scope`: filters the screen fixes (the 代办 screen's), applied to every page and count. */
export function useCaseQueue(filters: QueueFilterState, scope?: QueueFilters): CaseQueue {
  const [rows, setRows] = useState<CaseRow[]>([])
  const [count, setCount] = useState<number | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [isLoading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [newCases, setNewCases] = useState(0)
  const [loadedFor, setLoadedFor] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const generationRef = useRef(0)
  const loadingRef = useRef(false)
  const rowsRef = useRef<CaseRow[]>([])
  /** Cases changed while the first page was on its way (null when none is): the page may be older than the change. */
  const changedDuringLoadRef = useRef<Set<string> | null>(null)

  const listFilters = JSON.stringify(toListFilters(filters, scope))
  const sort = filters.sort

  /** Reads one row again as a list row (masked), not the case page: the list never holds a full ID number. */
  const refreshRow = useCallback((caseNo: string) => {
    call('cases.list', { filters: { text: caseNo }, limit: 1 }).then(
      (page) => {
        const fresh = page.rows.find((r) => r.caseNo === caseNo)
        if (!fresh) return
        rowsRef.current = patchRow(rowsRef.current, fresh)
        setRows(rowsRef.current)
      },
      () => undefined,
    )
  }, [])

  useEffect(() => {
    const gen = ++generationRef.current
    const parsed = JSON.parse(listFilters) as ReturnType<typeof toListFilters>
    changedDuringLoadRef.current = new Set()
    loadingRef.current = true
    setLoading(true)
    setError(null)
    setNewCases(0)
    call('cases.list', { filters: parsed, sort, limit: PAGE_SIZE }).then(
      (page) => {
        if (gen !== generationRef.current) return
        rowsRef.current = page.rows
        setRows(page.rows)
        setLoadedFor(JSON.stringify([parsed, sort]))
        setCursor(page.nextCursor)
        loadingRef.current = false
        setLoading(false)
        // A change pushed while the page was on its way wins over the page, as in commandState.ts.
        const changed = changedDuringLoadRef.current ?? new Set<string>()
        changedDuringLoadRef.current = null
        for (const caseNo of changed) if (page.rows.some((r) => r.caseNo === caseNo)) refreshRow(caseNo)
      },
      (err: unknown) => {
        if (gen !== generationRef.current) return
        changedDuringLoadRef.current = null
        rowsRef.current = []
        setRows([])
        setLoadedFor(JSON.stringify([parsed, sort]))
        setCursor(null)
        setError(err instanceof Error ? err.message : String(err))
        loadingRef.current = false
        setLoading(false)
      },
    )
    setCount(null)
    call('cases.count', { filters: parsed }).then(
      (out) => gen === generationRef.current && setCount(out.count),
      () => undefined,
    )
  }, [listFilters, sort, generation, refreshRow])

  const loadMore = useCallback(() => {
    if (loadingRef.current || cursor === null) return
    const gen = generationRef.current
    loadingRef.current = true
    setLoading(true)
    call('cases.list', { filters: JSON.parse(listFilters) as ReturnType<typeof toListFilters>, sort, after: cursor, limit: PAGE_SIZE }).then(
      (page) => {
        if (gen !== generationRef.current) return
        rowsRef.current = [...rowsRef.current, ...page.rows]
        setRows(rowsRef.current)
        setCursor(page.nextCursor)
        loadingRef.current = false
        setLoading(false)
      },
      (err: unknown) => {
        if (gen !== generationRef.current) return
        setError(err instanceof Error ? err.message : String(err))
        loadingRef.current = false
        setLoading(false)
      },
    )
  }, [cursor, listFilters, sort])

  useEvent('case.changed', (change) => {
    if (change.previousState === null) {
      setNewCases((n) => n + 1)
      return
    }
    changedDuringLoadRef.current?.add(change.caseNo)
    if (rowsRef.current.some((r) => r.caseNo === change.caseNo)) refreshRow(change.caseNo)
  })

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  useResync(reload)

  return { rows, count, isLoading, loadedFor, hasMore: cursor !== null, error, newCases, loadMore, reload }
}
