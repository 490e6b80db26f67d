/**
 * The composition root: builds every service from a station config. Both
 * entry points (Electron shell and station host) and the tests start here.
 */
import { join } from 'node:path'
import { Dispatcher } from './api/dispatcher'
import { demoHandlers, handlers } from './api/handlers'
import { startDemoDevices, type DemoOptions } from './demoDevices'
import type { StationConfig } from './config/stationConfig'
import { serialPortsInUse } from './config/serialPortsInUse'
import { EventBus } from './services/eventBus'
import type { AppInfo, Services } from './services/services'
import { DeviceStatusBoard } from './services/system/deviceStatusBoard'
import { SessionService } from './services/system/session'
import { OperatorService } from './services/system/operatorService'
import { ensureDemoOperators } from './demoOperators'
import { StoreIntegrityService } from './services/system/storeIntegrity'
import { AuditAnchorService } from './services/audit/auditAnchorService'
import { ScannerService } from './services/scanning/scannerService'
import { buildAttachmentService } from './services/attachments/attachmentSetup'
import { IdCardService } from './services/idcard/idcardService'
import { appVersion } from './appVersion'
import { plainDateOf } from './domain/plainDate'
import { FileKeyProvider, KEY_FILE_NAME, SEALED_KEY_FILE_NAME, type KeyProvider } from './store/keyProviders'
import { STATION_HOST_KEY_STORAGE, type KeyStorage } from './domain/keyStorage'
import { describeDataDirCheck, secureDataDir } from './store/dataDirPermissions'
import { openStore } from './store/store'
import { buildCaseServices } from './services/cases/caseServices'
import { agentStationOf } from './services/agent/agentStation'
import { CalendarWatch } from './services/cases/calendarWatch'
import { checkStationDepartment } from './services/cases/stationDepartment'
import { systemClock, type HallClock } from './services/cases/hallClock'
import { buildPrintService, type PrintingOptions } from './services/printing/printingSetup'
import { acceptanceReceipts } from './services/printing/receiptOnAccept'
import { OutboxService, type OutboxServiceDeps } from './services/outbox/outboxService'
import { buildDispatchService, type DispatchOptions } from './services/dispatch/dispatchSetup'
import { OutputService } from './services/output/outputService'
import { AttachmentFiles } from './store/attachmentFiles'
import { RatingService } from './services/ratings/ratingService'
import { ReportsService } from './services/reports/reportsService'
import { ReportReader } from './services/reports/reportReader'
import { shippedCalendarDir } from './services/calendar/calendarFiles'
import { requireOperator } from './services/cases/operator'
import { recordView } from './services/audit/personalDataViews'
import { databaseFile } from './store/database'
import { openHallLink } from './services/hall/hallLink'
import { HallFollower } from './hall/follower'
import { HallGate } from './services/hall/hallGate'
import { hallOperatorsOf } from './hall/hallOperators'
import { enqueueHallAnchor } from './services/hall/hallAnchor'
import { openUpstreamLink } from './services/upstream/upstreamLink'

export interface App {
  services: Services
  dispatcher: Dispatcher
  /** Stops devices and workers and closes the database; safe to call twice. */
  close(): Promise<void>
}

export interface AppOptions {
  /** Where the ID-number key comes from: the desktop passes a safeStorage-sealed one; default a 0600 file in dataDir. */
  keyProvider?: KeyProvider
  /** Where that key is kept and why (main/domain/keyStorage.ts); default the station host's key file. */
  keyStorage?: KeyStorage
  /** Tests and the demo seeder set the hall's time. */
  clock?: HallClock
  /** Tests: a fast retry backoff, no status polling, their own outputs. */
  printing?: PrintingOptions
  /** Tests: the outbox worker's backoff, random and event coalescing. */
  outbox?: OutboxServiceDeps['worker']
  /** The demo hall's emulators (devices in `emulator` mode): cards file, reader timing. */
  demo?: DemoOptions
  /** Tests: how long a ship waits for the carrier, creates in flight. */
  dispatch?: DispatchOptions
}

function keyStorageInfo(dataDir: string, storage: KeyStorage): AppInfo['keyStorage'] {
  return { ...storage, file: join(dataDir, storage.where === 'keychain' ? SEALED_KEY_FILE_NAME : KEY_FILE_NAME) }
}

