/**
 * The government service platform from the command line (docs/upstream.md
 * "CLI"): register the station's key with the platform (or print it for an
 * out-of-band registration), sync (push the backlog, pull the notices), and
 * look at — or retry — the notices parked for a person. The platform's
 * enrolment token is read from an environment variable named on the command
 * line, never from the command line itself (process list, shell history).
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defaultDataDir } from '../config/loadConfig'
import { AppError } from '../domain/errors'
import { registerStation, stationKeyInfo } from '../services/upstream/upstreamRegistration'
import { syncUpstream, upstreamNotices } from '../services/upstream/upstreamSync'
import { SEALED_KEY_FILE_NAME } from '../store/keyProviders'
import { CliError, numberOption, parseArgs, stringOption, usageError, type CliCommand } from './command'
import { emulateUpstreamCommand } from './upstreamEmulate'

const registerUsage = { zh: 'upstream register --data 目录 [--url 平台地址] [--token-env 环境变量名]', en: 'upstream register --data DIR [--url URL] [--token-env NAME]' }
const keyUsage = { zh: 'upstream key --data 目录', en: 'upstream key --data DIR' }
const syncUsage = { zh: 'upstream sync --data 目录 [--timeout 秒]', en: 'upstream sync --data DIR [--timeout SECONDS]' }
const noticesUsage = { zh: 'upstream notices --data 目录 [--retry]', en: 'upstream notices --data DIR [--retry]' }

function dataDirOf(options: Map<string, string | true>): string {
  const dataDir = resolve(stringOption(options, 'data') ?? defaultDataDir())
  // The desktop seals its key with the OS keychain, which this process cannot open.
  if (existsSync(join(dataDir, SEALED_KEY_FILE_NAME))) throw new CliError(`${dataDir} 的主密钥由桌面应用用系统钥匙串保护，命令行打不开：请在该电脑上的应用里操作`)
  return dataDir
}

const asCliError = (err: unknown): unknown => (err instanceof AppError ? new CliError(err.message) : err)

export const upstreamCommands: CliCommand[] = [
  emulateUpstreamCommand,
  {
    name: ['upstream', 'key'],
    usage: keyUsage,
    summary: { zh: '打印本站向政务服务平台签名所用的公钥和密钥编号（JSON，供平台线下登记）；首次运行时生成密钥', en: "Print the station's signing public key and key id for the platform (JSON, for an out-of-band registration); makes the key on first use" },
    run(args) {
      const { options } = parseArgs(args)
      if (!options.has('data')) throw usageError(keyUsage)
      try {
        console.log(JSON.stringify(stationKeyInfo(dataDirOf(options))))
        return 0
      } catch (err) {
        throw asCliError(err)
      }
    },
  },
  {
    name: ['upstream', 'register'],
    usage: registerUsage,
    summary: { zh: '向政务服务平台登记本站公钥（请求用该密钥签名；平台发放登记令牌时放在 --token-env 所指的环境变量中）', en: "Register the station's public key with the platform (signed with that key; the platform's enrolment token, if any, in the variable --token-env names)" },
    async run(args) {
      const { options } = parseArgs(args)
      if (!options.has('data')) throw usageError(registerUsage)
      const tokenEnv = stringOption(options, 'token-env')
      const token = tokenEnv ? process.env[tokenEnv] : undefined
      if (tokenEnv && !token) throw new CliError(`环境变量 ${tokenEnv} 未设置或为空：它应含政务服务平台发放的登记令牌`)
      try {
        const url = stringOption(options, 'url')
        const registered = await registerStation(dataDirOf(options), { ...(url ? { url } : {}), ...(token ? { enrolToken: token } : {}) })
        console.log(JSON.stringify(registered))
        return 0
      } catch (err) {
        throw asCliError(err)
      }
    },
  },
  {
    name: ['upstream', 'sync'],
    usage: syncUsage,
    summary: {
      zh: '与政务服务平台同步：推送本站待推送的办件事件，拉取并应用平台通知；输出一行 JSON {"pushed","pulled","waiting","parked"}',
      en: 'Sync with the platform: push the queued case events, pull and apply its notices; prints one JSON line {"pushed","pulled","waiting","parked"}',
    },
    async run(args) {
      const { options } = parseArgs(args)
      if (!options.has('data')) throw usageError(syncUsage)
      const seconds = numberOption(options, 'timeout', 60)
      if (!(seconds > 0)) throw new CliError(`--timeout 应为正数（秒），收到 ${seconds}`)
      try {
        const result = await syncUpstream(dataDirOf(options), seconds * 1000)
        if (result.parked > 0) console.error(`有 ${result.parked} 条推送被搁置，需人工处理（外发队列中可查看原因）`)
        console.log(JSON.stringify(result))
        return 0
      } catch (err) {
        throw asCliError(err)
      }
    },
  },
  {
    name: ['upstream', 'notices'],
    usage: noticesUsage,
    summary: { zh: '政务服务平台通知的状态（待应用、已应用、已搁置及原因，JSON）；--retry 让搁置的通知在下次拉取时重新应用', en: "The platform notices' state (waiting, applied, parked with reasons, JSON); --retry re-queues parked notices for the next pull" },
    run(args) {
      const { options } = parseArgs(args, { flags: ['retry'] })
      if (!options.has('data')) throw usageError(noticesUsage)
      try {
        console.log(JSON.stringify(upstreamNotices(dataDirOf(options), options.has('retry'))))
        return 0
      } catch (err) {
        throw asCliError(err)
      }
    },
  },
]
