/**
 * Operator accounts on a data directory, for the installer and the hall's IT
 * (the 设置 screen does the same for a signed-in supervisor). The first
 * supervisor of a real station is made here. Each opens the store itself, so
 * it runs beside a running station (WAL); the audit row names the OS user.
 */
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import { defaultDataDir } from '../config/loadConfig'
import { loadStationConfig } from '../config/loadConfig'
import { roleLabels } from '../domain/access'
import { AppError } from '../domain/errors'
import { systemClock } from '../services/cases/hallClock'
import { OperatorService, type OperatorView } from '../services/system/operatorService'
import { openHallPool } from '../hall/hallDb'
import { hallOperatorsOf } from '../hall/hallOperators'
import { FileKeyProvider } from '../store/keyProviders'
import { openStore } from '../store/store'
import { CliError, parseArgs, stringOption, usageError, type CliCommand } from './command'
import type { Bilingual } from './cliLanguage'

const addUsage: Bilingual = {
  zh: 'operators add --data 目录 --id 工号 --name 姓名 --role 岗位 (--pin 密码 | --pin-env 环境变量名) [--id-number 本人身份证号]',
  en: 'operators add --data DIR --id ID --name NAME --role ROLE (--pin PIN | --pin-env VAR) [--id-number OWN_ID_NUMBER]',
}
const disableUsage: Bilingual = { zh: 'operators disable --data 目录 --id 工号', en: 'operators disable --data DIR --id ID' }
const enableUsage: Bilingual = { zh: 'operators enable --data 目录 --id 工号', en: 'operators enable --data DIR --id ID' }
const resetUsage: Bilingual = { zh: 'operators reset-pin --data 目录 --id 工号 (--pin 密码 | --pin-env 环境变量名)', en: 'operators reset-pin --data DIR --id ID (--pin PIN | --pin-env VAR)' }
const listUsage: Bilingual = { zh: 'operators list --data 目录 [--json]', en: 'operators list --data DIR [--json]' }

function cliUser(): string {
  try {
    return `cli:${userInfo().username}`.slice(0, 32)
  } catch {
    return 'cli'
  }
}

/** `--pin-env NAME` keeps the PIN out of the shell history and the process list. */
function pinOf(options: Map<string, string | true>, usage: Bilingual): string {
  const pin = stringOption(options, 'pin')
  const envName = stringOption(options, 'pin-env')
  if (pin !== undefined && envName !== undefined) throw new CliError('--pin 与 --pin-env 只能给一个', 2)
  if (envName !== undefined) {
    const value = process.env[envName]
    if (value === undefined || value === '') throw new CliError(`环境变量 ${envName} 未设置或为空（--pin-env 指向它）`, 2)
    return value
  }
  if (pin === undefined) throw usageError(usage)
  return pin
}

async function withOperators<T>(options: Map<string, string | true>, fn: (operators: OperatorService) => Promise<T> | T): Promise<T> {
  const dataDir = resolve(stringOption(options, 'data') ?? defaultDataDir())
  const config = loadStationConfig({ dataDir })
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  // Joined: accounts are the hall's (written there first, HALL_OFFLINE when it is away), cached here.
  const pool = config.hall ? openHallPool(config.hall) : null
  try {
    const hall = pool && config.hall ? hallOperatorsOf({ pool, station: config.hall.station }, store) : null
    if (hall) await hall.pull().catch(() => undefined)
    return await fn(new OperatorService({ store, clock: systemClock, stationId: config.stationId, hall }))
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message, err.code === 'BAD_INPUT' || err.code === 'INVALID_ID_NUMBER' ? 2 : 1)
    throw err
  } finally {
    await pool?.end()
    store.close()
  }
}

function describe(v: OperatorView): string {
  const state = v.disabled ? '已停用' : v.lockedUntil ? `锁定至 ${v.lockedUntil}` : '在用'
  return `${v.id} ${v.name}（${roleLabels[v.role]}，${state}${v.hasCard ? '，已登记本人身份证' : ''}）`
}

function requireId(options: Map<string, string | true>, usage: Bilingual): string {
  const id = stringOption(options, 'id')
  if (!id) throw usageError(usage)
  return id
}

/** `operators disable` and `operators enable`: one switch, two names. */
function switchCommand(verb: 'disable' | 'enable', usage: Bilingual, summary: Bilingual): CliCommand {
  return {
    name: ['operators', verb],
    usage,
    summary,
    async run(args) {
      const { options } = parseArgs(args)
      const id = requireId(options, usage)
      const view = await withOperators(options, (ops) => ops.setDisabled(id, verb === 'disable', cliUser()))
      console.log(verb === 'disable' ? `已停用：${describe(view)}（正在运行的工作站上，该账号的登录在下一次操作时失效）` : `已启用：${describe(view)}`)
      return 0
    },
  }
}

export const operatorsCommands: CliCommand[] = [
  {
    name: ['operators', 'add'],
    usage: addUsage,
    summary: { zh: '添加工作人员账号（岗位：window 受理、reviewer 审核、output 出件、courier 寄递、agent 代办、supervisor 值班长）', en: 'Add an operator account (roles: window, reviewer, output, courier, agent, supervisor)' },
    async run(args) {
      const { options } = parseArgs(args)
      const id = requireId(options, addUsage)
      const name = stringOption(options, 'name')
      const role = stringOption(options, 'role')
      if (!name || !role) throw usageError(addUsage)
      const pin = pinOf(options, addUsage)
      const idNumber = stringOption(options, 'id-number')
      const view = await withOperators(options, (ops) => ops.add({ id, name, role, pin, ...(idNumber ? { idNumber } : {}) }, cliUser()))
      console.log(`已添加：${describe(view)}`)
      return 0
    },
  },
  switchCommand('disable', disableUsage, { zh: '停用工作人员账号（不再能登录；账号不删除，审计记录仍指向它）', en: 'Disable an operator account (no more sign-ins; never deleted, the audit trail names it)' }),
  switchCommand('enable', enableUsage, { zh: '重新启用已停用的工作人员账号', en: 'Enable a disabled operator account again' }),
  {
    name: ['operators', 'reset-pin'],
    usage: resetUsage,
    summary: { zh: '重置工作人员密码（同时解除锁定）', en: 'Give an operator a new PIN (also lifts a lockout)' },
    async run(args) {
      const { options } = parseArgs(args)
      const id = requireId(options, resetUsage)
      const pin = pinOf(options, resetUsage)
      const view = await withOperators(options, (ops) => ops.resetPin(id, pin, cliUser()))
      console.log(`已重置密码：${describe(view)}`)
      return 0
    },
  },
  {
    name: ['operators', 'list'],
    usage: listUsage,
    summary: { zh: '列出工作人员账号（不含密码）', en: 'List operator accounts (never their PINs)' },
    async run(args) {
      const { options } = parseArgs(args, { flags: ['json'] })
      const views = await withOperators(options, (ops) => ops.list())
      if (options.has('json')) console.log(JSON.stringify(views))
      else if (views.length === 0) console.log('还没有工作人员账号：先用 operators add 添加一个值班长（--role supervisor）')
      else for (const v of views) console.log(describe(v))
      return 0
    },
  },
]
