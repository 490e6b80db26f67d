/**
 * What the report worker does with one request, on its read-only
 * connection: read the period's rows (main/store/reportQueries.ts) and the
 * hall's holiday calendar, and reduce them to the figures
 * (main/domain/reports). Plain functions, so the worker stays a thin loop.
 */
import { join } from 'node:path'
import { periodBounds, type ReportPeriod } from '../../domain/reports/reportPeriods'
import { buildReportFigures, type ReportFigures } from '../../domain/reports/reportFigures'
import type { PlainDate } from '../../domain/plainDate'
import { WorkingDayCalendar } from '../../domain/workingDays'
import type { ReportQueries } from '../../store/reportQueries'
import { IMPORTED_CALENDAR_DIR, loadCalendarDir } from '../calendar/calendarFiles'

export interface ReportRequest {
  period: ReportPeriod
  date: PlainDate
  /** The hall's today and the moment of the request (the service's clock, so tests can set it). */
  today: PlainDate
  generatedAt: string
  /** Station id → window name, for the by-window table. */
  stationNames: Array<[string, string]>
}

export interface DailySheetFacts {
  report: ReportFigures
  /** The audit chain's newest row as this connection saw it. */
  head: { seq: number; hash: string } | null
}

/**
 * The calendar the hall counts deadlines with, built as the case services
 * build theirs (services/cases/calendarService.ts): the shipped years, then
 * files in the data directory, then years imported into the database — a
 * later one replacing an earlier one of the same year.
 */
export function reportCalendar(queries: ReportQueries, folders: { shippedCalendarDir: string; dataDir: string }): WorkingDayCalendar {
  return new WorkingDayCalendar([...loadCalendarDir(folders.shippedCalendarDir), ...loadCalendarDir(join(folders.dataDir, IMPORTED_CALENDAR_DIR)), ...queries.importedCalendarYears()])
}

export function computeReport(queries: ReportQueries, calendar: WorkingDayCalendar, request: ReportRequest): ReportFigures {
  const bounds = periodBounds(request.period, request.date)
  return buildReportFigures(
    {
      period: request.period,
      bounds,
      today: request.today,
      generatedAt: request.generatedAt,
      cases: queries.periodCases(bounds.from, bounds.to),
      ratingsByGrade: queries.ratingsByGrade(bounds.from, bounds.to),
      openFollowUps: queries.openFollowUps(),
      supplementRequests: queries.supplementRequests(bounds.from, bounds.to),
      express: queries.express(bounds.from, bounds.to),
      operatorNames: queries.operatorNames(),
      stationNames: new Map(request.stationNames),
    },
    calendar,
  )
}
