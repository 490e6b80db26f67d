/**
 * Operations on a station's case store: calendar and catalog imports, demo
 * data (the audit chain: auditCommands.ts; backup and restore:
 * backupCommands.ts). Each opens the data directory itself, so it runs
 * beside a running app (WAL lets both in).
 */
import { secureDataDir } from '../store/dataDirPermissions'
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { basename, resolve } from 'node:path'
import { AppError } from '../domain/errors'
import { defaultDataDir, loadStationConfig } from '../config/loadConfig'
import { EventBus } from '../services/eventBus'
import { buildCaseServices, type CaseServices } from '../services/cases/caseServices'
import { DemoSeeder } from '../services/cases/demoSeeder'
import { SettableClock } from '../services/cases/hallClock'
import { SessionService } from '../services/system/session'
import { FileKeyProvider } from '../store/keyProviders'
import { openStore, type Store } from '../store/store'
import { CliError, numberOption, parseArgs, stringOption, usageError, type CliCommand } from './command'

function dataDirOf(options: Map<string, string | true>): string {
  return resolve(stringOption(options, 'data') ?? defaultDataDir())
}

/** Who an import is recorded as: the OS user running the CLI. */
function cliOperator(): string {
  try {
    return `cli:${userInfo().username}`.slice(0, 32)
  } catch {
    return 'cli'
  }
}

interface CaseArea {
  store: Store
  services: CaseServices
  session: SessionService
  clock: SettableClock
  stationId: string
  regionCode: string
}

function openCaseArea(dataDir: string): CaseArea {
  const config = loadStationConfig({ dataDir })
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  const events = new EventBus()
  const session = new SessionService({ events })
  const clock = new SettableClock(new Date())
  const services = buildCaseServices({ store, events, session, clock, dataDir, stationId: config.stationId, regionCode: config.regionCode })
  return { store, services, session, clock, stationId: config.stationId, regionCode: config.regionCode }
}

function readJsonFile(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch (err) {
    throw new CliError(`${what} ${file} 无法读取或不是合法的 JSON：${err instanceof Error ? err.message : String(err)}`)
  }
}

const calendarImportUsage = { zh: 'calendar import 文件 [--data 目录]', en: 'calendar import FILE [--data DIR]' }
const catalogImportUsage = { zh: 'catalog import 文件 [--data 目录]', en: 'catalog import FILE [--data DIR]' }

