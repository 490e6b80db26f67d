/**
 * Photos of ID documents and authorisation letters are personal data: on
 * disk and in the database (thumbnails) they are sealed with a key derived
 * from the station's master key, still named by the photo's SHA-256 and
 * checked against it on read. Photos stored before encryption keep working:
 * read as they are and sealed in place — at the next start for all of them,
 * or at their first read.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildAttachmentService } from '../../main/services/attachments/attachmentSetup'
import type { AttachmentService } from '../../main/services/attachments/attachmentService'
import { AttachmentCipher } from '../../main/store/attachmentCipher'
import { type AttachmentFiles, sha256Hex } from '../../main/store/attachmentFiles'
import { aPersonForm, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { photoWorld, type PhotoWorld } from '../fixtures/photoWorld'
import { refusal } from '../fixtures/refusal'

const caseWorld = caseWorldsPerTest()
let warnings: string[]

beforeEach(() => {
  warnings = []
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')))
})
afterEach(() => vi.restoreAllMocks())

const world = (): PhotoWorld => photoWorld(caseWorld)

/** A JPEG-framed photo with a recognisable run of text inside, as an ID card's printed number would be. */
function anIdCardPhoto(seed: number): Buffer {
  const bytes = Buffer.alloc(6000, seed)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.write('320302198806152710', 100, 'latin1')
  bytes.set([0xff, 0xd9], bytes.length - 2)
  return bytes
}

const restart = (w: CaseWorld): AttachmentService => buildAttachmentService({ store: w.store, events: w.events, session: w.session, clock: w.clock, dataDir: w.dataDir, stationId: '001' })

/** What an older version left: the photo as a plain file and its plain thumbnail in the row. */
function storeAsBeforeEncryption(w: CaseWorld, files: AttachmentFiles, image: Buffer, thumb: Buffer): { id: string; sha256: string; draftId: string } {
  const sha256 = sha256Hex(image)
  const file = files.pathOf(sha256, 'image/jpeg')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, image)
  const id = randomUUID()
  const { draftId } = w.services.intake.saveDraft({ form: aPersonForm() })
  w.store.db
    .prepare(
      `INSERT INTO attachments (id, draft_id, case_id, case_no, material_id, sha256, mime, size_bytes, width, height, thumbnail, operator, station_id, created_at)
       VALUES (?, ?, NULL, NULL, 'application', ?, 'image/jpeg', ?, NULL, NULL, ?, 'A001', '001', '2026-03-02T01:30:00.000Z')`,
    )
    .run(id, draftId, sha256, image.length, thumb)
  return { id, sha256, draftId }
}

