/**
 * Barcode scanners as the station sees them. Serial scanners (real, or the
 * emulator in the demo hall) are read here and pushed as `scanner.scanned`;
 * keyboard-wedge scanners type into the renderer, which detects them itself
 * with the thresholds this service hands out.
 */
import { AppError } from '../../domain/errors'
import type { WedgeSettings } from '../../contract/scanner'
import type { StationConfig } from '../../config/stationConfig'
import { SerialScanner, type ScannerLinkStatus } from '../../devices/scanner/serialScanner'
import { ScannerEmulator } from '../../emulators/scannerEmulator'
import type { EventBus } from '../eventBus'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'

export type ScannerConfig = StationConfig['devices']['scanner']

export interface ScannerServiceDeps {
  events: EventBus
  devices: DeviceStatusBoard
  /** Serial ports another device owns (the ID reader's, a serial printer's); never probed as a scanner. */
  excludePorts?: string[]
}

export class ScannerService {
  private driver: SerialScanner | null = null
  private emulator: ScannerEmulator | null = null
  /** Why the emulator is not running, when its start failed: simulate says so instead of blaming the mode. */
  private emulatorFailure: string | null = null

  constructor(
    private readonly config: ScannerConfig,
    private readonly deps: ScannerServiceDeps,
  ) {}

  async start(): Promise<void> {
    const { mode } = this.config
    if (mode === 'off') {
      this.report({ state: 'off', reason: 'disabled', message: '扫码枪已在配置中关闭' })
      return
    }
    if (mode === 'wedge') {
      // A keyboard-wedge scanner is just a keyboard: the station cannot see it until it scans.
      this.report({ state: 'ok', reason: 'wedge', message: '键盘模式扫码枪（扫码即用，无法检测连接）' })
      return
    }
    let port = this.config.port
    if (mode === 'emulator') {
      try {
        this.emulator = await ScannerEmulator.start({ terminator: this.config.terminator })
      } catch (err) {
        this.emulatorFailure = `扫码枪模拟器无法启动：${(err as Error).message}`
        this.report({ state: 'error', reason: 'emulator_failed', message: this.emulatorFailure })
        return
      }
      port = this.emulator.devicePath
    }
    this.driver = new SerialScanner({
      port,
      baudRate: this.config.baudRate,
      terminator: this.config.terminator,
      excludePorts: this.deps.excludePorts ?? [],
      onScan: (text) => this.deps.events.emit('scanner.scanned', { text, source: 'serial', at: new Date().toISOString() }),
      onStatus: (status) => this.report(status),
    })
    this.driver.start()
  }

  async stop(): Promise<void> {
    const driver = this.driver
    this.driver = null
    await driver?.stop()
    const emulator = this.emulator
    this.emulator = null
    await emulator?.close()
  }

  settings(): { mode: ScannerConfig['mode']; wedge: WedgeSettings } {
    const { minLength, maxAvgGapMs, maxGapMs, prefix } = this.config.wedge
    return { mode: this.config.mode, wedge: { minLength, maxAvgGapMs, maxGapMs, prefix: prefix ?? null } }
  }

  /** Demo hall and tests: a code goes over the emulated wire and comes back as a real scan. */
  async simulate(text: string): Promise<{ devicePath: string }> {
    const emulator = this.emulator
    if (!emulator) {
      if (this.config.mode !== 'emulator') {
        throw new AppError('DEVICE_UNAVAILABLE', `扫码枪模式为 ${this.config.mode}（devices.scanner.mode），只有模拟器模式（emulator）可以模拟扫码`)
      }
      throw new AppError('DEVICE_UNAVAILABLE', `扫码枪模拟器没有运行：${this.emulatorFailure ?? '工作站尚未启动它'}`)
    }
    if (!emulator.isPlugged) throw new AppError('DEVICE_UNAVAILABLE', '扫码枪模拟器已拔出，无法模拟扫码')
    await emulator.scan(text)
    return { devicePath: emulator.devicePath }
  }

  private report(status: ScannerLinkStatus): void {
    this.deps.devices.report('scanner', { ...status, isEmulated: this.config.mode === 'emulator' })
  }
}
