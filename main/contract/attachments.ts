import { z } from 'zod'
import { defineCommands, defineEvents } from './define'

/** Largest photo a document camera may hand in (decoded bytes); a 5 MP JPEG is ~1–2 MB. */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024
/** Largest thumbnail (decoded bytes): lists carry it inline. */
export const MAX_THUMBNAIL_BYTES = 64 * 1024

export const attachmentMimeSchema = z.enum(['image/jpeg', 'image/png'])

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, '应为 base64 编码（不含 data: 前缀）')

/** A photo belongs to an intake draft (before acceptance) or to a case (afterwards, e.g. 补正 materials). */
const ownerFields = {
  draftId: z.string().uuid('草稿编号格式不对').optional(),
  caseNo: z.string().trim().min(1).max(40).optional(),
}
const exactlyOneOwner = (value: { draftId?: string | undefined; caseNo?: string | undefined }): boolean =>
  (value.draftId === undefined) !== (value.caseNo === undefined)
const ownerMessage = { message: '请指定草稿编号（draftId）或办件编号（caseNo），二者取一', path: ['draftId'] }

export const attachmentViewSchema = z.object({
  id: z.string(),
  draftId: z.string().nullable(),
  caseNo: z.string().nullable(),
  materialId: z.string(),
  sha256: z.string(),
  mime: attachmentMimeSchema,
  sizeBytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** `data:image/jpeg;base64,…`, small enough for a list row. */
  thumbnailDataUrl: z.string().nullable(),
  operator: z.string(),
  createdAt: z.string(),
})
export type AttachmentView = z.infer<typeof attachmentViewSchema>

export const attachmentsCommands = defineCommands({
  'attachments.add': {
    summary: 'Attach a document-camera photo to a checklist line of a draft or a case (stored by SHA-256)',
    input: z
      .object({
        ...ownerFields,
        materialId: z.string().trim().min(1, '请指定材料（materialId）').max(64),
        mime: attachmentMimeSchema,
        imageBase64: base64.min(1, '照片为空'),
        thumbnailBase64: base64.optional(),
        width: z.number().int().positive().max(20000).optional(),
        height: z.number().int().positive().max(20000).optional(),
      })
      .strict()
      .refine(exactlyOneOwner, ownerMessage),
    output: attachmentViewSchema,
  },
  'attachments.list': {
    summary: 'Photos of a draft or a case, by checklist line, with thumbnails',
    input: z.object(ownerFields).strict().refine(exactlyOneOwner, ownerMessage),
    output: z.array(attachmentViewSchema),
  },
  'attachments.remove': {
    summary: 'Remove a photo from a draft before acceptance (retake); photos of an accepted case stay',
    input: z.object({ id: z.string().uuid('照片编号格式不对') }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  'attachments.image': {
    summary: 'The full photo (checked against its SHA-256)',
    input: z.object({ id: z.string().uuid('照片编号格式不对') }).strict(),
    output: z.object({ id: z.string(), mime: attachmentMimeSchema, sha256: z.string(), imageBase64: z.string() }),
  },
})

export const attachmentsEvents = defineEvents({
  /** A draft's or case's photos changed (another view of the same checklist refreshes). */
  'attachments.changed': z.object({ draftId: z.string().nullable(), caseNo: z.string().nullable(), materialId: z.string() }),
})
