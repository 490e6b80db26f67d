/**
 * Builds the material-photo service on the station's store. The composition
 * root hands it to intake as the `draftPhotos` port (draft photos become the
 * case's in the accept transaction).
 */
import { AttachmentFiles } from '../../store/attachmentFiles'
import { describeAttachmentSealing, sealLegacyAttachments } from '../../store/attachmentSealing'
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
  const repo = new AttachmentsRepository(d.store.db, d.store.attachmentCipher)
  const files = new AttachmentFiles(d.dataDir, d.store.attachmentCipher)
  // Photos stored before encryption at rest are sealed once, before any screen can ask for one.
  const sealing = describeAttachmentSealing(sealLegacyAttachments(d.store, files, repo))
  if (sealing) console.warn(sealing)
  const service = new AttachmentService({
    store: d.store,
    repo,
    files,
    session: d.session,
    events: d.events,
    clock: d.clock,
    stationId: d.stationId,
  })
  // Discarding a draft is intake's business; its photos are cleared here, at the next start.
  service.sweepDiscardedDrafts()
  return service
}