export const casesCommands: CliCommand[] = [
  {
    name: ['calendar', 'import'],
    usage: calendarImportUsage,
    summary: {
      zh: '把一年的官方节假日安排存入工作站数据库（替换该年此前的导入）',
      en: 'Store one year of the official holiday arrangement in the station database (replaces an earlier import of that year)',
    },
    run(args) {
      const { positional, options } = parseArgs(args)
      const file = positional[0]
      if (!file || positional.length !== 1) throw usageError(calendarImportUsage)
      const json = readJsonFile(resolve(file), '节假日日历文件')
      const area = openCaseArea(dataDirOf(options))
      try {
        const { year, recounted } = area.services.calendar.importYear(json, basename(file), { operator: cliOperator(), stationId: area.stationId })
        console.log(`已导入 ${year.year} 年节假日日历（${year.source}）：${year.holidays.length} 个假期，${year.makeupWorkdays.length} 个调休上班日`)
        if (recounted.length > 0) {
          const stillProvisional = recounted.filter((r) => r.stillMissingYears.length > 0).length
          console.log(`已重算 ${recounted.length} 个未办结办件的暂定时限${stillProvisional > 0 ? `（其中 ${stillProvisional} 个仍缺其他年份日历，仍为暂定）` : ''}`)
          for (const r of recounted) console.log(`  ${r.caseNo}：${r.previousDeadline} → ${r.deadline}`)
        }
        return 0
      } finally {
        area.store.close()
      }
    },
  },
  {
    name: ['catalog', 'import'],
    usage: catalogImportUsage,
    summary: {
      zh: '校验政务服务事项目录文件并设为本工作站的目录（有错误时不存储任何内容）',
      en: "Validate a service catalog file and make it the station's catalog (nothing is stored when it has errors)",
    },
    run(args) {
      const { positional, options } = parseArgs(args)
      const file = positional[0]
      if (!file || positional.length !== 1) throw usageError(catalogImportUsage)
      const json = readJsonFile(resolve(file), '事项目录文件')
      const area = openCaseArea(dataDirOf(options))
      try {
        const info = area.services.catalog.importCatalog(json, basename(file), { operator: cliOperator(), stationId: area.stationId })
        console.log(`已导入事项目录 ${info.version}（${info.hallName}，${info.itemCount} 个事项）`)
        return 0
      } finally {
        area.store.close()
      }
    },
  },
  {
    name: ['seed'],
    usage: { zh: 'seed --data 目录 --cases N [--ready-express K] [--days 90] [--seed 种子] [--now 时刻]', en: 'seed --data DIR --cases N [--ready-express K] [--days 90] [--seed S] [--now ISO]' },
    summary: {
      zh: '经由真实的受理和办件服务，在数据目录中生成 N 件分布在最近若干天的逼真演示办件；--ready-express K：其中恰好 K 件待出件、选择快递送达、收件地址为真实行政区划（供 dispatch ship --all-ready 寄出）',
      en: 'Fill a data directory with N realistic demo cases over the last days, through the real intake and case services; --ready-express K: exactly K of them ready, by express, to a real GB/T 2260 district (for dispatch ship --all-ready)',
    },
    run(args) {
      const { options } = parseArgs(args)
      const cases = numberOption(options, 'cases', 0)
      if (!Number.isInteger(cases) || cases < 1 || cases > 2_000_000) throw new CliError('--cases 应为 1–2000000 之间的整数', 2)
      const readyExpress = options.has('ready-express') ? numberOption(options, 'ready-express', 0) : undefined
      if (readyExpress !== undefined && (!Number.isInteger(readyExpress) || readyExpress < 0 || readyExpress > cases)) {
        throw new CliError(`--ready-express 应为 0–${cases} 之间的整数（不超过 --cases）`, 2)
      }
      // The history ends now, or at the moment given (a test, a demo rebuilt as of a day).
      const nowText = stringOption(options, 'now')
      const now = nowText === undefined ? undefined : new Date(nowText)
      if (now && Number.isNaN(now.getTime())) throw new CliError(`--now 应为 ISO 时刻，例如 2026-06-15T10:00:00+08:00，收到 "${nowText}"`, 2)
      // A new station's first command may be `seed`: the folder (0700) must exist before the key file is written into it.
      const area = openCaseArea(secureDataDir(dataDirOf(options)).dataDir)
      const started = Date.now()
      try {
        const seeder = new DemoSeeder(area.services, area.session, area.clock, {
          cases,
          days: numberOption(options, 'days', 90),
          seed: numberOption(options, 'seed', 20261126),
          regionCode: area.regionCode,
          ...(readyExpress !== undefined ? { readyExpress } : {}),
          ...(now ? { now } : {}),
          onProgress: (done, total) => {
            if (process.stderr.isTTY) process.stderr.write(`\r生成中 ${done}/${total} 步`)
          },
        })
        const report = seeder.run()
        if (process.stderr.isTTY) process.stderr.write('\n')
        console.log(`已生成 ${report.accepted} 件办件、${report.transitions} 次流转（跳过 ${report.skipped} 步），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`)
        console.log(Object.entries(report.byState).map(([state, n]) => `${state} ${n}`).join('，'))
        if (readyExpress !== undefined) console.log(`待出件的快递办件 ${report.readyExpress} 件（npm run cli -- dispatch ship --data 目录 --all-ready 寄出）`)
        return 0
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message)
        throw err
      } finally {
        area.store.close()
      }
    },
  },
]
