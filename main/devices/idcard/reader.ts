/**
 * The ID card reader driver: connects to a SAM reader (configured port or
 * probe), polls find → select → read, and fires one card per tap — the SAM
 * itself refuses to find a card it has just read until it is lifted (spec
 * §4.2), so no de-duplication timer is needed. Survives unplug: reports it,
 * then reconnects with backoff when the port comes back. Never logs frames or
 * full ID numbers.
 */
import { existsSync } from 'node:fs'
import { maskIdNumber } from '../../domain/masking'
import { cardFromReadData, type CardRead, type CardReadFailure, type ReadVariant } from './cardRead'
import { SAM_COMMANDS, toHex } from './samFrame'
import { defaultSamTimeouts, type ExchangeResult, type SamLink, type SamTimeouts } from './samLink'
import { listSerialPaths, probeForReader, probeSamPort, type SamPort } from './samPort'
import { describeSamStatus, isTransientCardFailure, SW3 } from './samStatus'
import { decodeAppendedAddress } from './textBlock'

export type ReaderState = 'connecting' | 'ready' | 'reading' | 'warning' | 'error' | 'unplugged' | 'stopped'

export interface ReaderStatus {
  state: ReaderState
  /** Stable machine reason: `ready`, `unplugged`, `no_answer`, `not_a_reader`, `read_failed`, … */
  reason: string
  /** zh-CN, one short sentence for the status light. */
  message: string
  port: string | null
}

export interface IdCardReaderOptions {
  /** Serial path; absent = probe every listed port for a SAM reader. */
  port?: string
  pollMs?: number
  /** `text` sends 0x30 0x01; `fingerprint` sends 0x30 0x10 (three length words). */
  variant?: ReadVariant
  /** Ask for the newest appended address (0x30 0x03) after each read. */
  readNewestAddress?: boolean
  timeouts?: Partial<SamTimeouts>
  /** Reconnect delays: doubles from initialMs up to maxMs. */
  backoff?: { initialMs: number; maxMs: number }
  /** Probe candidates; defaults to the ports the OS lists. */
  listPorts?: () => Promise<string[]>
  /** Ports another device owns (the serial scanner's, a serial printer's): never probed. */
  excludePorts?: string[]
  /** Consecutive unanswered polls before the reader counts as gone (spec §4.3: ~5 s). */
  maxMissedPolls?: number
  onStatus?: (status: ReaderStatus) => void
  onCard?: (read: CardRead) => void
  /** A card answered but its data could not be decoded. */
  onBadCard?: (failure: CardReadFailure) => void
  log?: (line: string) => void
}

type PollOutcome = 'idle' | 'read' | { lost: ReaderStatus }

export class IdCardReader {
  private current: ReaderStatus = { state: 'stopped', reason: 'stopped', message: '未启动', port: null }
  private stopped = true
  private running: Promise<void> | null = null
  private wakeUp: (() => void) | null = null
  private openPort: SamPort | null = null
  private readonly timeouts: SamTimeouts
  /** Raw 16 bytes answered to 0x12 0xFF, as hex (vendors render it differently, spec §3.3). */
  samIdHex: string | null = null

  constructor(private readonly options: IdCardReaderOptions = {}) {
    this.timeouts = { ...defaultSamTimeouts, ...options.timeouts }
  }

  get status(): ReaderStatus {
    return { ...this.current }
  }

