/**
 * The courier desk from the command line, for installers, operations and the
 * acceptance checks: ship every ready express case (the desk's "ship all
 * ready"), run the carrier's outbox lane until nothing is left to do, list
 * the shipments. `ship` and `drain` may name an http carrier for this run
 * (`--carrier http --carrier-url … --partner … --check-word …`); the check
 * word goes to the adapter only — never printed, never logged.
 */
import { resolve } from 'node:path'
import { defaultDataDir } from '../config/loadConfig'
import { AppError } from '../domain/errors'
import { say } from './cliLanguage'
import { CliError, numberOption, parseArgs, stringOption, usageError, type CliCommand } from './command'
import { carrierOverrideOf, cliOperator, loadConfigOf, openDispatchArea, shippingCarrier, type DispatchArea } from './dispatchArea'

const CARRIER_LANE = 'carrier'
const DEFAULT_DRAIN_SECONDS = 60

const carrierOptions = {
  zh: '[--carrier http --carrier-url 网址 --partner 顾客编码 --check-word 校验码|- [--monthly-card 月结卡号]]',
  en: '[--carrier http --carrier-url URL --partner ID --check-word WORD|- [--monthly-card CARD]]',
}
const shipUsage = { zh: `dispatch ship --data 目录 --all-ready ${carrierOptions.zh}`, en: `dispatch ship --data DIR --all-ready ${carrierOptions.en}` }
const drainUsage = {
  zh: `dispatch drain --data 目录 [--timeout 秒] [--concurrency N] ${carrierOptions.zh}`,
  en: `dispatch drain --data DIR [--timeout SECONDS] [--concurrency N] ${carrierOptions.en}`,
}
const listUsage = { zh: 'dispatch list --data 目录 [--json]', en: 'dispatch list --data DIR [--json]' }

function dataDirOf(options: Map<string, string | true>): string {
  return resolve(stringOption(options, 'data') ?? defaultDataDir())
}

/** A service's refusal (a bad config, a missing key) as the CLI's one line. */
async function withArea<T>(open: () => DispatchArea, work: (area: DispatchArea) => Promise<T> | T): Promise<T> {
  let area: DispatchArea
  try {
    area = open()
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message)
    throw err
  }
  try {
    return await work(area)
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message)
    throw err
  } finally {
    await area.close()
  }
}

const shipCommand: CliCommand = {
  name: ['dispatch', 'ship'],
  usage: shipUsage,
  summary: {
    zh: '为每件待出件、选择快递送达且尚未寄递的办件向承运商排队下单（寄递台的“全部寄出”）；输出一行汇总，未能寄递的办件及原因写到标准错误',
    en: 'Queue a carrier order for every ready express case without a shipment (the desk\'s "ship all ready"); one summary line, the cases refused and why on stderr',
  },
  async run(args) {
    const { positional, options } = parseArgs(args, { flags: ['all-ready'] })
    if (positional.length > 0 || options.get('all-ready') !== true) throw usageError(shipUsage)
    const config = loadConfigOf(dataDirOf(options))
    const carrier = shippingCarrier(config, carrierOverrideOf(options))
    return withArea(
      () => openDispatchArea(config, carrier),
      (area) => {
        const result = area.dispatch.shipAllReady({ operator: cliOperator() })
        for (const s of result.skipped) console.error(`${s.caseNo}: ${s.message}`)
        console.log(
          say({
            zh: `已为 ${result.queued} 件待出件的快递办件排队下单，${result.skipped.length} 件未寄递（npm run cli -- dispatch drain 发往承运商）`,
            en: `Queued ${result.queued} carrier orders for ready express cases, ${result.skipped.length} not shipped (npm run cli -- dispatch drain sends them)`,
          }),
        )
        return 0
      },
    )
  },
}

const drainCommand: CliCommand = {
  name: ['dispatch', 'drain'],
  usage: drainUsage,
  summary: {
    zh: '运行外发队列，直到没有待办（或超时，默认 60 秒）：标准输出一行 JSON {"created": n, "waiting": n, "parked": n}，搁置待人工处理的作业及原因写到标准错误',
    en: 'Run the outbox until nothing is left to do (or the timeout, 60 s by default): one JSON line {"created": n, "waiting": n, "parked": n} on stdout, each row parked for a person and why on stderr',
  },
  async run(args) {
    const { positional, options } = parseArgs(args)
    if (positional.length > 0) throw usageError(drainUsage)
    const seconds = numberOption(options, 'timeout', DEFAULT_DRAIN_SECONDS)
    if (!(seconds > 0 && seconds <= 86_400)) throw new CliError(say({ zh: '--timeout 应为 0–86400 之间的秒数', en: '--timeout must be 0–86400 seconds' }), 2)
    const concurrency = options.has('concurrency') ? numberOption(options, 'concurrency', 4) : undefined
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) {
      throw new CliError(say({ zh: '--concurrency 应为 1–256 之间的整数', en: '--concurrency must be an integer from 1 to 256' }), 2)
    }
    const config = loadConfigOf(dataDirOf(options))
    const carrier = shippingCarrier(config, carrierOverrideOf(options))
    return withArea(
      () => openDispatchArea(config, carrier, concurrency !== undefined ? { concurrency } : {}),
      async (area) => {
        // Ctrl+C or SIGTERM ends the drain early: attempts in flight are aborted and their outcomes stored, then the counts print.
        const stop = (): void => void area.outbox.worker.stop()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
        try {
          const counts = await area.dispatch.drain({ timeoutMs: seconds * 1000 })
          for (const row of area.outbox.list({ state: 'parked', limit: 1000 }).filter((r) => r.lane === CARRIER_LANE)) {
            console.error(say({ zh: `搁置待人工处理：办件 ${row.caseNo ?? '-'}（外发作业 #${row.id}）：`, en: `Parked for a person: case ${row.caseNo ?? '-'} (outbox row #${row.id}): ` }) + (row.lastError ?? ''))
          }
          console.log(JSON.stringify({ created: counts.created, waiting: counts.waiting, parked: counts.parked }))
          return 0
        } finally {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
        }
      },
    )
  },
}

const listCommand: CliCommand = {
  name: ['dispatch', 'list'],
  usage: listUsage,
  summary: {
    zh: '列出寄递记录（最新在前）：受理编号、订单号、运单号、状态；--json 输出 JSON 数组 [{caseNo, clientOrderId, waybillNo, status}]',
    en: 'List the shipments, newest first: case number, client order id, waybill, status; --json prints a JSON array [{caseNo, clientOrderId, waybillNo, status}]',
  },
  async run(args) {
    const { positional, options } = parseArgs(args, { flags: ['json'] })
    if (positional.length > 0) throw usageError(listUsage)
    const config = loadConfigOf(dataDirOf(options))
    return withArea(
      () => openDispatchArea(config, null),
      (area) => {
        const shipments = area.dispatch.list()
        if (options.get('json') === true) {
          console.log(JSON.stringify(shipments))
          return 0
        }
        if (shipments.length === 0) console.log(say({ zh: '没有寄递记录', en: 'No shipments' }))
        for (const s of shipments) console.log(`${s.caseNo}  ${s.clientOrderId}  ${s.waybillNo ?? '-'}  ${s.status}`)
        return 0
      },
    )
  },
}

export const dispatchCommands: CliCommand[] = [shipCommand, drainCommand, listCommand]
