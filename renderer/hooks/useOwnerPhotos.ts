/**
 * The photos of one owner for a whole checklist: listed once (thumbnails
 * included), grouped by line, and listed again only when main says this
 * owner's photos changed — after a save or removal here, or on another
 * screen showing the same checklist — or when the station host's event socket
 * comes back after a drop (a change pushed meanwhile was lost).
 */
import { message } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AttachmentView } from '../../main/contract/attachments'
import { call, useEvent, useResync } from '../bridge/client'
import { concernsOwner, groupByMaterial, ownerKey, type PhotoOwner, type PhotosByMaterial } from './ownerPhotos'

export interface OwnerPhotos {
  /** The photos on one checklist line; none until the list arrives. */
  photosOf(materialId: string): readonly AttachmentView[]
}

const NO_PHOTOS: readonly AttachmentView[] = []
const NOTHING_LISTED: PhotosByMaterial = new Map()

/** `owner` null: nothing to list yet (a draft not saved so far). The element carries list failures (render it once). */
export function useOwnerPhotos(owner: PhotoOwner | null): [OwnerPhotos, React.ReactElement] {
  const [messageApi, messages] = message.useMessage()
  const key = owner ? ownerKey(owner) : null
  // The key stands for the owner: a new object naming the same draft must not list again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const current = useMemo(() => owner, [key])
  const [listed, setListed] = useState<{ key: string; byMaterial: PhotosByMaterial } | null>(null)
  // A retake changes the line twice in a row: only the last list asked for is shown.
  const requestRef = useRef(0)

  const reload = useCallback(() => {
    if (!current) return
    const request = ++requestRef.current
    const listedKey = ownerKey(current)
    call('attachments.list', current).then(
      (all) => {
        if (request === requestRef.current) setListed({ key: listedKey, byMaterial: groupByMaterial(all) })
      },
      (err: unknown) => {
        if (request === requestRef.current) void messageApi.error(err instanceof Error ? err.message : String(err))
      },
    )
  }, [current, messageApi])

  // A list still on its way for an earlier owner is dropped: a newer request outruns it, and its key no longer matches.
  useEffect(reload, [reload])
  useEvent('attachments.changed', (change) => {
    if (current && concernsOwner(current, change)) reload()
  })
  useResync(reload)

  const byMaterial = listed !== null && listed.key === key ? listed.byMaterial : NOTHING_LISTED
  const photos = useMemo<OwnerPhotos>(() => ({ photosOf: (materialId) => byMaterial.get(materialId) ?? NO_PHOTOS }), [byMaterial])
  return [photos, messages]
}
