/**
 * 统计 from outside the app: `reports daily` prints a day's headline figures
 * as one JSON line (for scripts and the hall's own monitoring) and with
 * --csv writes the full report as the 统计 screen exports it. Read through
 * the same worker and read-only connection as the screen, so it runs beside
 * the running station.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defaultDataDir, loadStationConfig } from '../config/loadConfig'
import { isPlainDate } from '../domain/plainDate'
import { reportCsv } from '../domain/reports/reportCsv'
import type { ReportFigures } from '../domain/reports/reportFigures'
import { shippedCalendarDir } from '../services/calendar/calendarFiles'
import { SettableClock, systemClock, type HallClock } from '../services/cases/hallClock'
import { ReportReader } from '../services/reports/reportReader'
import { databaseFile } from '../store/database'
import { CliError, parseArgs, stringOption, usageError, type CliCommand } from './command'

const dailyUsage = { zh: 'reports daily --data 目录 --date YYYY-MM-DD [--csv 文件] [--now 时刻]', en: 'reports daily --data DIR --date YYYY-MM-DD [--csv FILE] [--now ISO]' }

/** The one JSON line: counts keyed by state and by grade ("5" … "1"). */
export function dailyLine(r: ReportFigures): string {
  return JSON.stringify({
    date: r.from,
    accepted: r.accepted,
    byState: Object.fromEntries(r.byState.map((s) => [s.key, s.count])),
    onTime: r.deadlines.onTime,
    overdue: r.deadlines.overdue,
    ratings: Object.fromEntries(r.ratings.byGrade.map((g) => [g.key, g.count])),
  })
}

export const reportsCommands: CliCommand[] = [
  {
    name: ['reports', 'daily'],
    usage: dailyUsage,
    summary: {
      zh: '输出某日统计的一行 JSON（受理件数、按状态、按时办结、逾期、好差评）；--csv 另将完整报表写成 CSV 文件（UTF-8 带 BOM，Excel 可直接打开）。以只读方式读取，可在工作站运行时使用',
      en: "Print a day's figures as one JSON line (accepted, by state, on time, overdue, ratings); --csv also writes the full report as CSV (UTF-8 with BOM, opens in Excel). Reads only, so it runs beside the station",
    },
    async run(args) {
      const { positional, options } = parseArgs(args)
      if (positional.length > 0) throw usageError(dailyUsage)
      const date = stringOption(options, 'date')
      if (date === undefined) throw usageError(dailyUsage)
      if (!isPlainDate(date)) throw new CliError(`--date 应为有效日期 YYYY-MM-DD，收到 "${date}"`, 2)
      const dataDir = resolve(stringOption(options, 'data') ?? defaultDataDir())
      if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new CliError(`找不到数据目录 ${dataDir}：请用 --data 指定工作站的数据目录`)
      const file = databaseFile(dataDir)
      if (!existsSync(file)) throw new CliError(`数据目录 ${dataDir} 中没有工作站数据库（${file}）：请用 --data 指定工作站的数据目录`)
      const csvFile = stringOption(options, 'csv')
      // "Now" decides which undecided cases are already overdue in a period not over yet: a script (or a test) may fix it.
      const nowText = stringOption(options, 'now')
      let clock: HallClock = systemClock
      if (nowText !== undefined) {
        const now = new Date(nowText)
        if (Number.isNaN(now.getTime())) throw new CliError(`--now 应为 ISO 时刻，例如 2026-06-15T18:00:00+08:00，收到 "${nowText}"`, 2)
        clock = new SettableClock(now)
      }
      const config = loadStationConfig({ dataDir })
      const reader = new ReportReader({ databaseFile: file, dataDir, shippedCalendarDir: shippedCalendarDir(), clock, stationNames: new Map([[config.stationId, config.stationName]]) })
      try {
        const report = await reader.report('day', date)
        if (csvFile !== undefined) {
          try {
            writeFileSync(resolve(csvFile), reportCsv(report))
          } catch (err) {
            throw new CliError(`无法写入 CSV 文件 ${resolve(csvFile)}：${err instanceof Error ? err.message : String(err)}`)
          }
        }
        console.log(dailyLine(report))
        return 0
      } finally {
        await reader.stop()
      }
    },
  },
]
