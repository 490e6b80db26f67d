import { describe, expect, it } from 'vitest'
import type { AttachmentView } from '../../../main/contract/attachments'
import { concernsOwner, groupByMaterial, ownerKey } from '../../../renderer/hooks/ownerPhotos'

const DRAFT = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b'
const OTHER_DRAFT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

function aPhoto(id: string, materialId: string): AttachmentView {
  return {
    id,
    draftId: DRAFT,
    caseNo: null,
    materialId,
    sha256: `sha-${id}`,
    mime: 'image/jpeg',
    sizeBytes: 1024,
    width: 640,
    height: 480,
    thumbnailDataUrl: null,
    operator: '王晓明 A0123',
    createdAt: '2026-11-26T10:00:00.000+08:00',
  }
}

describe('the photos of one checklist owner', () => {
  it('puts each photo on its own line, keeping the order main listed them in', () => {
    const byMaterial = groupByMaterial([aPhoto('1', 'application'), aPhoto('2', 'party-ids'), aPhoto('3', 'application')])
    expect(byMaterial.get('application')?.map((p) => p.id)).toEqual(['1', '3'])
    expect(byMaterial.get('party-ids')?.map((p) => p.id)).toEqual(['2'])
    expect(byMaterial.has('premises')).toBe(false)
  })

  it('has no lines when the owner has no photos', () => {
    expect(groupByMaterial([]).size).toBe(0)
  })

  it('takes a change to its own draft, on any line, and not one to another draft or a case', () => {
    const owner = { draftId: DRAFT }
    expect(concernsOwner(owner, { draftId: DRAFT, caseNo: null, materialId: 'application' })).toBe(true)
    expect(concernsOwner(owner, { draftId: DRAFT, caseNo: null, materialId: 'premises' })).toBe(true)
    expect(concernsOwner(owner, { draftId: OTHER_DRAFT, caseNo: null, materialId: 'application' })).toBe(false)
    expect(concernsOwner(owner, { draftId: null, caseNo: '320300202611260010001', materialId: 'application' })).toBe(false)
  })

  it('takes a change to its own case and not one to another case or a draft', () => {
    const owner = { caseNo: '320300202611260010001' }
    expect(concernsOwner(owner, { draftId: null, caseNo: '320300202611260010001', materialId: 'application' })).toBe(true)
    expect(concernsOwner(owner, { draftId: null, caseNo: '320300202611260010002', materialId: 'application' })).toBe(false)
    expect(concernsOwner(owner, { draftId: DRAFT, caseNo: null, materialId: 'application' })).toBe(false)
  })

  it('names an owner by value, drafts apart from cases', () => {
    expect(ownerKey({ draftId: DRAFT })).toBe(ownerKey({ draftId: DRAFT }))
    expect(ownerKey({ draftId: 'x' })).not.toBe(ownerKey({ caseNo: 'x' }))
  })
})
