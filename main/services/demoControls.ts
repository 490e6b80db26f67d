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

export interface DemoControls {
  /** null: this station's reader is not an emulator (devices.idcard.mode says why). */
  idcard: IdcardDemoControls | null
  scanner: ScannerDemoControls | null
}
