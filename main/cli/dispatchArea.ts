/**
 * The courier desk opened on a data directory for one CLI run, built the way
 * the station builds it (buildDispatchService on the real store, case changes
 * and outbox), with the carrier the station config names or, for this run
 * only, the one given on the command line. Nothing prints here: label jobs
 * are queued in the database for the station to print when it runs.
 */
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { loadStationConfig } from '../config/loadConfig'
import type { StationConfig } from '../config/stationConfig'
import { carrierConfigSchema, type HttpCarrierConfig, type ServiceCarrierConfig } from '../domain/dispatch/carrierConfig'
import { EventBus } from '../services/eventBus'
import { buildCaseServices } from '../services/cases/caseServices'
import { systemClock } from '../services/cases/hallClock'
import { buildDispatchService } from '../services/dispatch/dispatchSetup'
import type { DispatchService } from '../services/dispatch/dispatchService'
import { OutboxService } from '../services/outbox/outboxService'
import { buildPrintService } from '../services/printing/printingSetup'
import { PreviewOutput } from '../services/printing/printOutputs'
import { DeviceStatusBoard } from '../services/system/deviceStatusBoard'
import { SessionService } from '../services/system/session'
import { FileKeyProvider } from '../store/keyProviders'
import { openStore, type Store } from '../store/store'
import { say } from './cliLanguage'
import { CliError, stringOption } from './command'

/** `--carrier http --carrier-url URL --partner ID --check-word WORD|- [--monthly-card CARD]`: the carrier for this run. */
export interface CarrierOverride {
  url: string
  partnerId: string
  checkWord: string
  monthlyCard?: string
}

/** SF's shared sandbox monthly card (specs/dispatch.md §A2): what a simulator or the sandbox expects when none is configured. */
const SANDBOX_CARD = '7551234567'
const isTestCarrier = (url: string): boolean => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]|sfapi-sbox\.sf-express\.com)(:\d+)?(\/|$)/i.test(url)

export function carrierOverrideOf(options: Map<string, string | true>): CarrierOverride | null {
  const kind = stringOption(options, 'carrier')
  const url = stringOption(options, 'carrier-url')
  const partnerId = stringOption(options, 'partner')
  const checkWord = stringOption(options, 'check-word')
  const monthlyCard = stringOption(options, 'monthly-card')
  if (kind === undefined && url === undefined && partnerId === undefined && checkWord === undefined) return null
  if (kind !== undefined && kind !== 'http') {
    throw new CliError(say({ zh: `--carrier 只能为 http（顺丰式接口），收到 "${kind}"`, en: `--carrier can only be http (the SF-shaped API), got "${kind}"` }), 2)
  }
  const missing = [url === undefined && '--carrier-url', partnerId === undefined && '--partner', checkWord === undefined && '--check-word'].filter(Boolean)
  if (missing.length > 0) {
    throw new CliError(say({ zh: `改用接口承运商还需要 ${missing.join('、')}`, en: `An http carrier for this run also needs ${missing.join(', ')}` }), 2)
  }
  // `-`: the first line of stdin, so the check word stays out of the process list and the shell history.
  const word = checkWord === '-' ? (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '').trim() : checkWord!
  if (!word) throw new CliError(say({ zh: '没有收到校验码（--check-word - 从标准输入读第一行）', en: 'No check word given (--check-word - reads the first stdin line)' }), 2)
  return { url: url!, partnerId: partnerId!, checkWord: word, ...(monthlyCard !== undefined ? { monthlyCard } : {}) }
}

/**
 * The override as a checked http carrier: what the station's own http
 * carrier says about auth, product, card and timeout is kept; the address,
 * partner and check word are this run's. The check word never enters the
 * config (nor any message): it goes to the adapter alone.
 */
