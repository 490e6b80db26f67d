/**
 * The case area's services, built together because they share the store,
 * the catalog and the calendar. The composition root, the seeder and the
 * bench build them the same way, so demo data goes through the real code.
 */
import type { Store } from '../../store/store'
import type { EventBus } from '../eventBus'
import type { SessionService } from '../system/session'
import type { AgentStation } from '../agent/agentStation'
import { CalendarService } from './calendarService'
import { CaseChangeRecorder, type ChangeTap } from './caseChanges'
import { CaseService } from './caseService'
import { CatalogService } from './catalogService'
import type { HallClock } from './hallClock'
import { IntakeService, type AcceptanceReceipts, type DraftPhotos } from './intakeService'

export interface CaseServices {
  catalog: CatalogService
  calendar: CalendarService
  intake: IntakeService
  cases: CaseService
  /** Every case change goes through it; a batch of changes (the seeder) runs in its transaction too. */
  changes: CaseChangeRecorder
}

export interface CaseServicesDeps {
  store: Store
  events: EventBus
  session: SessionService
  clock: HallClock
  dataDir: string
  stationId: string
  regionCode: string
  caseNumberFormat?: string
  /** Written in the accept transaction; absent where nothing prints or no photos are taken (CLI, seeder, bench). */
  receipts?: AcceptanceReceipts
  draftPhotos?: DraftPhotos
  /** A bank branch's station (profile `agent`): intake offers and accepts agent-allowed items only. */
  agent?: AgentStation | null
  /** Hall mode: the push of every change to the hall (main/services/hall/hallChanges.ts); absent when standalone. */
  changeTap?: ChangeTap
  /** Tests: their own catalog file and calendar folder. */
  sampleCatalogFile?: string
  shippedCalendarDir?: string
}

export function buildCaseServices(d: CaseServicesDeps): CaseServices {
  const catalog = new CatalogService({ store: d.store, clock: d.clock, sampleFile: d.sampleCatalogFile, stationId: d.stationId, agentOnly: d.agent != null })
  const changes = new CaseChangeRecorder({ store: d.store, events: d.events, ...(d.changeTap ? { tap: d.changeTap } : {}) })
  const calendar = new CalendarService({ store: d.store, dataDir: d.dataDir, clock: d.clock, changes, shippedDir: d.shippedCalendarDir })
  const common = { store: d.store, changes, calendar, session: d.session, clock: d.clock, stationId: d.stationId, caseNumberFormat: d.caseNumberFormat }
  return {
    catalog,
    calendar,
    intake: new IntakeService({ ...common, catalog, regionCode: d.regionCode, receipts: d.receipts ?? null, draftPhotos: d.draftPhotos ?? null, agent: d.agent ?? null }),
    cases: new CaseService({ ...common, catalog }),
    changes,
  }
}
