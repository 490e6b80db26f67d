/**
 * 取消寄递 through the desk, the outbox and the real SF adapter against the
 * real carrier emulator: the case goes back to ready at once with the reason
 * on its timeline and audit rows; the carrier's order is cancelled exactly
 * once (or never asked about, when no create reached it); the next ship of
 * the case takes the next generation of its order number.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { auditRowsOf, verifyAuditChain } from '../../main/store/auditChain'
import { anIdNumber } from '../fixtures/registrationNumbers'
import { openDispatchWorld, type DispatchWorld, type DispatchWorldOptions } from '../fixtures/dispatchWorld'

let world: DispatchWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const CREATE = 'EXP_RECE_CREATE_ORDER'
const CANCEL = 'EXP_RECE_UPDATE_ORDER'
const SEARCH = 'EXP_RECE_SEARCH_ORDER_RESP'
/** Past the test backoff's cap (60 s): every retry is due. */
const PAST_BACKOFF = 61_000
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const courier = { name: '王师傅', idNumber: anIdNumber({ region: '320302', birth: '1985-05-05', seq: '123' }) }

async function open(options: DispatchWorldOptions = {}): Promise<DispatchWorld> {
  world = await openDispatchWorld(options)
  return world
}

/** A case shipped with its waybill and its label printed (in the open batch). */
async function shipped(w: DispatchWorld): Promise<{ caseNo: string; id: number; clientOrderId: string; waybillNo: string }> {
  const caseNo = w.readyCase()
  const printed = w.nextEvent('dispatch.changed', (e) => e.caseNo === caseNo && e.status === 'label_printed')
  const s = await w.dispatch.ship({ caseNo })
  await printed
  return { caseNo, id: s.id, clientOrderId: s.clientOrderId, waybillNo: s.waybillNo! }
}

const calls = (w: DispatchWorld, serviceCode: string, orderId: string) =>
  w.sim.control<Array<{ outcome: string; stored: boolean }>>('GET', `calls?serviceCode=${serviceCode}&orderId=${encodeURIComponent(orderId)}`)
const simOrder = async (w: DispatchWorld, orderId: string) => (await w.sim.control<Array<{ orderId: string; status: string }>>('GET', 'orders')).find((o) => o.orderId === orderId)

