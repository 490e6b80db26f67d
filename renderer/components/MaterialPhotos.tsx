/**
 * The photos of one checklist line (一张清单收件): thumbnails, a button for the
 * document camera, and — until the draft is accepted — retake and remove.
 * Embed one per material line in intake (owner = the draft) or on a case page
 * (owner = the case, for materials supplied later; photos there are archived).
 * The lines' photos come from one `useOwnerPhotos` per checklist, which lists
 * again when main reports a change: saving or removing here needs no reload.
 */
import { Button, Popconfirm, Select, Space, Tag, Typography, message } from 'antd'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentView } from '../../main/contract/attachments'
import { call } from '../bridge/client'
import { ownerKey, type PhotoOwner } from '../hooks/ownerPhotos'
import { useCameraChoice } from '../hooks/useCameras'
import { Dialog } from './Dialog'
import { DocumentCamera, type CapturedPhoto } from './DocumentCamera'

export interface MaterialPhotosProps {
  owner: PhotoOwner
  materialId: string
  materialName: string
  /** This line's photos, from the checklist's `useOwnerPhotos`. */
  photos: readonly AttachmentView[]
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

export function MaterialPhotos({ owner, materialId, materialName, photos }: MaterialPhotosProps): React.JSX.Element {
  const { t } = useTranslation('scanning')
  /** null = closed; 'new' = another photo; an id = retaking that photo. */
  const [camera, setCamera] = useState<'new' | string | null>(null)
  const [messageApi, messages] = message.useMessage()
  const key = ownerKey(owner)

  const save = useCallback(
    async (photo: CapturedPhoto): Promise<void> => {
      const { imageBase64, thumbnailBase64, mime, width, height } = photo
      const added = await call('attachments.add', { ...owner, materialId, mime, imageBase64, thumbnailBase64, width, height })
      // Retake: the new photo is stored before the old one goes, so the line is never without one.
      if (camera !== null && camera !== 'new') await call('attachments.remove', { id: camera })
      setCamera(null)
      void messageApi.success(t('photoSaved', { size: sizeText(added.sizeBytes) }))
    },
    // key stands for owner: a new object with the same draft is the same owner.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, materialId, camera, messageApi, t],
  )

  const remove = async (id: string): Promise<void> => {
    try {
      await call('attachments.remove', { id })
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
      <Dialog open={camera !== null} title={t('photosOfMaterial', { material: materialName })} footer={null} width={720} destroyOnHidden onCancel={() => setCamera(null)}>
        {camera !== null ? <PhotoCamera onUse={save} /> : null}
      </Dialog>
    </div>
  )
}

/** The open dialog's camera and its choice: the cameras are counted (and watched for plugging) only while it is open. */
function PhotoCamera({ onUse }: { onUse: (photo: CapturedPhoto) => Promise<void> }): React.JSX.Element {
  const { t } = useTranslation('scanning')
  const cameraChoice = useCameraChoice('document')
  return (
    <>
      {cameraChoice.cameras.length > 1 ? (
        <Select
          style={{ width: '100%', marginBottom: 8 }}
          value={cameraChoice.deviceId ?? ''}
          onChange={(value: string) => cameraChoice.choose(value || undefined)}
          options={[{ value: '', label: t('cameraDefault') }, ...cameraChoice.cameras.map((c, i) => ({ value: c.deviceId, label: c.label || `${t('cameraChoose')} ${i + 1}` }))]}
        />
      ) : null}
      <DocumentCamera deviceId={cameraChoice.deviceId} onUse={onUse} />
    </>
  )
}
