/**
 * The holiday-calendar light, and the catch-up recount of provisional
 * deadlines. The light warns from 1 November (hall clock) while next year's
 * notice is not imported, and at once when this year's is missing; it turns
 * green when the year is in. When the loaded years change without an import
 * in this process (a new release ships a year, a file dropped in the data
 * folder, `calendar import` run beside the app), the open provisional
 * deadlines are recounted here. Checked at start and then every minute, so the
 * light changes within a minute of midnight on 1 November or of an import.
 */
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'
import type { CalendarService } from './calendarService'
import type { RecountedDeadline } from './provisionalRecount'

export interface CalendarWatchDeps {
  calendar: CalendarService
  devices: DeviceStatusBoard
  stationId: string
  /** Where a failed recount is told (the station's log); defaults to stderr. */
  log?: (line: string) => void
}

/** Who the timeline and audit name for a recount nobody typed. */
export const SYSTEM_OPERATOR = 'system'

const CHECK_EVERY_MS = 60_000

export class CalendarWatch {
  private timer: ReturnType<typeof setInterval> | undefined
  /** The loaded years at the last recount, as text; undefined before the first check. */
  private recountedFor: string | undefined

  constructor(private readonly deps: CalendarWatchDeps) {}

  /** Checks now, then every minute until `stop`. */
  start(): void {
    this.check()
    if (this.timer) return
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS)
    // The light must not keep a closing station (or a test run) alive.
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  /** Sets the light for today and recounts provisional deadlines if the loaded years changed; returns what it recounted. */
  check(): RecountedDeadline[] {
    const { calendar, devices } = this.deps
    let recounted: RecountedDeadline[] = []
    try {
      const years = calendar.years().map((y) => y.year)
      const key = years.join(',')
      if (key !== this.recountedFor) {
        recounted = calendar.recountProvisional({ operator: SYSTEM_OPERATOR, stationId: this.deps.stationId })
        this.recountedFor = key
      }
      const notice = calendar.notice()
      if (notice) {
        devices.report('calendar', { state: 'warning', message: notice.message, reason: notice.kind, params: { year: notice.year }, isEmulated: false })
      } else {
        const [first, last] = [years[0]!, years[years.length - 1]!]
        devices.report('calendar', { state: 'ok', message: `已载入 ${first}–${last} 年节假日安排`, reason: 'loaded', params: { first, last }, isEmulated: false })
      }
    } catch (err) {
      // A broken calendar file or a refused write: say so on the light, try again next minute.
      const message = err instanceof Error ? err.message : String(err)
      ;(this.deps.log ?? ((line: string) => console.error(line)))(`[calendar] 节假日日历检查失败：${message}`)
      devices.report('calendar', { state: 'error', message: `节假日日历检查失败：${message}`.slice(0, 120), reason: 'check_failed', isEmulated: false })
    }
    return recounted
  }
}
