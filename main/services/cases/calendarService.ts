/**
 * The working-day calendar the hall counts deadlines with: the years shipped
 * in resources/calendar, files dropped in `<data>/calendar/`, and years
 * imported into the database (`calendar import`), later sources winning for
 * the same year. Built once and rebuilt after an import.
 */
import { join } from 'node:path'
import { calendarNotice, type CalendarNotice } from '../../domain/calendarNotice'
import { AppError } from '../../domain/errors'
import { parseHolidayCalendar, type HolidayCalendarYear } from '../../domain/holidayCalendar'
import { isPlainDate, type PlainDate } from '../../domain/plainDate'
import { planDeadline, provisionalNote, type ProvisionalNote } from '../../domain/provisionalDeadline'
import { computeDeadline, WorkingDayCalendar } from '../../domain/workingDays'
import type { Store } from '../../store/store'
import { IMPORTED_CALENDAR_DIR, loadCalendarDir, shippedCalendarDir } from '../calendar/calendarFiles'
import type { CaseChangeRecorder } from './caseChanges'
import { todayOn, type HallClock } from './hallClock'
import { recountProvisionalDeadlines, type RecountedDeadline } from './provisionalRecount'
import { utcTimestamp } from '../../domain/timestamps'

export interface CalendarYearInfo {
  year: number
  source: string
  from: 'shipped' | 'data_dir' | 'imported'
}

export interface CalendarServiceOptions {
  store: Store
  dataDir: string
  clock: HallClock
  /** An import recounts provisional deadlines in its own transaction, through the case-change recorder. */
  changes: CaseChangeRecorder
  /** Tests point this at their own folder; the app uses resources/calendar. */
  shippedDir?: string
}

/** A deadline as the intake preview shows it: 暂定 with its reason when a year was counted as weekends only. */
export interface DeadlineAnswer {
  deadline: PlainDate
  provisional: ProvisionalNote | null
}

export interface ImportedYear {
  year: HolidayCalendarYear
  /** Open cases whose provisional deadline was recounted in the import's transaction. */
  recounted: RecountedDeadline[]
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

  /** What the status bar must say about missing calendars on the hall's today, or null. */
  notice(): CalendarNotice | null {
    return calendarNotice(todayOn(this.options.clock), this.calendar().years())
  }

  /** The deadline N working days after `date` (the `calendar.deadline` command and the intake preview). */
  deadline(date: PlainDate, days: number): PlainDate {
    if (!isPlainDate(date)) throw new AppError('BAD_INPUT', `日期“${date}”不是有效日期（应为 YYYY-MM-DD）`, 'date')
    return computeDeadline({ calendar: this.calendar(), acceptedDate: date, promisedDays: days })
  }

  /** As `deadline`, but a year with no calendar gives a provisional answer naming it instead of an error. */
  deadlineAnswer(date: PlainDate, days: number): DeadlineAnswer {
    if (!isPlainDate(date)) throw new AppError('BAD_INPUT', `日期“${date}”不是有效日期（应为 YYYY-MM-DD）`, 'date')
    const plan = planDeadline({ calendar: this.calendar(), acceptedDate: date, promisedDays: days })
    return { deadline: plan.deadline, provisional: provisionalNote(plan.provisional) }
  }

  /**
   * Recounts the open provisional deadlines whose guessed years are loaded
   * now without an import in this process: a year shipped with a new release,
   * a file dropped in the data folder, an import by the CLI beside the app.
   * One transaction; nothing is written when there is nothing to recount.
   */
  recountProvisional(who: { operator: string; stationId: string }): RecountedDeadline[] {
    const calendar = this.calendar()
    const at = utcTimestamp(this.options.clock.now())
    return this.options.changes.transaction(({ record }) =>
      recountProvisionalDeadlines({ store: this.options.store, calendar, record, at, operator: who.operator, stationId: who.stationId, because: (years) => `已载入 ${years.join('、')} 年节假日日历` }),
    )
  }

  /**
   * Stores one year in the database (replacing an earlier import of that year)
   * with its audit row, and recounts in the same transaction every open
   * provisional deadline that guessed this year (timeline and audit row each;
   * `case.changed` after the commit). A file that fails validation writes nothing.
   */
  importYear(json: unknown, source: string, who: { operator: string; stationId: string }): ImportedYear {
    const year = parseHolidayCalendar(json)
    const { store } = this.options
    const at = utcTimestamp(this.options.clock.now())
    try {
      const recounted = this.options.changes.transaction(({ record }) => {
        const stored = store.reference.putCalendarYear({ year: year.year, source, json: JSON.stringify(year), importedAt: at, operator: who.operator })
        store.audit({
          at,
          operator: who.operator,
          stationId: who.stationId,
          action: 'calendar.import',
          details: { year: year.year, source, notice: year.source, sha256: stored.sha256, holidays: year.holidays.length, makeupWorkdays: year.makeupWorkdays.length },
        })
        // Rebuilt inside the transaction, so it holds the year just written (and anything committed beside us before the lock).
        this.cached = undefined
        const calendar = this.calendar()
        return recountProvisionalDeadlines({ store, calendar, record, at, operator: who.operator, stationId: who.stationId, because: (years) => `导入 ${years.join('、')} 年节假日日历` })
      })
      return { year, recounted }
    } finally {
      // Committed or rolled back, the cache may hold what the transaction saw: read again next time.
      this.cached = undefined
    }
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