function overriddenCarrier(config: StationConfig, override: CarrierOverride): HttpCarrierConfig {
  const own = config.carrier.kind === 'http' ? config.carrier : null
  const monthlyCard = override.monthlyCard ?? own?.monthlyCard ?? (isTestCarrier(override.url) ? SANDBOX_CARD : undefined)
  const parsed = carrierConfigSchema.safeParse({
    kind: 'http',
    url: override.url,
    partnerId: override.partnerId,
    ...(own ? { auth: own.auth, expressTypeId: own.expressTypeId, timeoutMs: own.timeoutMs } : {}),
    ...(monthlyCard !== undefined ? { monthlyCard } : {}),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const option = ({ url: '--carrier-url', partnerId: '--partner', monthlyCard: '--monthly-card' } as Record<string, string>)[String(issue.path[0])] ?? String(issue.path.join('.'))
    throw new CliError(`${option}：${issue.message}`, 2)
  }
  return parsed.data as HttpCarrierConfig
}

/** The carrier a run ships with: the override, else the station's http carrier; a manual or in-app emulated one cannot. */
export function shippingCarrier(config: StationConfig, override: CarrierOverride | null): { carrier: ServiceCarrierConfig; checkWord?: string } {
  if (override) return { carrier: overriddenCarrier(config, override), checkWord: override.checkWord }
  const hint = say({
    zh: '：请用 --carrier http --carrier-url 网址 --partner 顾客编码 --check-word 校验码 指定本次使用的接口承运商（演示可用 npm run cli -- emulate carrier 启动模拟器）',
    en: ': give this run an http carrier with --carrier http --carrier-url URL --partner ID --check-word WORD (for a demo, start one with npm run cli -- emulate carrier)',
  })
  if (config.carrier.kind === 'manual') {
    throw new CliError(say({ zh: '本站配置为手工面单（manual），每件须在寄递台扫描预印面单，命令行不能代为下单', en: 'This station uses pre-printed waybills (manual): each is scanned at the courier desk, the CLI cannot order them' }) + hint)
  }
  if (config.carrier.kind === 'emulator') {
    throw new CliError(say({ zh: '本站配置为应用内的承运商模拟器（emulator），它随应用启动，命令行连不上', en: "This station's carrier is the in-app emulator (emulator): it runs inside the app, the CLI cannot reach it" }) + hint)
  }
  return { carrier: config.carrier }
}

export interface DispatchArea {
  config: StationConfig
  store: Store
  dispatch: DispatchService
  outbox: OutboxService
  close(): Promise<void>
}

/** Who a CLI shipment is recorded as: the OS user running it. */
export function cliOperator(): string {
  try {
    return `cli:${userInfo().username}`.slice(0, 32)
  } catch {
    return 'cli'
  }
}

export function loadConfigOf(dataDir: string): StationConfig {
  return loadStationConfig({ dataDir })
}

/** Opens the store and builds the desk; `carrier` null: no carrier calls this run (listing). */
export function openDispatchArea(config: StationConfig, carrier: { carrier: ServiceCarrierConfig; checkWord?: string } | null, options: { concurrency?: number } = {}): DispatchArea {
  const dataDir = config.dataDir
  const clock = systemClock
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir), clock })
  try {
    const events = new EventBus()
    const session = new SessionService({ events })
    const cases = buildCaseServices({ store, events, session, clock, dataDir, stationId: config.stationId, regionCode: config.regionCode })
    // Preview outputs, never started: the CLI queues label jobs and leaves the printing to the station.
    const printing = buildPrintService(
      { config, store, events, devices: new DeviceStatusBoard(events), session, clock, cases: cases.cases },
      { outputs: { receipt: new PreviewOutput({}), label: new PreviewOutput({ labelAs: 'label' }) }, statusPollMs: 0 },
    )
    const outbox = new OutboxService({ store, events, session, clock, stationId: config.stationId })
    const dispatch = buildDispatchService(
      {
        config,
        carrier: carrier?.carrier ?? { kind: 'manual' },
        ...(carrier?.checkWord !== undefined ? { checkWord: carrier.checkWord } : {}),
        store,
        events,
        session,
        changes: cases.changes,
        clock,
        printing,
        worker: outbox.worker,
      },
      options.concurrency !== undefined ? { concurrency: options.concurrency } : {},
    )
    return {
      config,
      store,
      dispatch,
      outbox,
      async close() {
        await outbox.stop()
        store.close()
      },
    }
  } catch (err) {
    store.close()
    throw err
  }
}
