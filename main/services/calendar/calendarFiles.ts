/**
 * Holiday calendars on disk: the years shipped in `resources/calendar/`, and
 * those a hall imported into its data directory (`<data>/calendar/`), which
 * replace shipped ones of the same year.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../domain/errors'
import { resourcesDir } from '../../config/paths'
import { holidayCalendarProblems, type HolidayCalendarYear } from '../../domain/holidayCalendar'
import { WorkingDayCalendar } from '../../domain/workingDays'

/** Sub-folder of the data directory that `calendar import` writes to. */
export const IMPORTED_CALENDAR_DIR = 'calendar'

export function shippedCalendarDir(): string {
  return join(resourcesDir(), 'calendar')
}

/** Reads and checks one calendar file; errors name the file. */
export function readCalendarFile(file: string): HolidayCalendarYear {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new AppError('BAD_INPUT', `节假日日历文件 ${file} 无法读取或不是合法的 JSON：${(err as Error).message}`)
  }
  const { calendar, problems } = holidayCalendarProblems(json)
  if (!calendar) throw new AppError('BAD_INPUT', `节假日日历文件 ${file} 有误：${problems.join('；')}`)
  return calendar
}

/** Every `*.json` calendar in `dir`, in file-name order; a folder that does not exist holds none. */
export function loadCalendarDir(dir: string): HolidayCalendarYear[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.json'))
    .sort()
    .map((name) => readCalendarFile(join(dir, name)))
}

/**
 * The shipped years, then the data directory's dropped files, then the years
 * imported into the database (`calendar import`) — later sources win for the
 * same year, exactly as the running app counts (CalendarService).
 */
export function loadWorkingDayCalendar(options: { dataDir?: string; shippedDir?: string; imported?: readonly HolidayCalendarYear[] } = {}): WorkingDayCalendar {
  const years = loadCalendarDir(options.shippedDir ?? shippedCalendarDir())
  if (options.dataDir !== undefined) years.push(...loadCalendarDir(join(options.dataDir, IMPORTED_CALENDAR_DIR)))
  years.push(...(options.imported ?? []))
  return new WorkingDayCalendar(years)
}
