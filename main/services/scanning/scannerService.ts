/**
 * Barcode scanners as the station sees them. Serial scanners (real, or — in
 * the demo hall — the emulator the composition root started, handed over as
 * its port) are read here and pushed as `scanner.scanned`; keyboard-wedge
 * scanners type into the renderer, which detects them itself with the
 * thresholds this service hands out.
 */
import type { WedgeSettings } from '../../contract/scanner'
import { utcTimestamp } from '../../domain/timestamps'
import type { StationConfig } from '../../config/stationConfig'
import { SerialScanner, type ScannerLinkStatus } from '../../devices/scanner/serialScanner'
import type { EventBus } from '../eventBus'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'

/** As station.json says it, except `emulator`: the root turns that into the emulator's serial port. */
export type ScannerConfig = Omit<StationConfig['devices']['scanner'], 'mode'> & { mode: 'wedge' | 'serial' | 'off' }

export interface ScannerServiceDeps {
  events: EventBus
  devices: DeviceStatusBoard
  /** The port is an emulator's (demo hall): the light says so. */
  isEmulated?: boolean
  /** Serial ports another device owns (the ID reader's, a serial printer's); never probed as a scanner. */
  excludePorts?: string[]
}

export class ScannerService {
  private driver: SerialScanner | null = null

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
    this.driver = new SerialScanner({
      port: this.config.port,
      baudRate: this.config.baudRate,
      terminator: this.config.terminator,
      excludePorts: this.deps.excludePorts ?? [],
      onScan: (text) => this.deps.events.emit('scanner.scanned', { text, source: 'serial', at: utcTimestamp(new Date()) }),
      onStatus: (status) => this.report(status),
    })
    this.driver.start()
  }

  async stop(): Promise<void> {
    const driver = this.driver
    this.driver = null
    await driver?.stop()
  }

  settings(): { mode: ScannerConfig['mode']; wedge: WedgeSettings } {
    const { minLength, maxAvgGapMs, maxGapMs, prefix } = this.config.wedge
    return { mode: this.config.mode, wedge: { minLength, maxAvgGapMs, maxGapMs, prefix: prefix ?? null } }
  }

  private report(status: ScannerLinkStatus): void {
    this.deps.devices.report('scanner', { ...status, isEmulated: this.deps.isEmulated ?? false })
  }
}
