/**
 * Everything a command handler can reach. Built once by the composition root
 * (main/app.ts); handlers get it through their context, never by import.
 */
import type { StationConfig } from '../config/stationConfig'
import type { KeyStorage } from '../domain/keyStorage'
import type { EventBus } from './eventBus'
import type { DemoControls } from './demoControls'
import type { SessionService } from './system/session'
import type { OperatorService } from './system/operatorService'
import type { Role } from '../domain/access'
import type { DeviceStatusBoard } from './system/deviceStatusBoard'
import type { StoreIntegrityService } from './system/storeIntegrity'
import type { AuditAnchorService } from './audit/auditAnchorService'
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
import type { HallLink } from './hall/hallLink'
import type { HallGate } from './hall/hallGate'
import type { UpstreamLink } from './upstream/upstreamLink'
import type { DispatchService } from './dispatch/dispatchService'
import type { OutputService } from './output/outputService'
import type { RatingService } from './ratings/ratingService'
import type { ReportsService } from './reports/reportsService'
import type { HallClock } from './cases/hallClock'

export interface AppInfo {
  appName: string
  version: string
  startedAt: string
  /** Where the master key is kept and why (the 设备 screen says it), with its file. */
  keyStorage: KeyStorage & { file: string }
}

export interface Services {
  config: StationConfig
  info: AppInfo
  /** The hall's time: every case is dated by it (settable in tests and the demo seeder). */
  clock: HallClock
  events: EventBus
  session: SessionService
  /** Operator accounts: roles, PINs, lockouts (managed by a supervisor). */
  operators: OperatorService
  /** The demo hall's accounts and their PIN (shown on its sign-in dialog); null on a real station. */
  demoOperators: Array<{ id: string; name: string; role: Role; pin: string }> | null
  devices: DeviceStatusBoard
  /** The database light and its background integrity check. */
  storeIntegrity: StoreIntegrityService
  /** The audit chain's signed anchor beside the database, kept close behind the head. */
  auditAnchor: AuditAnchorService
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
  /** Hall mode's link (pool, push, light); null when the station is standalone. */
  hall: HallLink | null
  /** The government service platform's link (push, notices); null when standalone (docs/upstream.md). */
  upstream: UpstreamLink | null
  /** Steps of shared cases claim the hall's version first (a pass-through when standalone). */
  hallGate: HallGate
  /** The courier desk (寄递): shipments, waybill labels, handover batches, tracking. */
  dispatch: DispatchService
  /** The output window (统一窗口出件): who may collect, the certificate check, the collection. */
  output: OutputService
  /** 好差评: the rating offered on the customer panel, ratings, and the 差评 follow-ups. */
  ratings: RatingService
  /** 统计: the supervisor's reports, computed in a worker on a read-only connection. */
  reports: ReportsService
  /** The demo hall's emulator controls; null unless the station runs emulators. */
  demo: DemoControls | null
}