async function refused(work: () => Promise<unknown>): Promise<AppError> {
  try {
    await work()
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('cancelling a shipment the carrier has made', () => {
  it('cancels the carrier’s order once, sends the case back to ready with the reason, and the next ship takes the next generation', async () => {
    const w = await open()
    const parcel = await shipped(w)
    expect(w.dispatch.desk().openBatch?.items.map((i) => i.caseNo)).toEqual([parcel.caseNo])

    const cancelled = await w.dispatch.cancel({ shipmentId: parcel.id, reason: '申请人改为窗口自取' })

    expect(cancelled).toMatchObject({ status: 'cancelled', waybillNo: parcel.waybillNo, cancelling: null })
    expect(await calls(w, CANCEL, parcel.clientOrderId)).toEqual([expect.objectContaining({ outcome: 'ok' })])
    expect(await simOrder(w, parcel.clientOrderId)).toMatchObject({ status: 'cancelled' })
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('ready')
    expect(w.dispatch.desk().openBatch?.items ?? []).toEqual([])
    expect(w.cases.store.cases.eventsOf(parcel.caseNo).at(-1)).toMatchObject({ action: 'unship', fromState: 'shipping', toState: 'ready', note: '取消寄递：申请人改为窗口自取', operator: 'A001' })
    const audit = auditRowsOf(w.cases.store.db, parcel.caseNo).map((r) => ({ action: r.action, details: JSON.parse(r.details) as Record<string, unknown> }))
    expect(audit).toContainEqual({ action: 'case.transition', details: expect.objectContaining({ action: 'unship', reason: '申请人改为窗口自取', via: 'carrier' }) })
    expect(audit).toContainEqual({ action: 'dispatch.cancelled', details: expect.objectContaining({ via: 'cancelled', reason: '申请人改为窗口自取', waybillNo: parcel.waybillNo }) })
    expect(verifyAuditChain(w.cases.store.db).ok).toBe(true)

    // Shipped again: the same order number, the next generation (a cancelled carrier order id is never reused).
    const again = await w.dispatch.ship({ caseNo: parcel.caseNo })
    expect(again.clientOrderId).toBe(parcel.clientOrderId.replace(/-1$/, '-2'))
    expect(again.waybillNo).toMatch(/^SF\d{13}$/)
    expect(again.waybillNo).not.toBe(parcel.waybillNo)
    expect(await w.storedCreates(again.clientOrderId)).toHaveLength(1)
  })

  it('takes the carrier’s “already cancelled” as success', async () => {
    const w = await open()
    const parcel = await shipped(w)
    expect(await w.sim.adapter().cancelShipment({ clientOrderId: parcel.clientOrderId }, w.sim.ctx())).toBe('cancelled')

    expect(await w.dispatch.cancel({ shipmentId: parcel.id, reason: '重复录入' })).toMatchObject({ status: 'cancelled' })
    expect((await calls(w, CANCEL, parcel.clientOrderId)).map((c) => c.outcome)).toEqual(['ok', 'ok'])
    expect(w.cases.store.outbox.byKey(`shipment.cancel:${parcel.clientOrderId}`)).toMatchObject({ state: 'done', result: { cancelled: 'already_cancelled' } })
  })

  it('after a cancel whose reply was lost, looks the order up and sends no second cancel', async () => {
    const w = await open({ timeoutMs: 500 })
    const parcel = await shipped(w)
    await w.sim.faults({ match: { serviceCode: CANCEL }, fault: { kind: 'http', status: 502, body: 'html', commit: 'after' } })

    const first = await w.dispatch.cancel({ shipmentId: parcel.id, reason: '地址有误' })
    // The case is back at once; the shipment waits for the carrier's word, with the clerk's reason.
    expect(first).toMatchObject({ status: 'label_printed', cancelling: { reason: '地址有误', parked: false, lastError: expect.stringMatching(/502/) } })
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('ready')
    expect(w.dispatch.desk().pending.map((s) => s.id)).toEqual([parcel.id])
    expect(w.dispatch.check({ caseNo: parcel.caseNo })).toMatchObject({ ok: false, reason: 'already_shipped', message: expect.stringMatching(/正在取消/) })

    w.advance(PAST_BACKOFF)
    await w.runDue()
    expect(w.cases.store.shipments.findById(parcel.id)!.status).toBe('cancelled')
    expect(await calls(w, CANCEL, parcel.clientOrderId)).toHaveLength(1)
    expect(await calls(w, SEARCH, parcel.clientOrderId)).toHaveLength(1)
    expect(w.cases.store.outbox.byKey(`shipment.cancel:${parcel.clientOrderId}`)).toMatchObject({ state: 'done', result: { cancelled: 'already_cancelled' } })
  })

  it('parks the cancel with the carrier’s words when the courier has already picked the parcel up', async () => {
    const w = await open()
    const parcel = await shipped(w)
    await w.sim.control('POST', 'pickup', { waybillNos: [parcel.waybillNo] })

    const answer = await w.dispatch.cancel({ shipmentId: parcel.id, reason: '申请人要求' })

    expect(answer).toMatchObject({ status: 'label_printed', cancelling: { parked: true, lastError: expect.stringMatching(/已揽收/) } })
    expect(w.outbox.worker.stats()).toMatchObject({ parked: 1 })
  })
})

describe('cancelling a shipment before the carrier made it', () => {
  it('drops a create that never ran: no carrier call, cancelled at once', async () => {
    const w = await open({ dispatch: { deskWaitMs: 20 } })
    await w.outbox.stop()
    const caseNo = w.readyCase()
    const queued = await w.dispatch.ship({ caseNo })
    expect(queued).toMatchObject({ status: 'queued', waybillNo: null })

    expect(await w.dispatch.cancel({ shipmentId: queued.id, reason: '申请人改地址' })).toMatchObject({ status: 'cancelled', cancelling: null })
    w.outbox.start()
    await w.runDue()

    expect(await w.sim.control<unknown[]>('GET', 'calls')).toEqual([])
    expect(w.cases.store.outbox.byKey(`shipment.create:${queued.clientOrderId}`)).toMatchObject({ state: 'cancelled' })
    expect(w.cases.store.outbox.byKey(`shipment.cancel:${queued.clientOrderId}`)).toBeUndefined()
    expect(w.cases.services.cases.get(caseNo).state).toBe('ready')
  })

  it('a create whose reply was lost: the cancel reaches the order the carrier stored, and the create is not sent again', async () => {
    const w = await open({ timeoutMs: 500 })
    await w.sim.faults({ match: { serviceCode: CREATE }, fault: { kind: 'http', status: 500, body: 'html', commit: 'after' } })
    const caseNo = w.readyCase()
    const queued = await w.dispatch.ship({ caseNo })
    expect(queued).toMatchObject({ status: 'queued', waybillNo: null })

    const answer = await w.dispatch.cancel({ shipmentId: queued.id, reason: '申请人改为窗口自取' })
    w.advance(PAST_BACKOFF)
    await w.runDue()

    expect(answer.status).toBe('cancelled')
    expect(await simOrder(w, queued.clientOrderId)).toMatchObject({ status: 'cancelled' })
    expect(await calls(w, CREATE, queued.clientOrderId)).toHaveLength(1)
    expect(w.cases.store.outbox.byKey(`shipment.create:${queued.clientOrderId}`)).toMatchObject({ state: 'cancelled' })
    expect(w.printing.jobs({ caseNo, limit: 10 }).filter((j) => j.kind === 'waybillLabel')).toEqual([])
  })
})

describe('what cannot be cancelled', () => {
  it('refuses after the courier has the parcel, a second cancel while one is on its way, and no reason', async () => {
    const w = await open()
    const parcel = await shipped(w)
    w.dispatch.closeBatch({ courier, signature: SIGNATURE })
    const tooLate = await refused(() => w.dispatch.cancel({ shipmentId: parcel.id, reason: '申请人要求' }))
    expect(tooLate).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/已交寄.*请联系承运商拦截/) })

    const other = await shipped(w)
    await w.sim.faults({ match: { serviceCode: CANCEL }, fault: { kind: 'http', status: 503, commit: 'before' } })
    await w.dispatch.cancel({ shipmentId: other.id, reason: '申请人要求' })
    expect(await refused(() => w.dispatch.cancel({ shipmentId: other.id, reason: '再点一次' }))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已在取消中/) })
    expect(await refused(() => w.dispatch.cancel({ shipmentId: other.id, reason: '   ' }))).toMatchObject({ code: 'BAD_INPUT', field: 'reason' })
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('handed_over')
  })

  it('is not a case-page action: the case page neither offers nor performs 取消寄递 without the desk', async () => {
    const w = await open()
    const parcel = await shipped(w)
    expect(w.cases.services.cases.get(parcel.caseNo).allowedActions.map((a) => a.action)).not.toContain('unship')
    const e = await refused(async () => w.cases.services.cases.apply({ caseNo: parcel.caseNo, action: 'unship' }))
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/须在寄递台办理/) })
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('shipping')
  })
})