  start(): void {
    if (this.running) return
    this.stopped = false
    this.running = this.run().catch((err: unknown) => {
      // Nothing below should throw; if it does, say so on the light rather than crash the app.
      this.setStatus('error', 'internal', `阅读器驱动异常：${err instanceof Error ? err.message : String(err)}`, null)
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wakeUp?.()
    await this.openPort?.close()
    await this.running
    this.running = null
    this.setStatus('stopped', 'stopped', '已停止', null)
  }

  private log(line: string): void {
    this.options.log?.(line)
  }

  private setStatus(state: ReaderState, reason: string, message: string, port: string | null): void {
    const c = this.current
    if (c.state === state && c.reason === reason && c.message === message && c.port === port) return
    this.current = { state, reason, message, port }
    this.log(`状态 ${state}（${reason}）：${message}`)
    this.options.onStatus?.(this.status)
  }

  /** Waits `ms`, or less when stop() or a lost port wakes us. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wakeUp = done
    })
  }

  private async run(): Promise<void> {
    const backoff = this.options.backoff ?? { initialMs: 250, maxMs: 5000 }
    let delay = backoff.initialMs
    this.setStatus('connecting', 'connecting', '正在连接身份证阅读器', this.options.port ?? null)
    while (!this.stopped) {
      const port = await this.connect()
      if (this.stopped) {
        await port?.close()
        break
      }
      if (!port) {
        await this.sleep(delay)
        delay = Math.min(delay * 2, backoff.maxMs)
        continue
      }
      delay = backoff.initialMs
      this.openPort = port
      const lost = await this.pollUntilLost(port)
      this.openPort = null
      await port.close()
      if (this.stopped) break
      this.setStatus(lost.state, lost.reason, lost.message, lost.port)
      await this.sleep(delay)
    }
  }

  /** One connection attempt; on failure sets the status and returns null. */
  private async connect(): Promise<SamPort | null> {
    const configured = this.options.port
    let port: SamPort | null
    if (configured) {
      // Device files vanish on unplug; no point opening what is not there (COMx paths are not files).
      if (configured.startsWith('/') && !existsSync(configured)) {
        this.setStatus('unplugged', 'unplugged', `找不到串口 ${configured}，阅读器未连接`, configured)
        return null
      }
      const outcome = await probeSamPort(configured, this.timeouts.probe)
      if (!outcome.ok) {
        this.setStatus(outcome.reason === 'open_failed' ? 'unplugged' : 'error', outcome.reason, outcome.message, configured)
        return null
      }
      port = outcome.port
    } else {
      const excluded = new Set(this.options.excludePorts ?? [])
      const paths = (await (this.options.listPorts ?? listSerialPaths)()).filter((p) => !excluded.has(p))
      port = await probeForReader(paths, this.timeouts.probe)
      if (!port) {
        this.setStatus('unplugged', 'no_reader', `未找到身份证阅读器（已检查 ${paths.length} 个串口）`, null)
        return null
      }
    }
    const samId = await port.link.exchange(SAM_COMMANDS.samId, this.timeouts.status)
    if (samId.ok && samId.response.sw3 === SW3.ok) this.samIdHex = toHex(samId.response.data)
    this.setStatus('ready', 'ready', '身份证阅读器就绪', port.path)
    return port
  }

  private async pollUntilLost(port: SamPort): Promise<ReaderStatus> {
    port.onLost(() => this.wakeUp?.())
    const pollMs = this.options.pollMs ?? 300
    const maxMissed = this.options.maxMissedPolls ?? 3
    let missed = 0
    while (!this.stopped) {
      if (port.lost) return unplugged(port.path)
      const outcome = await this.pollOnce(port.link, port.path)
      if (typeof outcome === 'object') {
        if (outcome.lost.reason !== 'no_answer') return outcome.lost
        if (++missed >= maxMissed) return outcome.lost
      } else {
        missed = 0
      }
      if (outcome !== 'read') await this.sleep(pollMs)
    }
    return unplugged(port.path)
  }

  /** find → select → read; a transient read failure gets one more full try (spec §4.1). */
  private async pollOnce(link: SamLink, path: string): Promise<PollOutcome> {
    for (let attempt = 1; ; attempt++) {
      const find = await link.exchange(SAM_COMMANDS.findCard, this.timeouts.find)
      if (!find.ok) return lostFrom(find, path)
      const sw3 = find.response.sw3
      if (sw3 === SW3.noCard) {
        // The idle answer; also clears a "hold the card still" warning once the card is gone.
        if (this.current.state !== 'ready') this.setStatus('ready', 'ready', '身份证阅读器就绪', path)
        return 'idle'
      }
      if (sw3 === SW3.samSelfTestFailed || sw3 === SW3.samNotAuthorised) {
        return { lost: { state: 'error', reason: 'sam_failed', message: `阅读器安全模块不可用：${describeSamStatus(sw3)}`, port: path } }
      }
      if (sw3 !== SW3.cardFound) {
        this.log(`寻卡应答异常：${describeSamStatus(sw3)}`)
        return 'idle'
      }
      this.setStatus('reading', 'reading', '正在读卡', path)
      const select = await link.exchange(SAM_COMMANDS.selectCard, this.timeouts.select)
      if (!select.ok) return lostFrom(select, path)
      // Some readers answer 0x81 to select yet read fine (spec §4.1).
      if (select.response.sw3 !== SW3.ok && select.response.sw3 !== SW3.selectFailed) {
        this.log(`选卡失败：${describeSamStatus(select.response.sw3)}`)
        return 'idle'
      }
      const command = this.options.variant === 'fingerprint' ? SAM_COMMANDS.readWithFingerprint : SAM_COMMANDS.readText
      const read = await link.exchange(command, this.timeouts.read)
      // The reader answered find and select a moment ago: a lost or garbled read answer is a failed read, not a gone reader.
      if (!read.ok && read.failure !== 'checksum' && read.failure !== 'timeout') return lostFrom(read, path)
      if (read.ok && read.response.sw3 === SW3.ok) return this.deliver(link, read.response.data, path)
      const why = read.ok ? describeSamStatus(read.response.sw3) : read.message
      // Only a status the SAM itself calls transient earns a second try: once it has sent the read answer
      // (even one that arrived garbled or late), it will not find that card again until it is lifted.
      const transient = read.ok && isTransientCardFailure(read.response.sw3)
      if (transient && attempt < 2) continue
      this.log(`读卡失败：${why}`)
      this.setStatus('warning', 'read_failed', '读卡失败，请将证件放稳后重新放置', path)
      return 'idle'
    }
  }

  private async deliver(link: SamLink, data: Uint8Array, path: string): Promise<PollOutcome> {
    const decoded = cardFromReadData(data)
    if (!decoded.ok) {
      this.log(`证件数据无法解析：${decoded.failure.message}`)
      this.options.onBadCard?.(decoded.failure)
      this.setStatus('warning', 'bad_card_data', '证件数据无法解析，请重新放置或改为手工录入', path)
      return 'read'
    }
    const read = decoded.read
    if (this.options.readNewestAddress !== false && read.card.address !== undefined) {
      const newest = await link.exchange(SAM_COMMANDS.readNewestAddress, this.timeouts.newestAddress)
      // 0x91 = no appended address: the printed one stands.
      if (newest.ok && newest.response.sw3 === SW3.ok) {
        const address = decodeAppendedAddress(newest.response.data)
        if (address) read.card.address = address
      }
    }
    this.log(`读卡成功：${read.card.cardType} ${maskIdNumber(read.card.idNumber)}`)
    this.setStatus('ready', 'ready', '身份证阅读器就绪', path)
    this.options.onCard?.(read)
    return 'read'
  }
}

function unplugged(path: string): ReaderStatus {
  return { state: 'unplugged', reason: 'unplugged', message: '身份证阅读器已断开，正在等待重新连接', port: path }
}

function lostFrom(result: Extract<ExchangeResult, { ok: false }>, path: string): PollOutcome {
  if (result.failure === 'closed' || result.failure === 'write_failed') return { lost: unplugged(path) }
  return { lost: { state: 'error', reason: 'no_answer', message: '身份证阅读器无应答', port: path } }
}