export async function createApp(config: StationConfig, options: AppOptions = {}): Promise<App> {
  // Personal data lives here: created 0700, and anything in it others could read is tightened (and said) before it is opened.
  for (const line of describeDataDirCheck(secureDataDir(config.dataDir))) console.warn(line)
  const events = new EventBus()
  const closers: Array<() => void | Promise<void>> = []

  // The store first: a damaged or newer-version database stops the start before any device opens.
  const store = openStore({ dataDir: config.dataDir, keyProvider: options.keyProvider ?? new FileKeyProvider(config.dataDir), clock: options.clock ?? systemClock })
  closers.push(() => store.close())
  // Hall mode: the pool and the tap that queues every change for the hall (docs/hall.md); null when standalone.
  // Closed after the outbox worker stops (closers run last-first), so no push is cut off mid-transaction.
  const hall = openHallLink(config, store)
  if (hall) closers.push(() => hall.close())
  // Joined: accounts live in the hall, cached here for sign-in with the hall away.
  const hallOperators = hall ? hallOperatorsOf(hall, store) : null
  // The government service platform (docs/upstream.md): its tap joins the hall's on every change; null when standalone.
  const upstream = openUpstreamLink(config, store, options.clock ?? systemClock)
  const taps = [hall?.tap, upstream?.tap.tap].filter((t) => t !== undefined)
  // The audit chain's signed head beside the database: now, every minute, and last of all (after every writer) at a clean stop.
  // Joined, each anchored head is also queued for the hall (stations.audit_head_*), which `audit verify` checks against.
  const auditAnchor = new AuditAnchorService({ store, ...(hall ? { onAnchored: (a) => enqueueHallAnchor(store, hall.station, a.seq) } : {}) })
  auditAnchor.start()
  closers.push(() => void auditAnchor.stop())
  const operators = new OperatorService({ store, clock: options.clock ?? systemClock, stationId: config.stationId, hall: hallOperators })
  const session = new SessionService({ events, operators, store, stationId: config.stationId, clock: options.clock ?? systemClock, idleMinutes: config.session.idleMinutes })
  const devices = new DeviceStatusBoard(events)
  // Its full check reads every page (seconds at a million cases): the entry points start it once the window is up.
  const storeIntegrity = new StoreIntegrityService({ store, devices })
  closers.push(() => storeIntegrity.stop())
  // Photos and printing come before the case services: intake writes their rows in its accept transaction.
  const attachments = buildAttachmentService({ store, events, session, clock: options.clock ?? systemClock, dataDir: config.dataDir, stationId: config.stationId })
  // The case page is read only when an A4 document is asked for, by which time the case services exist.
  const printing = buildPrintService({ config, store, events, devices, session, clock: options.clock ?? systemClock, cases: { get: (caseNo) => caseServices.cases.get(caseNo) } }, options.printing)
  const caseServices = buildCaseServices({
    store,
    events,
    session,
    clock: options.clock ?? systemClock,
    dataDir: config.dataDir,
    stationId: config.stationId,
    regionCode: config.regionCode,
    caseNumberFormat: config.caseNumberFormat,
    receipts: acceptanceReceipts({ printing, config }),
    draftPhotos: attachments,
    agent: agentStationOf(config, attachments),
    ...(taps.length > 0 ? { changeTap: (change, seq) => taps.flatMap((tap) => tap(change, seq)) } : {}),
  })
  try {
    checkStationDepartment(config, caseServices.catalog)
  } catch (err) {
    store.close()
    throw err
  }

  // Demo hall: emulators start here and the services get their ports, as from a station.json for real devices.
  const demo = await startDemoDevices(config, options.demo)
  // Pushed before the services' closers: the drivers let go of the ptys before the emulators go.
  closers.push(() => demo.close())
  // One list for every probing device: ports the config gives to the reader, the scanner or a printer.
  const portsInUse = serialPortsInUse(demo.devices)
  const outbox = new OutboxService({ store, events, session, clock: options.clock ?? systemClock, stationId: config.stationId, worker: options.outbox })
  // The hall's push lane, and the network light becomes the hall link's.
  hall?.attach({ worker: outbox.worker, devices, events })
  upstream?.attach({ worker: outbox.worker, changes: caseServices.changes, cases: caseServices.cases, session, catalog: caseServices.catalog, calendar: caseServices.calendar })
  // The pull: other stations' cases and steps arrive here (started below, with the workers).
  const follower = hall && config.hall ? new HallFollower({ hall: config.hall, pool: hall.pool, store, events, station: hall.station, sealer: hall.sealer, report: (r) => hall.reportPull(r), ...(hallOperators ? { pullAlso: () => hallOperators.pull() } : {}) }) : null
  // Steps on a case the hall knows claim its version first: the case commands' handlers and the courier desk's ship/unship.
  const hallGate = new HallGate({ store, pool: hall?.pool ?? null, station: config.stationId, ...(follower ? { pullNow: () => follower.pullNow() } : {}) })
  // Registers its outbox lanes (carrier, documents) before the worker starts below.
  const dispatch = buildDispatchService(
    { config, ...(hall ? { gate: hallGate } : {}), carrier: demo.carrier.config, ...(demo.carrier.checkWord ? { checkWord: demo.carrier.checkWord } : {}), ...(demo.carrier.clock ? { carrierClock: demo.carrier.clock } : {}), store, events, session, changes: caseServices.changes, clock: options.clock ?? systemClock, printing, worker: outbox.worker },
    options.dispatch,
  )
  // The demo hall gets one account per role (printed on its start line); a real station starts with none.
  const demoAccounts = demo.controls ? await ensureDemoOperators(operators) : null
  const services: Services = {
    config,
    clock: options.clock ?? systemClock,
    operators,
    demoOperators: demoAccounts ? demoAccounts.map((o) => ({ ...o })) : null,
    info: { appName: 'OneWindow 一窗通', version: appVersion, startedAt: new Date().toISOString(), keyStorage: keyStorageInfo(config.dataDir, options.keyStorage ?? STATION_HOST_KEY_STORAGE) },
    events,
    session,
    devices,
    storeIntegrity,
    auditAnchor,
    scanner: new ScannerService(demo.devices.scanner, { events, devices, excludePorts: portsInUse, isEmulated: demo.emulated.has('scanner') }),
    ...caseServices,
    calendarWatch: new CalendarWatch({ calendar: caseServices.calendar, devices, stationId: config.stationId }),
    attachments,
    printing,
    outbox,
    hall,
    upstream,
    hallGate,
    dispatch,
    output: new OutputService({ store, changes: caseServices.changes, session, clock: options.clock ?? systemClock, config, printing, files: new AttachmentFiles(config.dataDir, store.attachmentCipher), cases: caseServices.cases }),
    ratings: new RatingService({ store, calendar: caseServices.calendar, session, events, clock: options.clock ?? systemClock, stationId: config.stationId, followUpDays: config.ratings.followUpDays, ...(upstream ? { effects: (r) => upstream.ratingRows(r) } : {}) }),
    reports: new ReportsService({
      reader: new ReportReader({ databaseFile: databaseFile(config.dataDir), dataDir: config.dataDir, shippedCalendarDir: shippedCalendarDir(), clock: options.clock ?? systemClock, stationNames: new Map([[config.stationId, config.stationName]]) }),
      clock: options.clock ?? systemClock,
      hallName: config.hallName,
      windowName: config.stationName,
      stationId: config.stationId,
      currentOperator: () => requireOperator(session),
      anchorNow: () => auditAnchor.anchorNow(),
      printing,
      recordView: (entry) => recordView(store, entry),
    }),
    idcard: new IdCardService(demo.devices.idcard, { events, devices, excludePorts: portsInUse, isEmulated: demo.emulated.has('idcard'), today: () => plainDateOf((options.clock ?? systemClock).now()) }),
    demo: demo.controls,
  }
  // The card photo is kept only for the intake in hand (personal data): gone once an accept has committed.
  const stopPhotoDiscard = events.on('case.changed', (change) => {
    if (change.action === 'accept') services.idcard.discardPhoto()
  })
  closers.push(() => void stopPhotoDiscard())
  services.calendarWatch.start()
  closers.push(() => services.calendarWatch.stop())
  // The report worker's read-only connection goes before the store closes (closers run last-first).
  closers.push(() => services.reports.stop())
  await services.scanner.start()
  closers.push(() => services.scanner.stop())
  await services.idcard.start()
  closers.push(() => services.idcard.stop())
  // After the services' own first lights: an emulator that would not start shows red, with why.
  demo.reportFailures(devices)
  await services.printing.start()
  closers.push(() => services.printing.stop())
  services.dispatch.start()
  closers.push(() => services.dispatch.stop())
  // Consumers are registered on services.outbox.worker by now; closed first, before anything a consumer uses.
  services.outbox.start()
  closers.push(() => services.outbox.stop())
  if (upstream) {
    upstream.start()
    closers.push(() => upstream.close())
  }
  if (follower) {
    follower.start()
    closers.push(() => follower.stop())
  }

  let closed = false
  return {
    services,
    dispatcher: new Dispatcher(handlers, services, demo.controls ? demoHandlers : null),
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
