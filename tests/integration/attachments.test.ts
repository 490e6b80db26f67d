import { randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MAX_ATTACHMENT_BYTES } from '../../main/contract/attachments'
import { buildAttachmentService } from '../../main/services/attachments/attachmentSetup'
import { sha256Hex } from '../../main/store/attachmentFiles'
import { verifyAuditChain } from '../../main/store/auditChain'
import { aPersonForm } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { photoWorld, type PhotoWorld } from '../fixtures/photoWorld'
import { signedInCaller, testOperatorLabel } from '../fixtures/operators'
import { createTestApp } from '../fixtures/testApp'
import { refusal } from '../fixtures/refusal'

const caseWorld = caseWorldsPerTest()

const world = (): PhotoWorld => photoWorld(caseWorld)

/** JPEG-framed bytes (SOI … EOI) of a given size; `seed` makes different photos differ. */
function aJpeg(size = 4096, seed = 1): Buffer {
  const bytes = Buffer.alloc(size, seed)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.set([0xff, 0xd9], size - 2)
  return bytes
}

const photo = (bytes: Buffer, extra: Record<string, unknown> = {}) => ({ mime: 'image/jpeg' as const, imageBase64: bytes.toString('base64'), ...extra })

describe('material photos', () => {
  it('stores a photo on a draft line as a file named by its SHA-256, with its thumbnail in the list', () => {
    const { photos, files } = world()
    const draftId = randomUUID()
    const image = aJpeg(5000)
    const thumb = aJpeg(300, 7)
    const view = photos.add({ draftId, materialId: 'application', ...photo(image, { thumbnailBase64: thumb.toString('base64'), width: 2592, height: 1944 }) })

    expect(view).toMatchObject({ draftId, caseNo: null, materialId: 'application', sha256: sha256Hex(image), sizeBytes: 5000, width: 2592, operator: 'A001' })
    expect(existsSync(files.pathOf(sha256Hex(image), 'image/jpeg'))).toBe(true)
    const listed = photos.list({ draftId })
    expect(listed).toHaveLength(1)
    expect(listed[0]!.thumbnailDataUrl).toBe(`data:image/jpeg;base64,${thumb.toString('base64')}`)
    expect(Buffer.from(photos.image(view.id).imageBase64, 'base64').equals(image)).toBe(true)
  })

  it('keeps one file for the same photo taken twice and deletes it with the last row (retake)', () => {
    const { photos, files } = world()
    const draftId = randomUUID()
    const image = aJpeg()
    const first = photos.add({ draftId, materialId: 'premises', ...photo(image) })
    const second = photos.add({ draftId, materialId: 'premises', ...photo(image) })
    const file = files.pathOf(first.sha256, 'image/jpeg')

    expect(photos.remove(first.id)).toEqual({ removed: true })
    expect(existsSync(file)).toBe(true)
    expect(photos.remove(second.id)).toEqual({ removed: true })
    expect(existsSync(file)).toBe(false)
    expect(photos.list({ draftId })).toEqual([])
    expect(photos.remove(second.id)).toEqual({ removed: false })
  })

  it('refuses a photo over the size limit, a mislabelled one and one taken by nobody, writing nothing', () => {
    const { w, photos } = world()
    const draftId = randomUUID()
    const tooBig = refusal(() => photos.add({ draftId, materialId: 'application', ...photo(aJpeg(MAX_ATTACHMENT_BYTES + 1)) }))
    expect(tooBig).toMatchObject({ code: 'BAD_INPUT', field: 'imageBase64' })
    expect(tooBig.message).toMatch(/8\.0 MB，超过 8\.0 MB 上限/)

    const png = refusal(() => photos.add({ draftId, materialId: 'application', mime: 'image/png', imageBase64: aJpeg().toString('base64') }))
    expect(png).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('不是 PNG') })

    w.session.actAs(null)
    expect(refusal(() => photos.add({ draftId, materialId: 'application', ...photo(aJpeg()) })).code).toBe('FORBIDDEN')
    expect(photos.list({ draftId })).toEqual([])
  })

  it('moves the draft photos to the case at acceptance, records their hashes in the audit chain, and then keeps them', () => {
    const { w, photos } = world()
    const { draftId } = w.services.intake.saveDraft({ form: aPersonForm() })
    const image = aJpeg(2048, 3)
    const taken = photos.add({ draftId, materialId: 'application', ...photo(image) })

    const { caseNo } = w.services.intake.accept({ draftId })
    const onCase = photos.list({ caseNo })
    expect(onCase).toMatchObject([{ id: taken.id, caseNo, draftId: null, sha256: sha256Hex(image) }])
    // The draft's id still finds them (a screen that kept it open).
    expect(photos.list({ draftId }).map((p) => p.id)).toEqual([taken.id])

    const audit = w.store.db.prepare("SELECT case_no, details FROM audit_log WHERE action = 'attachment.accept'").all() as Array<{ case_no: string; details: string }>
    expect(audit).toHaveLength(1)
    expect(audit[0]!.case_no).toBe(caseNo)
    expect(JSON.parse(audit[0]!.details)).toEqual({ photos: [{ materialId: 'application', sha256: sha256Hex(image), sizeBytes: 2048 }] })
    expect(verifyAuditChain(w.store.db)).toMatchObject({ ok: true })

    expect(refusal(() => photos.remove(taken.id))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(caseNo) })
    expect(refusal(() => photos.add({ draftId, materialId: 'application', ...photo(aJpeg()) }))).toMatchObject({ code: 'CONFLICT', field: 'draftId' })
  })

  it('adds a later photo to an accepted case only on a line of its checklist, with an audit row', () => {
    const { w, photos } = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    expect(refusal(() => photos.add({ caseNo, materialId: 'no-such-line', ...photo(aJpeg()) }))).toMatchObject({ code: 'BAD_INPUT', field: 'materialId' })
    expect(refusal(() => photos.add({ caseNo: '320300209901010019999', materialId: 'application', ...photo(aJpeg()) }))).toMatchObject({ code: 'NOT_FOUND', field: 'caseNo' })

    const added = photos.add({ caseNo, materialId: 'premises', ...photo(aJpeg(1000, 9)) })
    expect(added.caseNo).toBe(caseNo)
    const actions = w.store.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all()
    expect(actions).toContain('attachment.add')
  })

  it('clears the photos of a discarded draft at the next start, and keeps those of drafts still open', () => {
    const { w, photos, files } = world()
    const kept = w.services.intake.saveDraft({ form: aPersonForm() })
    w.session.actAs('A009')
    const dropped = w.services.intake.saveDraft({ form: aPersonForm() })
    const keptPhoto = photos.add({ draftId: kept.draftId, materialId: 'application', ...photo(aJpeg(1000, 4)) })
    const droppedPhoto = photos.add({ draftId: dropped.draftId, materialId: 'application', ...photo(aJpeg(1000, 5)) })
    w.services.intake.discardDraft({ draftId: dropped.draftId })

    const restarted = buildAttachmentService({ store: w.store, events: w.events, session: w.session, clock: w.clock, dataDir: w.dataDir, stationId: '001' })
    expect(restarted.list({ draftId: dropped.draftId })).toEqual([])
    expect(existsSync(files.pathOf(droppedPhoto.sha256, 'image/jpeg'))).toBe(false)
    expect(restarted.list({ draftId: kept.draftId }).map((p) => p.id)).toEqual([keptPhoto.id])
  })

  it('notices a photo file changed on disk instead of serving it', () => {
    const { photos, files } = world()
    const view = photos.add({ draftId: randomUUID(), materialId: 'application', ...photo(aJpeg()) })
    writeFileSync(files.pathOf(view.sha256, 'image/jpeg'), aJpeg(4096, 2))
    expect(refusal(() => photos.image(view.id))).toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('已被改动') })
  })
})

describe('material photo commands', () => {
  it('go through the contract: one owner required, a photo added and listed by the app', async () => {
    const { app, dispose } = await createTestApp()
    try {
      const caller = await signedInCaller(app, 'window')
      const noOwner = await app.dispatcher.invoke('attachments.add', { materialId: 'application', ...photo(aJpeg()) }, caller)
      expect(noOwner).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'draftId' } })

      const draftId = randomUUID()
      const added = await app.dispatcher.invoke('attachments.add', { draftId, materialId: 'application', ...photo(aJpeg()) }, caller)
      expect(added).toMatchObject({ ok: true, value: { draftId, operator: testOperatorLabel('window') } })
      const listed = await app.dispatcher.invoke('attachments.list', { draftId }, caller)
      expect(listed).toMatchObject({ ok: true, value: [{ materialId: 'application' }] })
    } finally {
      await dispose()
    }
  })
})
