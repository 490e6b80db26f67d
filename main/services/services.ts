/**
 * Everything a command handler can reach. Built once by the composition root
 * (main/app.ts); handlers get it through their context, never by import.
 */
import type { StationConfig } from '../config/stationConfig'
import type { EventBus } from './eventBus'
import type { DemoControls } from './demoControls'
import type { SessionService } from './system/session'
import type { DeviceStatusBoard } from './system/deviceStatusBoard'
import type { StoreIntegrityService } from './system/storeIntegrity'
import type { ScannerService } from './scanning/scannerService'
import type { AttachmentService } from './attachments/attachmentService'
import type { CalendarService } from './cases/calendarService'
import type { CalendarWatch } from './cases/calendarWatch'
import type { CaseService } from './cases/caseService'
import type { CatalogService } from './cases/catalogService'
import type { IntakeService } from './cases/intakeService'
import type { IdCardService } from './idcard/idcardService'
import type { PrintService } from './printing/printService'
import type { OutboxService } from './outbox/outboxService'
import type { DispatchService } from './dispatch/dispatchService'
import type { OutputService } from './output/outputService'
import type { RatingService } from './ratings/ratingService'

export interface AppInfo {
  appName: string
  version: string
  startedAt: string
}

export interface Services {
  config: StationConfig
  info: AppInfo
  events: EventBus
  session: SessionService
  devices: DeviceStatusBoard
  /** The database light and its background integrity check. */
  storeIntegrity: StoreIntegrityService
  scanner: ScannerService
  attachments: AttachmentService
  catalog: CatalogService
  calendar: CalendarService
  /** The holiday-calendar light (next year's notice missing from 1 November) and the provisional-deadline catch-up. */
  calendarWatch: CalendarWatch
  intake: IntakeService
  cases: CaseService
  idcard: IdCardService
  printing: PrintService
  /** Every external effect (carrier, upstream, hall): the worker, its counts, a person's retry or cancel of a parked row. */
  outbox: OutboxService
  /** The courier desk (寄递): shipments, waybill labels, handover batches, tracking. */
  dispatch: DispatchService
  /** The output window (统一窗口出件): who may collect, the certificate check, the collection. */
  output: OutputService
  /** 好差评: the rating offered on the customer panel, ratings, and the 差评 follow-ups. */
  ratings: RatingService
  /** The demo hall's emulator controls; null unless the station runs emulators. */
  demo: DemoControls | null
}
