/**
 * The working-day calendar the hall counts deadlines with: the years shipped
 * in resources/calendar, files dropped in `<data>/calendar/`, and years
 * imported into the database (`calendar import`), later sources winning for
 * the same year. Built once and rebuilt after an import.
 */
import { join } from 'node:path'
import { AppError } from '../../domain/errors'
import { parseHolidayCalendar, type HolidayCalendarYear } from '../../domain/holidayCalendar'
import { isPlainDate, type PlainDate } from '../../domain/plainDate'
import { computeDeadline, WorkingDayCalendar } from '../../domain/workingDays'
import type { Store } from '../../store/store'
import { IMPORTED_CALENDAR_DIR, loadCalendarDir, shippedCalendarDir } from '../calendar/calendarFiles'
import { localTimestamp, type HallClock } from './hallClock'

export interface CalendarYearInfo {
  year: number
  source: string
  from: 'shipped' | 'data_dir' | 'imported'
}

export interface CalendarServiceOptions {
  store: Store
  dataDir: string
  clock: HallClock
  /** Tests point this at their own folder; the app uses resources/calendar. */
  shippedDir?: string
}

export class CalendarService {
  private cached: { calendar: WorkingDayCalendar; years: CalendarYearInfo[]; seenChanges: number } | undefined

  constructor(private readonly options: CalendarServiceOptions) {}

  calendar(): WorkingDayCalendar {
    return this.load().calendar
  }

  years(): CalendarYearInfo[] {
    return this.load().years
  }

  /** The deadline N working days after `date` (the `calendar.deadline` command and the intake preview). */
  deadline(date: PlainDate, days: number): PlainDate {
    if (!isPlainDate(date)) throw new AppError('BAD_INPUT', `日期“${date}”不是有效日期（应为 YYYY-MM-DD）`, 'date')
    return computeDeadline({ calendar: this.calendar(), acceptedDate: date, promisedDays: days })
  }

  /**
   * Stores one year in the database (replacing an earlier import of that year)
   * with its audit row. A file that fails validation writes nothing.
   */
  importYear(json: unknown, source: string, who: { operator: string; stationId: string }): HolidayCalendarYear {
    const year = parseHolidayCalendar(json)
    const { store } = this.options
    const at = localTimestamp(this.options.clock.now())
    store.transaction(() => {
      const stored = store.reference.putCalendarYear({ year: year.year, source, json: JSON.stringify(year), importedAt: at, operator: who.operator })
      store.audit({
        at,
        operator: who.operator,
        stationId: who.stationId,
        action: 'calendar.import',
        details: { year: year.year, source, notice: year.source, sha256: stored.sha256, holidays: year.holidays.length, makeupWorkdays: year.makeupWorkdays.length },
      })
    })
    this.cached = undefined
    return year
  }

  private load(): { calendar: WorkingDayCalendar; years: CalendarYearInfo[] } {
    // A `calendar import` run beside the app takes effect without a restart.
    const changes = this.options.store.externalChangeCount()
    if (this.cached && this.cached.seenChanges === changes) return this.cached
    const shipped = loadCalendarDir(this.options.shippedDir ?? shippedCalendarDir())
    const dropped = loadCalendarDir(join(this.options.dataDir, IMPORTED_CALENDAR_DIR))
    const imported = this.options.store.reference.calendarYears().map((row) => {
      try {
        return { year: parseHolidayCalendar(JSON.parse(row.json) as unknown), source: row.source }
      } catch (err) {
        throw new AppError('STORE_ERROR', `数据库中导入的 ${row.year} 年节假日日历无法读取：${err instanceof Error ? err.message : String(err)}；请重新导入`)
      }
    })
    const byYear = new Map<number, CalendarYearInfo>()
    for (const y of shipped) byYear.set(y.year, { year: y.year, source: y.source, from: 'shipped' })
    for (const y of dropped) byYear.set(y.year, { year: y.year, source: y.source, from: 'data_dir' })
    for (const y of imported) byYear.set(y.year.year, { year: y.year.year, source: y.source, from: 'imported' })
    // WorkingDayCalendar lets a later entry replace an earlier one of the same year.
    const calendar = new WorkingDayCalendar([...shipped, ...dropped, ...imported.map((y) => y.year)])
    this.cached = { calendar, years: [...byYear.values()].sort((a, b) => a.year - b.year), seenChanges: changes }
    return this.cached
  }
}
