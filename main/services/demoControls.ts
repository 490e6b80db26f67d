/**
 * The demo hall's hands on its emulated devices, as the command handlers see
 * them. The composition root implements this over the emulators it started
 * (main/demoDevices.ts); no service knows an emulator exists. A later emulator
 * (carrier, upstream platform) adds its part here and in main/contract/demo.ts.
 */
import type { DemoCards } from '../contract/demo'
import type { EmulatorCard } from '../domain/demo/emulatorCard'
import type { EmulatorFault } from '../domain/demo/emulatorFaults'

export interface IdcardDemoControls {
  listCards(): DemoCards
  place(input: { cardIndex: number } | { card: EmulatorCard }): DemoCards
  remove(): DemoCards
  fault(kind: EmulatorFault): Promise<DemoCards>
}

export interface ScannerDemoControls {
  simulate(text: string): Promise<{ devicePath: string }>
}

/** The demo hall's carrier emulator (station.json `carrier.kind: emulator`). */
export interface CarrierDemoControls {
  /** Moves the emulator's clock ahead, so parcels picked up travel that much further; answers its new time. */
  advance(ms: number): Promise<{ carrierNow: string }>
  /** Where the emulator pushes routes (the station host's push route and its secret); null stops pushing. */
  pushTo(target: { url: string; header: { name: string; value: string } } | null): Promise<void>
}

export interface DemoControls {
  /** null: this station's reader is not an emulator (devices.idcard.mode says why). */
  idcard: IdcardDemoControls | null
  scanner: ScannerDemoControls | null
  /** null: the courier desk's carrier is not the emulator (carrier.kind says why). */
  carrier: CarrierDemoControls | null
}
