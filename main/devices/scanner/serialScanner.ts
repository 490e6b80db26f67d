/**
 * The serial barcode scanner driver (USB CDC or RS-232 mode): opens the
 * configured (or probed) port, frames scans by suffix or idle gap, and keeps
 * coming back after the scanner is unplugged — a counter never restarts the
 * app because someone pulled a cable.
 */
import { SerialPort } from 'serialport'
import { MAX_SCAN_BYTES, ScanFramer, type ScanTerminator } from './scanFraming'
import { pickScannerPort, type PortDescription } from './scannerPorts'

export interface ScannerLinkStatus {
  state: 'ok' | 'warning' | 'error' | 'off'
  /** Stable machine reason: connected, not_found, unplugged, open_failed, suffix_missing, scan_too_long, stopped. */
  reason: string
  /** zh-CN, short, for the status bar. */
  message: string
}

export interface SerialScannerOptions {
  /** A serial path; absent = pick one by the rule in scannerPorts.ts. */
  port?: string | undefined
  baudRate: number
  terminator: ScanTerminator
  onScan: (text: string) => void
  onStatus: (status: ScannerLinkStatus) => void
  /** Quiet time that ends a scan when the scanner sends no suffix (§9: ~50–100 ms). */
  idleFlushMs?: number
  /** With a suffix configured, a fragment this old means the scanner's suffix is set differently. */
  staleFragmentMs?: number
  /** Ports never to probe (the ID card reader's, a serial printer's). */
  excludePorts?: string[]
  backoff?: { initialMs: number; maxMs: number }
  /** Injected in tests; defaults to serialport's own list. */
  listPorts?: () => Promise<PortDescription[]>
}

const terminatorNames: Record<ScanTerminator, string> = { CR: 'CR', LF: 'LF', CRLF: 'CR LF', TAB: 'Tab', NONE: '无' }

export class SerialScanner {
  private port: SerialPort | null = null
  private framer: ScanFramer
  private stopped = true
  private retryTimer: NodeJS.Timeout | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private retryMs: number
  private openedPath: string | null = null
  private lastStatus: ScannerLinkStatus | null = null

  constructor(private readonly options: SerialScannerOptions) {
    this.framer = new ScanFramer(options.terminator)
    this.retryMs = this.backoff.initialMs
  }

  /** The path in use (null until a port opened). */
  get path(): string | null {
    return this.openedPath
  }

  get status(): ScannerLinkStatus | null {
    return this.lastStatus
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.connectSafely()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.clearTimers()
    const port = this.port
    this.port = null
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    this.report({ state: 'off', reason: 'stopped', message: '扫码枪已停用' })
  }

  private get backoff(): { initialMs: number; maxMs: number } {
    return this.options.backoff ?? { initialMs: 250, maxMs: 5000 }
  }

