import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { AttachmentCipher } from '../../main/store/attachmentCipher'
import { AttachmentFiles } from '../../main/store/attachmentFiles'
import { verifyAuditChain } from '../../main/store/auditChain'
import { openDispatchWorld, type DispatchWorld } from '../fixtures/dispatchWorld'
import { anIdNumber } from '../fixtures/registrationNumbers'

let world: DispatchWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

/** A 1 × 1 PNG, as a signature pad's canvas gives it. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const SIGNATURE = `data:image/png;base64,${PNG_BASE64}`
const SIGNATURE_SHA = createHash('sha256').update(Buffer.from(PNG_BASE64, 'base64')).digest('hex')
const COURIER_ID = anIdNumber({ region: '320302', birth: '1985-05-05', seq: '123' })
const courier = { name: '王师傅', idNumber: COURIER_ID, phone: '13900001111' }

/** Ships a case and waits for its label to print (preview mode). */
async function shipPrinted(w: DispatchWorld): Promise<{ caseNo: string; id: number; waybillNo: string }> {
  const caseNo = w.readyCase()
  const printed = w.nextEvent('dispatch.changed', (e) => e.caseNo === caseNo && e.status === 'label_printed')
  const s = await w.dispatch.ship({ caseNo })
  await printed
  return { caseNo, id: s.id, waybillNo: s.waybillNo! }
}

function closeRefusal(w: DispatchWorld): AppError {
  try {
    w.dispatch.closeBatch({ courier, signature: SIGNATURE })
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('closing the batch with the courier', () => {
  it('hands over the printed parcels with the signature on the audit chain, keeps the rest for the next batch, and queues the handover list', async () => {
    const w = (world = await openDispatchWorld())
    const a = await shipPrinted(w)
    const b = await shipPrinted(w)
    // A third case whose create is parked: no waybill, no label.
    await w.sim.faults({ match: { serviceCode: 'EXP_RECE_CREATE_ORDER' }, fault: { kind: 'api_code', apiResultCode: 'A1006' } })
    const waitingCase = w.readyCase()
    await w.dispatch.ship({ caseNo: waitingCase })

    const closed = w.dispatch.closeBatch({ courier, signature: SIGNATURE })

    expect(closed.leftForNextBatch).toBe(1)
    expect(closed.batch.items.map((i) => i.caseNo).sort()).toEqual([a.caseNo, b.caseNo].sort())
    expect(closed.batch.items.every((i) => i.status === 'handed_over')).toBe(true)
    expect(closed.batch.courier).toEqual({ name: '王师傅', idMasked: `${COURIER_ID.slice(0, 4)}**********${COURIER_ID.slice(-4)}`, phoneMasked: '139****1111' })
    for (const caseNo of [a.caseNo, b.caseNo]) {
      expect(w.cases.services.cases.get(caseNo).state).toBe('handed_over')
      const step = w.cases.store.cases.eventsOf(caseNo).at(-1)!
      expect(step).toMatchObject({ action: 'handOver', fromState: 'shipping', toState: 'handed_over', details: expect.objectContaining({ signatureSha256: SIGNATURE_SHA }) })
    }
    expect(w.cases.services.cases.get(waitingCase).state).toBe('shipping')
    const open = w.dispatch.desk().openBatch!
    expect(open.id).not.toBe(closed.batch.id)
    expect(open.items.map((i) => i.caseNo)).toEqual([waitingCase])

    // The courier's ID number and phone are stored masked only; the signature is kept by its hash.
    const row = w.cases.store.db.prepare('SELECT * FROM handover_batches WHERE id = ?').get(closed.batch.id) as Record<string, unknown>
    expect(JSON.stringify(row)).not.toContain(COURIER_ID)
    expect(JSON.stringify(row)).not.toContain('13900001111')
    expect(row.signature_sha256).toBe(SIGNATURE_SHA)
    // The signature file is sealed at rest like the material photos, and opens to the signed image.
    expect(AttachmentCipher.isSealed(readFileSync(join(w.cases.dataDir, String(row.signature_file))))).toBe(true)
    const signature = new AttachmentFiles(w.cases.dataDir, w.cases.store.attachmentCipher).read(SIGNATURE_SHA, 'image/png')
    expect(createHash('sha256').update(signature).digest('hex')).toBe(SIGNATURE_SHA)
    expect(row.doc_sha256).toMatch(/^[0-9a-f]{64}$/)
    const audit = w.cases.store.db.prepare("SELECT details FROM audit_log WHERE action = 'dispatch.closeBatch'").pluck().get() as string
    expect(JSON.parse(audit)).toMatchObject({ batchId: closed.batch.id, count: 2, signatureSha256: SIGNATURE_SHA, leftForNextBatch: 1 })
    expect(audit).not.toContain(COURIER_ID)
    expect(verifyAuditChain(w.cases.store.db).ok).toBe(true)

    // The handover list waits on the outbox's documents lane, written with the close.
    expect(w.cases.store.outbox.byKey(`handoverList:${closed.batch.id}`)).toMatchObject({ lane: 'documents', kind: 'handoverList.pdf', payload: { batchId: closed.batch.id } })
    expect(closed.printJobId).toBeNull()
  })

  it('makes the handover list a PDF listing every waybill handed over', async () => {
    const w = (world = await openDispatchWorld())
    const a = await shipPrinted(w)
    const closed = w.dispatch.closeBatch({ courier, signature: SIGNATURE })
    await w.runDue()
    const row = w.cases.store.outbox.byKey(`handoverList:${closed.batch.id}`)!
    expect(row.state).toBe('done')
    const path = (row.result as { path: string }).path
    expect(existsSync(path)).toBe(true)
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    expect(text).toContain('快递交接清单')
    expect(text).toContain(a.waybillNo)
    expect(text).toContain(a.caseNo)
  }, 60_000)

  it('refuses a batch with nothing printed yet, a bad ID number, or a signature that is not a PNG — and changes nothing', async () => {
    const w = (world = await openDispatchWorld())
    expect(closeRefusal(w)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/没有待交接的批次/) })
    await w.sim.faults({ match: { serviceCode: 'EXP_RECE_CREATE_ORDER' }, fault: { kind: 'api_code', apiResultCode: 'A1006' } })
    const caseNo = w.readyCase()
    await w.dispatch.ship({ caseNo })
    expect(closeRefusal(w)).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/本批次 1 件的面单都还没有打印/) })
    const printed = await shipPrinted(w)
    expect(() => w.dispatch.closeBatch({ courier: { ...courier, idNumber: `${COURIER_ID.slice(0, 17)}${COURIER_ID.endsWith('1') ? '2' : '1'}` }, signature: SIGNATURE })).toThrow(
      expect.objectContaining({ code: 'INVALID_ID_NUMBER', field: 'courier.idNumber' }),
    )
    expect(() => w.dispatch.closeBatch({ courier, signature: `data:image/png;base64,${Buffer.from('GIF89a not a png, long enough to pass the length check of sixty-four').toString('base64')}` })).toThrow(
      expect.objectContaining({ field: 'signature' }),
    )
    expect(w.cases.services.cases.get(printed.caseNo).state).toBe('shipping')
    expect(w.dispatch.desk().openBatch?.items).toHaveLength(2)
  })
})
