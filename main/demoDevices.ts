/**
 * The demo hall: the one place in the composition root that starts emulators.
 * For each device station.json puts in `emulator` mode it starts the emulator
 * and gives the services what a station.json for real hardware would say — a
 * serial port — plus the controls the demo commands use. No service learns
 * that an emulator exists; only the device light says so (isEmulated).
 *
 * A later emulator (the carrier's HTTP API, the upstream platform) joins the
 * same way: a `start…Demo` beside these returning a DemoPart (its config
 * override, its controls), one line below, one part in DemoControls and in
 * main/contract/demo.ts.
 */
import type { StationConfig } from './config/stationConfig'
import type { ServiceCarrierConfig } from './domain/dispatch/carrierConfig'
import { startCarrierDemo } from './demoCarrier'
import { startReaderDemo, type ReaderDemoOptions } from './demoIdcardReader'
import { startScannerDemo } from './demoScanner'
import type { DemoControls } from './services/demoControls'
import type { IdCardConfig } from './services/idcard/idcardService'
import type { ScannerConfig } from './services/scanning/scannerService'
import type { DeviceKind, DeviceStatusBoard } from './services/system/deviceStatusBoard'

/** One emulated device, started (or not: then `failure` says why and `config` leaves the device idle). */
export interface DemoPart<Config, Controls> {
  /** What the service gets instead of `mode: 'emulator'`. */
  config: Config
  controls: Controls
  failure: { reason: string; message: string } | null
  close(): Promise<void>
}

/** The device config the services run on: no `emulator` mode left in it. */
export type ServiceDevices = Omit<StationConfig['devices'], 'idcard' | 'scanner'> & { idcard: IdCardConfig; scanner: ScannerConfig }

export interface DemoOptions {
  idcard?: ReaderDemoOptions
}

export interface DemoDevices {
  devices: ServiceDevices
  /** The courier desk's carrier: station.json's, or (kind `emulator`) the http carrier of the emulator started here, with its check word and clock. */
  carrier: { config: ServiceCarrierConfig; checkWord?: string; clock?: { now(): Date } }
  /** Devices station.json puts on an emulator: their lights say so. */
  emulated: ReadonlySet<DeviceKind>
  /** null when nothing is emulated (no device, not the carrier): the demo commands stay unregistered. */
  controls: DemoControls | null
  /** Once the services have started: a red light for each emulator that would not start. */
  reportFailures(board: DeviceStatusBoard): void
  /** Stops the emulators; call after the services that use them. */
  close(): Promise<void>
}

export async function startDemoDevices(config: StationConfig, options: DemoOptions = {}): Promise<DemoDevices> {
  const { idcard, scanner } = config.devices
  const emulated = new Set<DeviceKind>()
  const failures: Array<{ device: DeviceKind; failure: NonNullable<DemoPart<unknown, unknown>['failure']> }> = []
  const closers: Array<() => Promise<void>> = []
  const controls: DemoControls = { idcard: null, scanner: null, carrier: null }

  function take<C, K>(device: DeviceKind, part: DemoPart<C, K>): DemoPart<C, K> {
    emulated.add(device)
    closers.push(() => part.close())
    if (part.failure) failures.push({ device, failure: part.failure })
    return part
  }

  let idcardConfig: IdCardConfig
  if (idcard.mode === 'emulator') {
    const part = take('idcard', await startReaderDemo(idcard, options.idcard))
    idcardConfig = part.config
    controls.idcard = part.controls
  } else {
    idcardConfig = { ...idcard, mode: idcard.mode }
  }
  let scannerConfig: ScannerConfig
  if (scanner.mode === 'emulator') {
    const part = take('scanner', await startScannerDemo(scanner))
    scannerConfig = part.config
    controls.scanner = part.controls
  } else {
    scannerConfig = { ...scanner, mode: scanner.mode }
  }
  const devices: ServiceDevices = { ...config.devices, idcard: idcardConfig, scanner: scannerConfig }
  let carrier: DemoDevices['carrier']
  if (config.carrier.kind === 'emulator') {
    const part = await startCarrierDemo({ autoPickupAfterMs: config.carrier.autoPickupAfterMs })
    closers.push(() => part.close())
    if (part.failure) console.warn(`[demo] ${part.failure.message}`)
    controls.carrier = part.controls
    carrier = { config: part.carrier, ...(part.checkWord ? { checkWord: part.checkWord } : {}), ...(part.clock ? { clock: part.clock } : {}) }
  } else {
    carrier = { config: config.carrier }
  }

  return {
    devices,
    carrier,
    emulated,
    controls: emulated.size > 0 || controls.carrier !== null ? controls : null,
    reportFailures(board) {
      for (const { device, failure } of failures) board.report(device, { state: 'error', ...failure, isEmulated: true })
    },
    async close() {
      for (const close of closers.reverse()) {
        try {
          await close()
        } catch (err) {
          console.error('[demo] emulator close failed:', err instanceof Error ? err.message : err)
        }
      }
    },
  }
}
