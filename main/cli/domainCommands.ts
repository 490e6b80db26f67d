/**
 * Check tools for the counter's rules: identity numbers, credit codes,
 * deadlines and catalog files. A check prints `valid`/`invalid: reason` on
 * stdout and exits 0/1, so scripts can use the exit code and people the text.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { checkCatalog } from '../domain/catalog/catalogSchema'
import { checkAnyIdNumber } from '../domain/idNumber'
import { isPlainDate } from '../domain/plainDate'
import { provisionalReason } from '../domain/provisionalDeadline'
import { checkUscc } from '../domain/uscc'
import { countProvisionally } from '../domain/workingDays'
import { loadWorkingDayCalendar } from '../services/calendar/calendarFiles'
import { parseHolidayCalendar, type HolidayCalendarYear } from '../domain/holidayCalendar'
import { databaseFile, openDatabaseReadOnly } from '../store/database'
import { ReferenceDataRepository } from '../store/referenceDataRepository'
import { existsSync } from 'node:fs'

/** Years a hall imported into its database (`calendar import`), read without taking the writer's lock. */
function importedCalendarYears(dataDir: string): HolidayCalendarYear[] {
  const file = databaseFile(dataDir)
  if (!existsSync(file)) return []
  const db = openDatabaseReadOnly(file)
  try {
    return new ReferenceDataRepository(db).calendarYears().map((row) => parseHolidayCalendar(JSON.parse(row.json) as unknown))
  } finally {
    db.close()
  }
}
import { CliError, parseArgs, stringOption, usageError, type CliCommand } from './command'
import type { Bilingual } from './cliLanguage'

function onePositional(args: string[], usage: Bilingual): string {
  const { positional } = parseArgs(args)
  if (positional.length !== 1) throw usageError(usage)
  return positional[0]!
}

const idcardCheckUsage = { zh: 'idcard check 证件号码', en: 'idcard check ID' }
const usccCheckUsage = { zh: 'uscc check 代码', en: 'uscc check CODE' }
const calendarAddUsage = { zh: 'calendar add YYYY-MM-DD N [--data 目录]', en: 'calendar add YYYY-MM-DD N [--data DIR]' }
const catalogCheckUsage = { zh: 'catalog check 文件', en: 'catalog check FILE' }

function report(result: { valid: true } | { valid: false; reason: string }): number {
  console.log(result.valid ? 'valid' : `invalid: ${result.reason}`)
  return result.valid ? 0 : 1
}

export const domainCommands: CliCommand[] = [
  {
    name: ['idcard', 'check'],
    usage: idcardCheckUsage,
    summary: {
      zh: '校验身份证号码（GB 11643，含港澳台居住证、外国人永久居留身份证）',
      en: 'Check an ID number (GB 11643; also HK/Macao/Taiwan residence permits and foreigner permanent residence cards)',
    },
    run: (args) => report(checkAnyIdNumber(onePositional(args, idcardCheckUsage))),
  },
  {
    name: ['uscc', 'check'],
    usage: usccCheckUsage,
    summary: { zh: '校验统一社会信用代码（GB 32100）', en: 'Check a unified social credit code (GB 32100)' },
    run: (args) => report(checkUscc(onePositional(args, usccCheckUsage))),
  },
  {
    name: ['calendar', 'add'],
    usage: calendarAddUsage,
    summary: {
      zh: '计算受理日后第 N 个工作日（办理期限），含调休；--data 时也读取已导入的日历；缺某年日历时给出注明年份的暂定结果',
      en: 'The Nth working day after the acceptance date (the deadline), make-up workdays included; with --data also the imported calendars; a missing year gives a provisional result naming that year',
    },
    run: (args) => {
      const { positional, options } = parseArgs(args)
      const [date, days] = positional
      if (positional.length !== 2 || date === undefined || days === undefined) {
        throw usageError(calendarAddUsage)
      }
      if (!isPlainDate(date)) throw new CliError(`日期“${date}”无效，应为 YYYY-MM-DD`, 2)
      if (!/^\d+$/.test(days)) throw new CliError(`工作日数“${days}”应为非负整数`, 2)
      const dataDir = stringOption(options, 'data')
      const calendar = loadWorkingDayCalendar(dataDir === undefined ? {} : { dataDir: resolve(dataDir), imported: importedCalendarYears(resolve(dataDir)) })
      const { value, missingYears } = countProvisionally(calendar, (view) => view.addWorkingDays(date, Number(days)))
      // Never a bare weekend count: a guessed year is named on the same line, so no script can take it for exact.
      console.log(missingYears.length === 0 ? value : `${value}（暂定：${provisionalReason(missingYears)}，该年按周末计算；导入后以重新计算为准）`)
      return 0
    },
  },
  {
    name: ['catalog', 'check'],
    usage: catalogCheckUsage,
    summary: { zh: '校验政务服务事项目录文件（JSON）', en: 'Check a service catalog file (JSON)' },
    run: (args) => {
      const file = resolve(onePositional(args, catalogCheckUsage))
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (err) {
        throw new CliError(`无法读取 ${file}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
      }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (err) {
        throw new CliError(`${file} 不是合法的 JSON：${(err as Error).message}`)
      }
      const result = checkCatalog(json)
      if (!result.ok) {
        for (const line of result.errors) console.log(line)
        console.error(`事项目录有误：共 ${result.errors.length} 处`)
        return 1
      }
      console.log(`OK: ${result.catalog.items.length} items, ${result.catalog.departments.length} departments`)
      return 0
    },
  },
]
