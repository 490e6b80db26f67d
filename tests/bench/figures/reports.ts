/**
 * 统计: the daily report at 1,000,000 cases (the cases bench's fixture, 2,500
 * a day), as the 统计 screen gets it — through the report worker on its
 * read-only connection, request and answer crossing threads.
 *
 * - ÷ one indexed scan of that day's cases: the same connection kind reading
 *   the day's rows (the columns the report groups by) through the same
 *   (state, accepted_at) ranges, in this run. What the ratio says is what the
 *   report adds on top of reading its cases once: the decision lookup per
 *   decided case, the ratings, 补正 and courier counts, the calendar, the
 *   grouping and the thread hop. Target ≤ 5.
 * - ÷ 200 ms: a target we set for the screen to answer without a wait, so it
 *   moves with the machine.
 * Two days are measured, the slower one counting: one from the last month
 * (cases still running) and one from months ago (nearly all decided: a
 * timeline lookup each).
 */
import Database from 'better-sqlite3'
import { caseStates } from '../../../main/domain/caseMachine'
import { shippedCalendarDir } from '../../../main/services/calendar/calendarFiles'
import { SettableClock } from '../../../main/services/cases/hallClock'
import { ReportReader } from '../../../main/services/reports/reportReader'
import { acceptedInstants } from '../../../main/store/caseQueueRepository'
import { databaseFile } from '../../../main/store/database'
import { BENCH_TODAY, caseBenchFixture } from '../caseBenchFixture'
import { median, overFixedLimit, sameRunRatio, type BenchFigure } from '../figure'

const DAYS = ['2026-06-16', '2026-01-14'] as const
const ROUNDS = 21

interface Measured {
  day: string
  reportMs: number
  scanMs: number
  accepted: number
}

let measured: Measured[] | undefined

async function measure(): Promise<Measured[]> {
  if (measured) return measured
  const { dataDir } = caseBenchFixture((line) => console.error(`reports: ${line}`))
  const file = databaseFile(dataDir)
  const reader = new ReportReader({ databaseFile: file, dataDir, shippedCalendarDir: shippedCalendarDir(), clock: new SettableClock(BENCH_TODAY) })
  const scanDb = new Database(file, { readonly: true, fileMustExist: true })
  const scan = scanDb.prepare(
    `SELECT c.case_no, c.item_code, c.item_name, c.department, c.state, c.operator, c.station_id, c.accepted_date, c.deadline
     FROM cases c WHERE c.state IN (${caseStates.map(() => '?').join(', ')}) AND c.accepted_at >= ? AND c.accepted_at < ?`,
  )
  try {
    const days: Measured[] = []
    for (const day of DAYS) {
      const { start, end } = acceptedInstants(day, day)
      const scanOnce = (): number => scan.all(...caseStates, start, end).length
      // Warm both (page cache, the worker's connection and statements), then interleave: both see the same machine.
      let accepted = 0
      for (let i = 0; i < 3; i++) {
        accepted = (await reader.report('day', day)).accepted
        scanOnce()
      }
      if (accepted !== scanOnce()) throw new Error(`${day}: report counts ${accepted} cases, the scan ${scanOnce()}`)
      const reportTimes: number[] = []
      const scanTimes: number[] = []
      for (let i = 0; i < ROUNDS; i++) {
        let started = performance.now()
        await reader.report('day', day)
        reportTimes.push(performance.now() - started)
        started = performance.now()
        scanOnce()
        scanTimes.push(performance.now() - started)
      }
      const m = { day, reportMs: median(reportTimes), scanMs: median(scanTimes), accepted }
      if (process.env.BENCH_VERBOSE) console.error(`reports: ${day}: ${accepted} cases, report ${m.reportMs.toFixed(2)} ms, scan ${m.scanMs.toFixed(2)} ms`)
      days.push(m)
    }
    measured = days
    return days
  } finally {
    scanDb.close()
    await reader.stop()
  }
}

/** The day that did worst by `score`. */
function worst(days: Measured[], score: (d: Measured) => number): Measured {
  return days.reduce((a, b) => (score(b) > score(a) ? b : a))
}

export const figures: BenchFigure[] = [
  {
    name: 'reports: daily report ÷ one indexed scan of the day’s cases (1,000,000 cases)',
    async run() {
      const m = worst(await measure(), (d) => d.reportMs / d.scanMs)
      return {
        ...sameRunRatio(m.reportMs / m.scanMs, { atMost: 5 }, 'reading the day’s case rows through the (state, accepted_at) index once, read-only connection, same run'),
        note: `${m.day}: ${m.accepted} cases, report ${m.reportMs.toFixed(1)} ms, scan ${m.scanMs.toFixed(1)} ms`,
      }
    },
  },
  {
    name: 'reports: daily report ÷ 200 ms (1,000,000 cases)',
    async run() {
      const m = worst(await measure(), (d) => d.reportMs)
      return { ...overFixedLimit(m.reportMs, { ms: 200, basis: 'target', what: '200 ms, our goal for the 统计 screen to answer a day without a wait' }, { below: 1 }), note: m.day }
    },
  },
]
