/**
 * The demo hall's serial barcode scanner: the scanner emulator on a pty,
 * handed to the scanner service as its serial port, and the control that
 * "scans" a code on it. Root-level: only the composition root may start emulators.
 */
import { AppError } from './domain/errors'
import type { StationConfig } from './config/stationConfig'
import { SocatMissingError } from './emulators/ptyPair'
import { ScannerEmulator } from './emulators/scannerEmulator'
import type { ScannerDemoControls } from './services/demoControls'
import type { ScannerConfig } from './services/scanning/scannerService'
import type { DemoPart } from './demoDevices'

export async function startScannerDemo(config: StationConfig['devices']['scanner']): Promise<DemoPart<ScannerConfig, ScannerDemoControls>> {
  let emulator: ScannerEmulator
  try {
    emulator = await ScannerEmulator.start({ terminator: config.terminator, baudRate: config.baudRate })
  } catch (err) {
    const message = `扫码枪模拟器无法启动：${err instanceof Error ? err.message : String(err)}`
    return {
      config: { ...config, mode: 'off' },
      controls: {
        // Says the emulator is not running, and why, instead of blaming the mode.
        simulate: () => Promise.reject(new AppError('DEVICE_UNAVAILABLE', `扫码枪模拟器没有运行：${message}`)),
      },
      failure: { reason: err instanceof SocatMissingError ? 'socat_missing' : 'emulator_failed', message },
      close: async () => undefined,
    }
  }
  return {
    // Exactly what station.json says for a real serial scanner on a known port.
    config: { ...config, mode: 'serial', port: emulator.devicePath },
    controls: {
      async simulate(text) {
        if (!emulator.isPlugged) throw new AppError('DEVICE_UNAVAILABLE', '扫码枪模拟器已拔出，无法模拟扫码')
        await emulator.scan(text)
        return { devicePath: emulator.devicePath }
      },
    },
    failure: null,
    close: () => emulator.close(),
  }
}
