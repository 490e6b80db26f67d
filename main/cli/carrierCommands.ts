/**
 * The carrier from the command line: run the simulated SF-shaped carrier
 * (specs/dispatch.md §C) for a demo, a bench or an acceptance check, and put
 * the real carrier's check word into the station's key store, where the
 * config's `carrier.checkWordRef` finds it.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defaultDataDir } from '../config/loadConfig'
import { CarrierSim, DEFAULT_SIM_SETTINGS } from '../emulators/carrierSim'
import { IdCipher } from '../store/idCipher'
import { FileKeyProvider, SEALED_KEY_FILE_NAME } from '../store/keyProviders'
import { StationSecrets } from '../store/stationSecrets'
import { say } from './cliLanguage'
import { CliError, numberOption, parseArgs, stringOption, usageError, type CliCommand } from './command'
import { consoleWords, runEmulator, type ConsoleWord } from './emulatorRun'

const emulateUsage = {
  zh: 'emulate carrier [--port 0] [--partner 顾客编码] [--check-word 校验码] [--admin-token 令牌] [--rate-limit 每秒次数|0] [--duplicate-mode reject_8016|return_first] [--auto-pickup-ms 毫秒]',
  en: 'emulate carrier [--port 0] [--partner ID] [--check-word WORD] [--admin-token TOKEN] [--rate-limit PER_SEC|0] [--duplicate-mode reject_8016|return_first] [--auto-pickup-ms MS]',
}

const CONSOLE_HELP = { zh: 'status | advance 小时 | pickup all | quit', en: 'status | advance HOURS | pickup all | quit' }

const emulateCommand: CliCommand = {
  name: ['emulate', 'carrier'],
  usage: emulateUsage,
  summary: {
    zh: '在 127.0.0.1 运行顺丰式承运商模拟器（验签、按订单号幂等下单、带校验位的运单号、随模拟时钟推进的轨迹、按需故障）；标准输出依次为网址、顾客编码、校验码、管理令牌；标准输入：status | advance 小时 | pickup all | quit',
    en: 'Run the SF-shaped carrier simulator on 127.0.0.1 (digests checked, create idempotent on the order id, check-digit waybills, tracking on the sim clock, faults on demand); stdout: URL, partner id, check word, admin token; stdin: status | advance HOURS | pickup all | quit',
  },
  async run(args) {
    const { positional, options } = parseArgs(args)
    if (positional.length > 0) throw usageError(emulateUsage)
    const port = numberOption(options, 'port', 0)
    const duplicateOrderMode = stringOption(options, 'duplicate-mode') ?? 'reject_8016'
    if (duplicateOrderMode !== 'reject_8016' && duplicateOrderMode !== 'return_first') {
      throw new CliError(say({ zh: `--duplicate-mode 应为 reject_8016 或 return_first，收到 "${duplicateOrderMode}"`, en: `--duplicate-mode must be reject_8016 or return_first, got "${duplicateOrderMode}"` }), 2)
    }
    const autoPickup = stringOption(options, 'auto-pickup-ms')
    const checkWord = stringOption(options, 'check-word')
    const adminToken = stringOption(options, 'admin-token')
    const sim = new CarrierSim({
      port,
      partners: [{ partnerId: stringOption(options, 'partner') ?? 'OWSIM01', checkWord: checkWord ?? randomBytes(16).toString('hex') }],
      ...(adminToken ? { adminToken } : {}),
      settings: {
        duplicateOrderMode,
        rateLimitPerSec: numberOption(options, 'rate-limit', DEFAULT_SIM_SETTINGS.rateLimitPerSec),
        autoPickupAfterMs: autoPickup === undefined ? null : numberOption(options, 'auto-pickup-ms', 0),
      },
      log: (line) => console.error(line),
    })
    return runEmulator({
      async start() {
        await sim.start()
        return sim
      },
      cannotStart: say({ zh: `承运商模拟器无法在端口 ${port} 监听：`, en: `The carrier simulator cannot listen on port ${port}: ` }),
      // After the URL, what a demo station needs.
      stdout: (sim) => [sim.url, `partnerId=${sim.partners[0]!.partnerId}`, `checkWord=${sim.partners[0]!.checkWord}`, `adminToken=${sim.adminToken}`],
      stderr: (sim) => [
        say({ zh: `承运商模拟器就绪：${sim.url}/std/service，控制面 ${sim.url}/__sim/*（请求头 X-Sim-Admin）`, en: `Carrier simulator ready: ${sim.url}/std/service, control plane ${sim.url}/__sim/* (header X-Sim-Admin)` }),
        say({ zh: `命令：${CONSOLE_HELP.zh}`, en: `Commands: ${CONSOLE_HELP.en}` }),
      ],
      onLine: consoleWords<CarrierSim>({ status, advance, pickup }, (line) => `未知命令 "${line}"：可用 status | advance 小时 | pickup all | quit`),
      stop: (sim) => sim.stop(),
      stopped: (sim, reason) =>
        say({ zh: `承运商模拟器已停止（${reason}），共 ${sim.book.list().length} 个订单，${sim.calls.length} 次调用`, en: `Carrier simulator stopped (${reason}): ${sim.book.list().length} orders, ${sim.calls.length} calls` }),
    })
  },
}

const status: ConsoleWord<CarrierSim> = (sim) => {
  const orders = sim.book.list()
  console.error(`${new Date(sim.clock.now()).toISOString()}：${orders.length} 个订单（${orders.filter((o) => o.status === 'cancelled').length} 个已取消），${sim.calls.length} 次调用，${sim.faults.pending} 条故障规则待用`)
}

const advance: ConsoleWord<CarrierSim> = (sim, [arg]) => {
  const hours = Number(arg)
  if (!Number.isFinite(hours)) throw new Error('advance 后面跟小时数，例如 advance 2')
  sim.clock.advance(hours * 3_600_000)
  sim.pumpPushes()
  console.error(`模拟时钟：${new Date(sim.clock.now()).toISOString()}`)
}

const pickup: ConsoleWord<CarrierSim> = (sim, [arg]) => {
  if (arg !== 'all') throw new Error('用法：pickup all（把所有未揽收的运单标为此刻揽收）')
  let count = 0
  for (const order of sim.book.list()) {
    if (order.waybillNo && order.pickupAtMs === null && order.status === 'created') {
      order.pickupAtMs = sim.clock.now()
      count++
    }
  }
  sim.pumpPushes()
  console.error(`已揽收 ${count} 件`)
}

const secretUsage = { zh: 'carrier secret set --ref 名称 [--data 目录] [--value 值]（不给 --value 时从标准输入读一行）', en: 'carrier secret set --ref NAME [--data DIR] [--value VALUE] (reads one stdin line without --value)' }

const secretSetCommand: CliCommand = {
  name: ['carrier', 'secret', 'set'],
  usage: secretUsage,
  summary: {
    zh: '把承运商校验码等密钥加密存入本机密钥库（数据目录的 secrets.json，用本机主密钥加密）；配置 carrier.checkWordRef 写这个名称',
    en: "Store a carrier check word (or another secret) sealed in the station's key store (secrets.json in the data directory, under the station key); name it in carrier.checkWordRef",
  },
  async run(args) {
    const { options } = parseArgs(args)
    const ref = stringOption(options, 'ref')
    if (!ref) throw usageError(secretUsage)
    const dataDir = resolve(stringOption(options, 'data') ?? defaultDataDir())
    // The desktop seals its key with the OS keychain, which this process cannot open.
    if (existsSync(join(dataDir, SEALED_KEY_FILE_NAME))) {
      throw new CliError(say({ zh: `${dataDir} 的主密钥由桌面应用用系统钥匙串保护，命令行打不开：请在该电脑上的应用里设置校验码`, en: `The master key of ${dataDir} is sealed by the desktop app's OS keychain, which the CLI cannot open: set the check word in the app on that PC` }))
    }
    const value = (stringOption(options, 'value') ?? readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '').trim()
    if (!value) throw new CliError(say({ zh: '没有收到密钥的值（--value 或标准输入的第一行）', en: 'No secret value given (--value or the first stdin line)' }), 2)
    const secrets = new StationSecrets(dataDir, new IdCipher(new FileKeyProvider(dataDir).masterKey()))
    secrets.set(ref, value)
    // Never echo the value: the terminal's scrollback is not a key store.
    console.log(say({ zh: `已存入密钥 ${ref}（${secrets.file}）`, en: `Stored secret ${ref} (${secrets.file})` }))
    return 0
  },
}

export const carrierCommands: CliCommand[] = [emulateCommand, secretSetCommand]
