/**
 * The composition root: builds every service from a station config. Both
 * entry points (Electron shell and station host) and the tests start here.
 */
import { mkdirSync } from 'node:fs'
import { Dispatcher } from './api/dispatcher'
import { handlers } from './api/handlers'
import type { StationConfig } from './config/stationConfig'
import { serialPortsInUse } from './config/serialPortsInUse'
import { EventBus } from './services/eventBus'
import type { Services } from './services/services'
import { DeviceStatusBoard } from './services/system/deviceStatusBoard'
import { SessionService } from './services/system/session'
import { ScannerService } from './services/scanning/scannerService'
import { buildAttachmentService } from './services/attachments/attachmentSetup'
import { IdCardService } from './services/idcard/idcardService'
import { appVersion } from './appVersion'
import { FileKeyProvider, type KeyProvider } from './store/keyProviders'
import { openStore } from './store/store'
import { buildCaseServices } from './services/cases/caseServices'
import { systemClock, type HallClock } from './services/cases/hallClock'
import { buildPrintService, type PrintingOptions } from './services/printing/printingSetup'
import { printReceiptOnAccept } from './services/printing/receiptOnAccept'

export interface App {
  services: Services
  dispatcher: Dispatcher
  /** Stops devices and workers and closes the database; safe to call twice. */
  close(): Promise<void>
}

export interface AppOptions {
  /** Where the ID-number key comes from: the desktop passes a safeStorage-sealed one; default a 0600 file in dataDir. */
  keyProvider?: KeyProvider
  /** Tests and the demo seeder set the hall's time. */
  clock?: HallClock
  /** Tests: a fast retry backoff, no status polling, their own outputs. */
  printing?: PrintingOptions
}

export async function createApp(config: StationConfig, options: AppOptions = {}): Promise<App> {
  mkdirSync(config.dataDir, { recursive: true })
  const events = new EventBus()
  const closers: Array<() => void | Promise<void>> = []

  // The store first: a damaged or newer-version database stops the start before any device opens.
  const store = openStore({ dataDir: config.dataDir, keyProvider: options.keyProvider ?? new FileKeyProvider(config.dataDir) })
  closers.push(() => store.close())
  const session = new SessionService(events)
  const caseServices = buildCaseServices({
    store,
    events,
    session,
    clock: options.clock ?? systemClock,
    dataDir: config.dataDir,
    stationId: config.stationId,
    regionCode: config.regionCode,
    caseNumberFormat: config.caseNumberFormat,
  })

  const devices = new DeviceStatusBoard(events)
  // One list for every probing device: ports the config gives to the reader, the scanner or a printer.
  const portsInUse = serialPortsInUse(config.devices)
  const services: Services = {
    config,
    info: { appName: 'OneWindow 一窗通', version: appVersion, startedAt: new Date().toISOString() },
    events,
    session,
    devices,
    scanner: new ScannerService(config.devices.scanner, { events, devices, excludePorts: portsInUse }),
    ...caseServices,
    attachments: buildAttachmentService({ store, events, session, clock: options.clock ?? systemClock, dataDir: config.dataDir, stationId: config.stationId, intake: caseServices.intake }),
    printing: buildPrintService({ config, store, events, devices, session, clock: options.clock ?? systemClock, cases: caseServices.cases }, options.printing),
    idcard: new IdCardService(config.devices.idcard, { events, devices, excludePorts: portsInUse }),
  }
  printReceiptOnAccept({ intake: caseServices.intake, printing: services.printing, config })
  // The card photo is kept only for the intake in hand (personal data): gone once the case is accepted.
  caseServices.intake.addAcceptHook(() => services.idcard.discardPhoto())
  await services.scanner.start()
  closers.push(() => services.scanner.stop())
  await services.idcard.start()
  closers.push(() => services.idcard.stop())
  await services.printing.start()
  closers.push(() => services.printing.stop())

  let closed = false
  return {
    services,
    dispatcher: new Dispatcher(handlers, services),
    async close() {
      if (closed) return
      closed = true
      // Last built, first closed: workers stop before the store they write to.
      for (const close of closers.reverse()) {
        try {
          await close()
        } catch (err) {
          console.error('[app] close failed:', err instanceof Error ? err.message : err)
        }
      }
    },
  }
}
