/**
 * The material photos of one owner (an intake draft or a case), as the
 * checklist shows them: one list per owner, split by checklist line, and
 * which change pushes from main concern that owner.
 */
import type { EventPayload } from '../../main/contract'
import type { AttachmentView } from '../../main/contract/attachments'

export type PhotoOwner = { draftId: string } | { caseNo: string }

export type PhotosByMaterial = ReadonlyMap<string, readonly AttachmentView[]>

/** Names the owner by value: a new object naming the same draft is the same owner. */
export function ownerKey(owner: PhotoOwner): string {
  return 'draftId' in owner ? `draft:${owner.draftId}` : `case:${owner.caseNo}`
}

/** The owner's photos by checklist line, each line's in the order main listed them. */
export function groupByMaterial(photos: readonly AttachmentView[]): PhotosByMaterial {
  const byMaterial = new Map<string, AttachmentView[]>()
  for (const photo of photos) {
    const line = byMaterial.get(photo.materialId)
    if (line) line.push(photo)
    else byMaterial.set(photo.materialId, [photo])
  }
  return byMaterial
}

/** Whether a pushed change is to this owner's photos (another draft's or case's is not). */
export function concernsOwner(owner: PhotoOwner, change: EventPayload<'attachments.changed'>): boolean {
  return 'draftId' in owner ? change.draftId === owner.draftId : change.caseNo === owner.caseNo
}
