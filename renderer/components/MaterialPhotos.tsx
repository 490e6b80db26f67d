/**
 * The photos of one checklist line (一张清单收件): thumbnails, a button for the
 * document camera, and — until the draft is accepted — retake and remove.
 * Embed one per material line in intake (owner = the draft) or on a case page
 * (owner = the case, for materials supplied later; photos there are archived).
 */
import { Button, Modal, Popconfirm, Select, Space, Tag, Typography, message } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentView } from '../../main/api/contract/attachments'
import { call, useEvent } from '../bridge/client'
import { useCameraChoice } from '../hooks/useCameras'
import { DocumentCamera, type CapturedPhoto } from './DocumentCamera'

export type PhotoOwner = { draftId: string } | { caseNo: string }

export interface MaterialPhotosProps {
  owner: PhotoOwner
  materialId: string
  materialName: string
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

export function MaterialPhotos({ owner, materialId, materialName }: MaterialPhotosProps): React.JSX.Element {
  const { t } = useTranslation('scanning')
  const [photos, setPhotos] = useState<AttachmentView[]>([])
  /** null = closed; 'new' = another photo; an id = retaking that photo. */
  const [camera, setCamera] = useState<'new' | string | null>(null)
  const [messageApi, messages] = message.useMessage()
  const cameraChoice = useCameraChoice('document')
  const ownerKey = 'draftId' in owner ? `draft:${owner.draftId}` : `case:${owner.caseNo}`

  const reload = useCallback(async (): Promise<void> => {
    try {
      const all = await call('attachments.list', owner)
      setPhotos(all.filter((p) => p.materialId === materialId))
    } catch (err) {
      void messageApi.error(err instanceof Error ? err.message : String(err))
    }
    // ownerKey stands for owner: a new object with the same draft must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ownerKey, materialId, messageApi])

  useEffect(() => {
    void reload()
  }, [reload])
  useEvent('attachments.changed', (change) => {
    if (change.materialId === materialId) void reload()
  })

  const save = useCallback(
    async (photo: CapturedPhoto): Promise<void> => {
      const { imageBase64, thumbnailBase64, mime, width, height } = photo
      const added = await call('attachments.add', { ...owner, materialId, mime, imageBase64, thumbnailBase64, width, height })
      // Retake: the new photo is stored before the old one goes, so the line is never without one.
      if (camera !== null && camera !== 'new') await call('attachments.remove', { id: camera })
      setCamera(null)
      void messageApi.success(t('photoSaved', { size: sizeText(added.sizeBytes) }))
      await reload()
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ownerKey, materialId, camera, messageApi, reload, t],
  )

  const remove = async (id: string): Promise<void> => {
    try {
      await call('attachments.remove', { id })
      await reload()
    } catch (err) {
      void messageApi.error(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <div className="material-photos" data-testid={`material-photos-${materialId}`}>
      {messages}
      {photos.length === 0 ? <Typography.Text type="secondary">{t('noPhotos')}</Typography.Text> : null}
      {photos.map((photo) => {
        const isArchived = photo.caseNo !== null
        return (
          <div className="material-photo" key={photo.id} data-testid="material-photo" title={`SHA-256 ${photo.sha256}`}>
            {photo.thumbnailDataUrl ? <img src={photo.thumbnailDataUrl} alt={materialName} data-testid="material-photo-thumbnail" /> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sizeText(photo.sizeBytes)}
            </Typography.Text>
            {isArchived ? (
              <Tag>{t('archived')}</Tag>
            ) : (
              <Space size={4}>
                <Button size="small" onClick={() => setCamera(photo.id)} data-testid="material-photo-retake">
                  {t('retake')}
                </Button>
                <Popconfirm title={t('removeConfirm')} onConfirm={() => void remove(photo.id)}>
                  <Button size="small" danger data-testid="material-photo-remove">
                    {t('removePhoto')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </div>
        )
      })}
      <Button size="small" onClick={() => setCamera('new')} data-testid={`material-photo-take-${materialId}`}>
        {t('takePhoto')}
      </Button>
      <Modal open={camera !== null} title={t('photosOfMaterial', { material: materialName })} footer={null} width={720} destroyOnHidden onCancel={() => setCamera(null)}>
        {cameraChoice.cameras.length > 1 ? (
          <Select
            style={{ width: '100%', marginBottom: 8 }}
            value={cameraChoice.deviceId ?? ''}
            onChange={(value: string) => cameraChoice.choose(value || undefined)}
            options={[{ value: '', label: t('cameraDefault') }, ...cameraChoice.cameras.map((c, i) => ({ value: c.deviceId, label: c.label || `${t('cameraChoose')} ${i + 1}` }))]}
          />
        ) : null}
        {camera !== null ? <DocumentCamera deviceId={cameraChoice.deviceId} onUse={save} /> : null}
      </Modal>
    </div>
  )
}
