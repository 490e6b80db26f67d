/**
 * Hall mode from the command line (docs/hall.md "CLI"), for installers,
 * operations and the acceptance checks: create or migrate the hall schema,
 * join a station's data directory to the hall, sync it, and list the cases
 * a station knows. The hall secret is read from an environment variable
 * named on the command line, never from the command line itself (it would
 * show in the process list and the shell history).
 */
import { resolve } from 'node:path'
import { defaultDataDir, loadStationConfig } from '../config/loadConfig'
import { openHallPool } from '../hall/hallDb'
import { migrateHall } from '../hall/hallSchema'
import { FileKeyProvider } from '../store/keyProviders'
import { knownCases } from '../store/stationCases'
import { AppError } from '../domain/errors'
import { syncHall } from '../services/hall/hallSync'
import { openStore } from '../store/store'
import { CliError, numberOption, parseArgs, stringOption, usageError, type CliCommand } from './command'
import { joinHall } from './hallJoin'

const initUsage = { zh: 'hall init --url 大厅数据库地址', en: 'hall init --url URL' }
const joinUsage = {
  zh: 'hall join --data 目录 --url 大厅数据库地址 --station 工作站代码 --secret-env 环境变量名 [--tls]',
  en: 'hall join --data DIR --url URL --station CODE --secret-env NAME [--tls]',
}
const syncUsage = { zh: 'hall sync --data 目录 [--timeout 秒]', en: 'hall sync --data DIR [--timeout SECONDS]' }
const listUsage = { zh: 'cases list --data 目录 --json', en: 'cases list --data DIR --json' }

const DEFAULT_SYNC_SECONDS = 60

function dataDirOf(options: Map<string, string | true>): string {
  return resolve(stringOption(options, 'data') ?? defaultDataDir())
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export const hallCommands: CliCommand[] = [
  {
    name: ['hall', 'init'],
    usage: initUsage,
    summary: { zh: '创建或升级大厅数据库（PostgreSQL）的结构；可重复运行', en: "Create or migrate the hall's PostgreSQL schema; safe to run again" },
    async run(args) {
      const { options } = parseArgs(args)
      const url = stringOption(options, 'url')
      if (!url) throw usageError(initUsage)
      const pool = openHallPool({ url, tls: options.has('tls') }, { max: 1 })
      try {
        const { from, to, applied } = await migrateHall(pool)
        console.log(applied.length === 0 ? `大厅数据库已是最新结构（版本 ${to}）` : `大厅数据库结构已从版本 ${from} 升级到 ${to}：${applied.join('、')}`)
        return 0
      } catch (err) {
        throw new CliError(`大厅数据库初始化失败：${reasonOf(err)}`)
      } finally {
        await pool.end()
      }
    },
  },
  {
    name: ['hall', 'join'],
    usage: joinUsage,
    summary: {
      zh: '把工作站数据目录加入大厅：工作站代码写入配置（办件编号含此代码），大厅密钥以本站密钥加密保存',
      en: "Join a station's data directory to the hall: the code goes into its config (and case numbers), the hall key is kept sealed with the station's key",
    },
    async run(args) {
      const { options } = parseArgs(args, { flags: ['tls'] })
      const url = stringOption(options, 'url')
      const station = stringOption(options, 'station')
      const secretEnv = stringOption(options, 'secret-env')
      if (!url || !station || !secretEnv || !options.has('data')) throw usageError(joinUsage)
      const secret = process.env[secretEnv]
      if (!secret) throw new CliError(`环境变量 ${secretEnv} 未设置或为空：它应含本大厅的密钥口令`)
      const joined = await joinHall({ dataDir: dataDirOf(options), url, station, secret, tls: options.has('tls') })
      console.log(joined.rejoined ? `工作站 ${joined.station}（${joined.name}）已在大厅中，配置已更新` : `工作站 ${joined.station}（${joined.name}）已加入大厅`)
      return 0
    },
  },
  {
    name: ['hall', 'sync'],
    usage: syncUsage,
    summary: {
      zh: '与大厅同步：推送本站待同步的变更，拉取其他工作站的变更；输出一行 JSON {"pushed","pulled","waiting"}',
      en: 'Sync with the hall: push this station\'s queued changes, pull the other stations\'; prints one JSON line {"pushed","pulled","waiting"}',
    },
    async run(args) {
      const { options } = parseArgs(args)
      if (!options.has('data')) throw usageError(syncUsage)
      const seconds = numberOption(options, 'timeout', DEFAULT_SYNC_SECONDS)
      if (!(seconds > 0)) throw new CliError(`--timeout 应为正数（秒），收到 ${seconds}`)
      let result: Awaited<ReturnType<typeof syncHall>>
      try {
        result = await syncHall(dataDirOf(options), seconds * 1000)
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message)
        throw err
      }
      if (result.parked > 0) console.error(`有 ${result.parked} 条大厅同步作业被搁置，需人工处理（外发队列中可查看原因）`)
      console.log(JSON.stringify({ pushed: result.pushed, pulled: result.pulled, waiting: result.waiting }))
      return 0
    },
  },
  {
    name: ['cases', 'list'],
    usage: listUsage,
    summary: { zh: '列出本工作站所知的全部办件（JSON：办件编号、状态、受理工作站）', en: 'List every case the station knows (JSON: case number, state, accepting station)' },
    run(args) {
      const { options } = parseArgs(args, { flags: ['json'] })
      if (!options.has('json')) throw usageError(listUsage)
      const dataDir = dataDirOf(options)
      // Read first: a wrong config says so before the store is opened.
      loadStationConfig({ dataDir })
      const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
      try {
        console.log(JSON.stringify(knownCases(store.db)))
      } finally {
        store.close()
      }
      return 0
    },
  },
]