  private async connect(): Promise<void> {
    this.retryTimer = null
    if (this.stopped) return
    const path = this.options.port ?? (await this.probe())
    if (this.stopped) return
    if (path === undefined) {
      this.report({ state: 'warning', reason: 'not_found', message: '未找到串口扫码枪，请在配置中指定端口' })
      this.scheduleReconnect()
      return
    }
    const port = new SerialPort({ path, baudRate: this.options.baudRate, autoOpen: false })
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
    } catch (err) {
      if (this.stopped) return
      const missing = (err as Error).message.includes('ENOENT') || (err as Error).message.includes('No such file')
      this.report(
        missing
          ? { state: 'error', reason: 'unplugged', message: `扫码枪未连接（${path} 不存在），正在重试` }
          : { state: 'error', reason: 'open_failed', message: `无法打开扫码枪端口 ${path}：${(err as Error).message}` },
      )
      this.scheduleReconnect()
      return
    }
    if (this.stopped) {
      port.close()
      return
    }
    this.port = port
    this.openedPath = path
    this.retryMs = this.backoff.initialMs
    this.framer = new ScanFramer(this.options.terminator)
    port.on('data', (chunk: Buffer) => this.onData(chunk))
    // serialport emits `error` for write/close failures; the `close` handler does the recovery.
    port.on('error', (err: Error) => console.warn(`[scanner] ${path}: ${err.message}`))
    port.on('close', () => this.onClosed(port, path))
    this.report({ state: 'ok', reason: 'connected', message: `扫码枪已连接（${path}）` })
  }

  private async probe(): Promise<string | undefined> {
    try {
      const ports = await (this.options.listPorts ?? (() => SerialPort.list()))()
      return pickScannerPort(ports, this.options.excludePorts)?.path
    } catch (err) {
      console.warn(`[scanner] listing serial ports failed: ${(err as Error).message}`)
      return undefined
    }
  }

  private onData(chunk: Buffer): void {
    for (const text of this.framer.push(chunk)) this.deliver(text)
    if (this.framer.takeRunawayCount() > 0) {
      console.warn(`[scanner] dropped a line of over ${MAX_SCAN_BYTES} bytes without a ${this.options.terminator} suffix`)
      this.report({
        state: 'warning',
        reason: 'scan_too_long',
        message:
          this.options.terminator === 'NONE'
            ? `扫码数据连续超过 ${MAX_SCAN_BYTES} 字节没有停顿，已丢弃，请检查扫码枪波特率设置`
            : `扫码数据超过 ${MAX_SCAN_BYTES} 字节仍无后缀（配置为 ${terminatorNames[this.options.terminator]}），已丢弃，请检查扫码枪波特率和后缀设置`,
      })
    }
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (!this.framer.hasPending) return
    if (this.options.terminator === 'NONE') {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null
        for (const text of this.framer.flushIdle()) this.deliver(text)
      }, this.options.idleFlushMs ?? 80)
    } else {
      // A scanner sends a whole code in one burst; a fragment still open after
      // a second never gets its suffix — say so instead of gluing it to the next scan.
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null
        const wasRunaway = this.framer.isSkipping
        const dropped = this.framer.discard()
        // A runaway tail was reported when it was cut; the quiet line just ends it.
        if (wasRunaway) return
        console.warn(`[scanner] dropped "${dropped.slice(0, 40)}": no ${this.options.terminator} suffix`)
        this.report({
          state: 'warning',
          reason: 'suffix_missing',
          message: `扫码枪数据缺少后缀（配置为 ${terminatorNames[this.options.terminator]}），请检查扫码枪设置`,
        })
      }, this.options.staleFragmentMs ?? 1000)
    }
  }

  private deliver(text: string): void {
    if (this.lastStatus?.reason === 'suffix_missing' || this.lastStatus?.reason === 'scan_too_long') {
      this.report({ state: 'ok', reason: 'connected', message: `扫码枪已连接（${this.openedPath ?? ''}）` })
    }
    try {
      this.options.onScan(text)
    } catch (err) {
      console.error('[scanner] scan listener failed:', err instanceof Error ? err.message : err)
    }
  }

  private onClosed(port: SerialPort, path: string): void {
    if (this.port !== port) return
    this.port = null
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    this.framer.discard()
    if (this.stopped) return
    this.report({ state: 'error', reason: 'unplugged', message: `扫码枪已断开（${path}），正在重连` })
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return
    const delay = this.retryMs
    this.retryMs = Math.min(this.retryMs * 2, this.backoff.maxMs)
    this.retryTimer = setTimeout(() => this.connectSafely(), delay)
  }

  private connectSafely(): void {
    this.connect().catch((err: unknown) => {
      // Never let a surprise stop the retry loop: report it and try again later.
      this.report({ state: 'error', reason: 'open_failed', message: `扫码枪连接失败：${err instanceof Error ? err.message : String(err)}` })
      this.scheduleReconnect()
    })
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.retryTimer = null
    this.idleTimer = null
  }

  private report(status: ScannerLinkStatus): void {
    const last = this.lastStatus
    if (last && last.state === status.state && last.reason === status.reason && last.message === status.message) return
    this.lastStatus = status
    this.options.onStatus(status)
  }
}
