/**
 * The department's cases still needing the reviewer, most urgent deadline
 * first. A department's open cases are a short list: it is loaded whole (up
 * to a page of 200) and again on every case change pushed from main, or when
 * the station host's event socket comes back after a drop.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { call, useEvent, useResync } from '../../bridge/client'
import type { CaseRow } from '../cases/queueModel'
import { reviewStates } from './reviewModel'

export const REVIEW_PAGE = 200

export interface ReviewQueue {
  rows: CaseRow[]
  count: number | null
  isLoading: boolean
  error: string | null
  /** The department the rows were loaded for (null until the first answer). */
  loadedFor: string | null
  reload(): void
}

export function useReviewQueue(department: string | null): ReviewQueue {
  const [rows, setRows] = useState<CaseRow[]>([])
  const [count, setCount] = useState<number | null>(null)
  const [isLoading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [loadedFor, setLoadedFor] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    if (department === null) return
    const mine = ++latest.current
    const filters = { department, states: [...reviewStates] }
    setLoading(true)
    Promise.all([call('cases.list', { filters, sort: 'deadline', limit: REVIEW_PAGE }), call('cases.count', { filters })]).then(
      ([page, total]) => {
        if (mine !== latest.current) return
        setRows(page.rows)
        setCount(total.count)
        setError(null)
        setLoadedFor(department)
        setLoading(false)
      },
      (err: unknown) => {
        if (mine !== latest.current) return
        setError(err instanceof Error ? err.message : String(err))
        setLoadedFor(department)
        setLoading(false)
      },
    )
  }, [department, generation])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  // Any change may move a case into the list (a new intake, a supply) or out of it (produced): the list is short, read it again.
  useEvent('case.changed', reload)
  useResync(reload)

  return { rows, count, isLoading, error, loadedFor, reload }
}
