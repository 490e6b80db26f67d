/**
 * One year of the official holiday arrangement (国务院办公厅节假日安排通知) as a
 * data file: the State Council publishes it each winter, so halls import it
 * rather than wait for a new release of the app.
 */
import { z } from 'zod'
import { AppError } from './errors'
import { isPlainDate, isWeekend, plainDateParts, type PlainDate } from './plainDate'
import { formatIssuePath, zhIssueMessage } from './zodMessages'

const plainDate = z.string().refine(isPlainDate, { error: (iss) => `“${String(iss.input)}”不是有效日期（应为 YYYY-MM-DD）` })

export const holidayCalendarSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The notice the dates come from, so an auditor can check them. */
    source: z.string().trim().min(1),
    holidays: z.array(
      z
        .object({
          name: z.string().trim().min(1),
          from: plainDate,
          to: plainDate,
        })
        .strict(),
    ),
    /** 调休: weekend days that are working days. */
    makeupWorkdays: z.array(plainDate),
  })
  .strict()

export type HolidayCalendarYear = z.output<typeof holidayCalendarSchema>
export type Holiday = HolidayCalendarYear['holidays'][number]

/** Every problem with a calendar file, each naming the field and the date; empty when it is sound. */
export function holidayCalendarProblems(json: unknown): { calendar?: HolidayCalendarYear; problems: string[] } {
  const parsed = holidayCalendarSchema.safeParse(json, { error: zhIssueMessage })
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${formatIssuePath(i.path) || '(根)'}：${i.message}`) }
  }
  const calendar = parsed.data
  const problems: string[] = []
  const { year } = calendar
  const inYear = (date: PlainDate): boolean => plainDateParts(date)?.year === year

  calendar.holidays.forEach((h, i) => {
    const at = `holidays[${i}]（${h.name}）`
    if (!inYear(h.from)) problems.push(`${at}.from：${h.from} 不在 ${year} 年内`)
    if (!inYear(h.to)) problems.push(`${at}.to：${h.to} 不在 ${year} 年内`)
    if (h.from > h.to) problems.push(`${at}：开始日 ${h.from} 晚于结束日 ${h.to}`)
  })
  // Sorted by start, any range that starts on or before the previous one's end overlaps it.
  const byStart = calendar.holidays.map((h, i) => ({ h, i })).sort((a, b) => (a.h.from < b.h.from ? -1 : a.h.from > b.h.from ? 1 : 0))
  for (let k = 1; k < byStart.length; k++) {
    const prev = byStart[k - 1]!
    const cur = byStart[k]!
    if (cur.h.from <= prev.h.to) {
      problems.push(`holidays[${cur.i}]（${cur.h.name} ${cur.h.from}–${cur.h.to}）与 holidays[${prev.i}]（${prev.h.name} ${prev.h.from}–${prev.h.to}）重叠`)
    }
  }

  const seen = new Set<string>()
  calendar.makeupWorkdays.forEach((d, i) => {
    const at = `makeupWorkdays[${i}]`
    if (!inYear(d)) problems.push(`${at}：${d} 不在 ${year} 年内`)
    if (!isWeekend(d)) problems.push(`${at}：${d} 不是周末，调休上班日只能是周六或周日`)
    if (seen.has(d)) problems.push(`${at}：${d} 重复`)
    seen.add(d)
    const clash = calendar.holidays.find((h) => d >= h.from && d <= h.to)
    if (clash) problems.push(`${at}：${d} 落在假期“${clash.name}”（${clash.from}–${clash.to}）内`)
  })
  return problems.length === 0 ? { calendar, problems } : { problems }
}

/** Parses a calendar file's JSON; throws AppError('BAD_INPUT') listing every problem. */
export function parseHolidayCalendar(json: unknown): HolidayCalendarYear {
  const { calendar, problems } = holidayCalendarProblems(json)
  if (!calendar) {
    const year = typeof json === 'object' && json !== null && 'year' in json ? ` ${String((json as { year: unknown }).year)} 年` : ''
    throw new AppError('BAD_INPUT', `节假日日历${year}有误：${problems.join('；')}`)
  }
  return calendar
}
