/**
 * The 统计 screen's state: which period, which date (the hall's today at
 * first, from the station's clock), and the report for them, kept current
 * as cases change. A new period or date shows "counting" until its own
 * answer comes, never the previous period's numbers under the new title.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Report, ReportPeriod } from '../../../main/contract/reports'
import type { PlainDate } from '../../../main/domain/plainDate'
import { call, useEvent, useResync } from '../../bridge/client'
import { fetchHallToday } from '../../hooks/hallToday'
import { stepPeriod } from './reportPeriod'

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

interface Answer {
  /** Which period and date the answer is for, and which reload of them. */
  key: string
  version: number
  report: Report | null
  error: string | null
}

export interface ReportView {
  period: ReportPeriod
  /** null until the station has said what today is. */
  date: PlainDate | null
  today: PlainDate | null
  report: Report | null
  /** The report command's failure (an AppError's Chinese message), or the station's date not read. */
  error: string | null
  todayError: string | null
  isLoading: boolean
  setPeriod(period: ReportPeriod): void
  setDate(date: PlainDate): void
  step(steps: number): void
  goToday(): void
  refresh(): void
}

/**
 * The report of a period and date. A reload of the same period (R, a case
 * changed) keeps the numbers on screen until the new answer replaces them;
 * another period or date shows "counting" until its own answer comes.
 * `onSettled` runs after every answer, so a caller can ask again.
 */
function useReport(period: ReportPeriod, date: PlainDate | null, version: number, onSettled: () => void): Answer & { isLoading: boolean } {
  const key = `${period}/${date ?? ''}`
  const [answer, setAnswer] = useState<Answer>({ key: '', version: -1, report: null, error: null })
  const settled = useRef(onSettled)
  settled.current = onSettled
  useEffect(() => {
    if (date === null) return
    let isLive = true
    call('reports.get', { period, date })
      .then(
        (report) => isLive && setAnswer({ key, version, report, error: null }),
        (err: unknown) => isLive && setAnswer({ key, version, report: null, error: messageOf(err) }),
      )
      .finally(() => isLive && settled.current())
    return () => {
      isLive = false
    }
  }, [key, version, period, date])
  const isCurrent = answer.key === key
  return { key, version, report: isCurrent ? answer.report : null, error: isCurrent ? answer.error : null, isLoading: date !== null && !isCurrent }
}

export function useReportView(): ReportView {
  const [period, setPeriod] = useState<ReportPeriod>('day')
  const [date, setDate] = useState<PlainDate | null>(null)
  const [today, setToday] = useState<PlainDate | null>(null)
  const [todayError, setTodayError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  const dateRef = useRef(date)
  dateRef.current = date

  const goToday = useCallback((): void => {
    fetchHallToday().then(
      (hallToday) => {
        setToday(hallToday)
        setDate(hallToday)
        setTodayError(null)
      },
      (err: unknown) => setTodayError(messageOf(err)),
    )
  }, [])
  useEffect(goToday, [goToday])
  // After a sign-in (nobody was signed in: nothing answered) or the event link's return: the date if still unknown, else the report again.
  useResync(() => (dateRef.current === null ? goToday() : setVersion((v) => v + 1)))

  // Live: a case changed anywhere (accepted, decided, shipped) → the report again. One request at a time; changes meanwhile make one more, after it.
  const isAsking = useRef(false)
  const isStale = useRef(false)
  const reload = useCallback((): void => {
    if (isAsking.current) isStale.current = true
    else setVersion((v) => v + 1)
  }, [])
  useEvent('case.changed', reload)
  const { report, error, isLoading } = useReport(period, date, version, () => {
    isAsking.current = false
    if (!isStale.current) return
    isStale.current = false
    setVersion((v) => v + 1)
  })
  useEffect(() => {
    if (date !== null) isAsking.current = true
  }, [period, date, version])
  return {
    period,
    date,
    today,
    report,
    error,
    todayError,
    isLoading,
    setPeriod,
    setDate,
    step: (steps) => setDate((current) => (current === null ? current : stepPeriod(period, current, steps))),
    goToday,
    refresh: () => setVersion((v) => v + 1),
  }
}
