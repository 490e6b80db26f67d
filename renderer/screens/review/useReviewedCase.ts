/**
 * The case under the reviewer's cursor, as the case page has it (allowed
 * actions, checklist, certificate): loaded when the cursor moves, again when
 * main pushes a change to it, and replaced by a transition's own answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { call, useEvent, useResync } from '../../bridge/client'
import { detailHasChange, type CaseDetail } from '../cases/queueModel'

export interface ReviewedCase {
  detail: CaseDetail | null
  error: string | null
  /** A transition's answer: the case as it now stands. */
  show(detail: CaseDetail): void
}

export function useReviewedCase(caseNo: string | null): ReviewedCase {
  const [detail, setDetail] = useState<CaseDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const shown = useRef<CaseDetail | null>(null)
  shown.current = detail

  const load = useCallback(() => {
    if (caseNo === null) return
    const mine = ++latest.current
    call('cases.get', { caseNo }).then(
      (d) => {
        if (mine !== latest.current) return
        setDetail(d)
        setError(null)
      },
      (err: unknown) => mine === latest.current && setError(err instanceof Error ? err.message : String(err)),
    )
  }, [caseNo])

  useEffect(() => {
    setError(null)
    load()
  }, [load])
  useEvent('case.changed', (change) => {
    if (change.caseNo === caseNo && !detailHasChange(shown.current, change)) load()
  })
  useResync(load)

  const show = useCallback((d: CaseDetail) => {
    // An answer on its way for an older read must not overwrite the transition's.
    latest.current++
    setDetail(d)
    setError(null)
  }, [])
  return { detail: detail?.caseNo === caseNo ? detail : null, error, show }
}