describe('photos at rest', () => {
  it('keeps a new photo and its thumbnail sealed on disk and in the database, and gives them back whole', () => {
    const { w, photos, files } = world()
    const image = anIdCardPhoto(1)
    const thumb = anIdCardPhoto(2).subarray(0, 400)
    const view = photos.add({ draftId: randomUUID(), materialId: 'application', mime: 'image/jpeg', imageBase64: image.toString('base64'), thumbnailBase64: thumb.toString('base64') })

    const onDisk = readFileSync(files.pathOf(sha256Hex(image), 'image/jpeg'))
    expect(AttachmentCipher.isSealed(onDisk)).toBe(true)
    expect(onDisk.includes(Buffer.from('320302198806152710'))).toBe(false)
    const inRow = w.store.db.prepare('SELECT thumbnail FROM attachments WHERE id = ?').pluck().get(view.id) as Buffer
    expect(AttachmentCipher.isSealed(inRow)).toBe(true)
    expect(inRow.includes(Buffer.from('320302198806152710'))).toBe(false)

    expect(Buffer.from(photos.image(view.id).imageBase64, 'base64').equals(image)).toBe(true)
    expect(photos.list({ draftId: view.draftId! })[0]!.thumbnailDataUrl).toBe(`data:image/jpeg;base64,${thumb.toString('base64')}`)
  })

  it('refuses a sealed photo moved under another photo\u2019s name, and one sealed with another station\u2019s key', () => {
    const { photos, files } = world()
    const a = photos.add({ draftId: randomUUID(), materialId: 'application', mime: 'image/jpeg', imageBase64: anIdCardPhoto(3).toString('base64') })
    const b = photos.add({ draftId: randomUUID(), materialId: 'application', mime: 'image/jpeg', imageBase64: anIdCardPhoto(4).toString('base64') })
    renameSync(files.pathOf(a.sha256, 'image/jpeg'), files.pathOf(b.sha256, 'image/jpeg'))
    expect(refusal(() => photos.image(b.id))).toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('无法解密') })

    const c = photos.add({ draftId: randomUUID(), materialId: 'application', mime: 'image/jpeg', imageBase64: anIdCardPhoto(5).toString('base64') })
    const elsewhere = new AttachmentCipher(Buffer.alloc(32, 9)).seal(anIdCardPhoto(5), c.sha256, 'file')
    writeFileSync(files.pathOf(c.sha256, 'image/jpeg'), elsewhere)
    expect(refusal(() => photos.image(c.id))).toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('不是用本工作站的密钥加密的') })
  })

  it('seals the photos and thumbnails of an older version at the next start, once, and still shows them', () => {
    const { w, files } = world()
    const image = anIdCardPhoto(6)
    const thumb = anIdCardPhoto(7).subarray(0, 300)
    const old = storeAsBeforeEncryption(w, files, image, thumb)
    // An older version's database has no mark that its photos were sealed.
    w.store.db.prepare("DELETE FROM store_meta WHERE key = 'attachments_sealed'").run()
    const file = files.pathOf(old.sha256, 'image/jpeg')
    expect(readFileSync(file).equals(image)).toBe(true)

    const started = restart(w)
    expect(warnings).toContain('[照片加密] 已将 1 个旧的明文照片文件和 1 张缩略图就地加密')
    expect(AttachmentCipher.isSealed(readFileSync(file))).toBe(true)
    const row = w.store.db.prepare('SELECT thumbnail FROM attachments WHERE id = ?').pluck().get(old.id) as Buffer
    expect(AttachmentCipher.isSealed(row)).toBe(true)
    expect(Buffer.from(started.image(old.id).imageBase64, 'base64').equals(image)).toBe(true)
    expect(started.list({ draftId: old.draftId })[0]!.thumbnailDataUrl).toBe(`data:image/jpeg;base64,${thumb.toString('base64')}`)

    // The mark in store_meta: later starts read no file again.
    warnings = []
    restart(w)
    expect(warnings.filter((line) => line.includes('[照片加密]'))).toEqual([])
  })

  it('reads a plain photo left from before encryption and seals it in place at that first read', () => {
    const { w, photos, files } = world()
    const image = anIdCardPhoto(8)
    // Written after this start's sweep, as a photo copied back by hand would be.
    const old = storeAsBeforeEncryption(w, files, image, anIdCardPhoto(9).subarray(0, 200))
    const file = files.pathOf(old.sha256, 'image/jpeg')

    expect(Buffer.from(photos.image(old.id).imageBase64, 'base64').equals(image)).toBe(true)
    expect(AttachmentCipher.isSealed(readFileSync(file))).toBe(true)
    expect(Buffer.from(photos.image(old.id).imageBase64, 'base64').equals(image)).toBe(true)
  })

  it('still catches a plain file whose content is not the photo its name says', () => {
    const { w, photos, files } = world()
    const old = storeAsBeforeEncryption(w, files, anIdCardPhoto(10), anIdCardPhoto(11).subarray(0, 200))
    writeFileSync(files.pathOf(old.sha256, 'image/jpeg'), anIdCardPhoto(12))
    expect(refusal(() => photos.image(old.id))).toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('已被改动') })
    // Not sealed: sealing would hide the damage behind a valid ciphertext.
    expect(AttachmentCipher.isSealed(readFileSync(files.pathOf(old.sha256, 'image/jpeg')))).toBe(false)
  })
})
