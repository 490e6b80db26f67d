/**
 * Builds the material-photo service on the station's store. The composition
 * root hands it to intake as the `draftPhotos` port (draft photos become the
 * case's in the accept transaction).
 */
import { AttachmentFiles } from '../../store/attachmentFiles'
import { AttachmentsRepository } from '../../store/attachmentsRepository'
import type { Store } from '../../store/store'
import type { HallClock } from '../cases/hallClock'
import type { EventBus } from '../eventBus'
import type { SessionService } from '../system/session'
import { AttachmentService } from './attachmentService'

export interface AttachmentSetupDeps {
  store: Store
  events: EventBus
  session: SessionService
  clock: HallClock
  dataDir: string
  stationId: string
}

export function buildAttachmentService(d: AttachmentSetupDeps): AttachmentService {
  const service = new AttachmentService({
    store: d.store,
    repo: new AttachmentsRepository(d.store.db),
    files: new AttachmentFiles(d.dataDir),
    session: d.session,
    events: d.events,
    clock: d.clock,
    stationId: d.stationId,
  })
  // Discarding a draft is intake's business; its photos are cleared here, at the next start.
  service.sweepDiscardedDrafts()
  return service
}
