import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { makeSfWaybillNo } from '../../main/domain/dispatch/waybillCheck'
import { aPersonForm } from '../fixtures/caseWorld'
import { EXPRESS, openDispatchWorld, type DispatchWorld } from '../fixtures/dispatchWorld'

let world: DispatchWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const labelJobs = (w: DispatchWorld, caseNo: string) => w.printing.jobs({ caseNo, limit: 50 }).filter((j) => j.kind === 'waybillLabel')

async function refusedShip(w: DispatchWorld, input: { caseNo: string; waybillNo?: string }): Promise<AppError> {
  try {
    await w.dispatch.ship(input)
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('shipping a ready express case through the carrier', () => {
  it('creates exactly one waybill and one label, moves the case to shipping and puts it in the open batch', async () => {
    const w = (world = await openDispatchWorld())
    const caseNo = w.readyCase()
    const printed = w.nextEvent('dispatch.changed', (e) => e.caseNo === caseNo && e.status === 'label_printed')

    const shipped = await w.dispatch.ship({ caseNo })

    expect(shipped).toMatchObject({ caseNo, carrier: 'http', waiting: null, recipient: { name: '李秀英', phoneMasked: '138****5678', region: '广东省深圳市南山区' } })
    expect(shipped.waybillNo).toMatch(/^SF\d{13}$/)
    const stored = await w.storedCreates(shipped.clientOrderId)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.waybillNo).toBe(shipped.waybillNo)
    await printed
    expect(labelJobs(w, caseNo)).toHaveLength(1)
    expect(w.cases.services.cases.get(caseNo).state).toBe('shipping')
    const desk = w.dispatch.desk()
    expect(desk.carrier.kind).toBe('http')
    expect(desk.openBatch?.items).toEqual([expect.objectContaining({ caseNo, waybillNo: shipped.waybillNo, status: 'label_printed' })])
    const events = w.cases.store.cases.eventsOf(caseNo)
    expect(events.at(-1)).toMatchObject({ action: 'ship', fromState: 'ready', toState: 'shipping' })
    // The create left through the outbox, keyed by the client order id, and is done.
    expect(w.cases.store.outbox.byKey(`shipment.create:${shipped.clientOrderId}`)).toMatchObject({ state: 'done', orderKey: caseNo })
  })

  it('answers the check without acting, and refuses to ship a case that is not ready, is for window pickup, or is shipped already', async () => {
    const w = (world = await openDispatchWorld())
    const { caseNo: accepted } = w.cases.services.intake.accept({ form: aPersonForm({ delivery: EXPRESS }) })
    const windowCase = w.readyCase({ delivery: { method: 'window' } })
    const shippedCase = w.readyCase()
    await w.dispatch.ship({ caseNo: shippedCase })

    expect(w.dispatch.check({ caseNo: accepted })).toMatchObject({ ok: false, reason: 'not_ready', message: expect.stringMatching(/当前为“已受理”，制证完成（待出件）后才能寄递/) })
    expect(w.dispatch.check({ caseNo: windowCase })).toMatchObject({ ok: false, reason: 'window_pickup', message: expect.stringMatching(/受理时选择窗口领取/) })
    expect(w.dispatch.check({ caseNo: shippedCase })).toMatchObject({ ok: false, reason: 'already_shipped', message: expect.stringMatching(/已寄递（运单号 SF\d+），不能重复寄递/) })
    expect(w.dispatch.check({ caseNo: 'NOPE-1' })).toMatchObject({ ok: false, reason: 'not_found' })
    expect(w.dispatch.check({ caseNo: w.readyCase() })).toEqual({ ok: true, reason: null, message: null })

    const before = w.cases.store.shipments.list().length
    expect(await refusedShip(w, { caseNo: accepted })).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'caseNo' })
    expect((await refusedShip(w, { caseNo: windowCase })).message).toMatch(/窗口领取/)
    expect(await refusedShip(w, { caseNo: shippedCase })).toMatchObject({ code: 'CONFLICT' })
    expect(w.cases.store.shipments.list()).toHaveLength(before)
    expect(await w.storedCreates()).toHaveLength(1)
  })

  it('prints the same waybill again on reprint, counted, without asking the carrier for another', async () => {
    const w = (world = await openDispatchWorld())
    const caseNo = w.readyCase()
    const printed = w.nextEvent('dispatch.changed', (e) => e.caseNo === caseNo && e.status === 'label_printed')
    const shipped = await w.dispatch.ship({ caseNo })
    await printed
    const reprinted = w.dispatch.reprintLabel({ shipmentId: shipped.id })
    expect(reprinted).toMatchObject({ waybillNo: shipped.waybillNo, labelPrints: 2 })
    const jobs = labelJobs(w, caseNo)
    expect(jobs).toHaveLength(2)
    expect(jobs.find((j) => j.reprintOf !== null)).toMatchObject({ reprintNo: 1, title: expect.stringContaining('补打 #1') })
    expect(await w.storedCreates()).toHaveLength(1)
  })

  it('ships every ready case in one go and drains them to waybills', async () => {
    const w = (world = await openDispatchWorld())
    const caseNos = [w.readyCase(), w.readyCase(), w.readyCase()]
    w.readyCase({ delivery: { method: 'window' } })
    expect(w.dispatch.shipAllReady()).toEqual({ queued: 3, skipped: [] })
    expect(await w.dispatch.drain({ timeoutMs: 10_000 })).toEqual({ created: 3, waiting: 0, parked: 0 })
    expect(w.dispatch.list().map((s) => s.caseNo).sort()).toEqual([...caseNos].sort())
    expect(await w.storedCreates()).toHaveLength(3)
  })
})

describe('shipping with the manual carrier (pre-printed waybills)', () => {
  it('binds a scanned waybill whose check digit holds, at once, and queues its label without any carrier call', async () => {
    const w = (world = await openDispatchWorld({ carrier: 'manual' }))
    const caseNo = w.readyCase()
    const waybillNo = makeSfWaybillNo(123456)
    const shipped = await w.dispatch.ship({ caseNo, waybillNo: ` ${waybillNo.toLowerCase()} ` })
    expect(shipped).toMatchObject({ carrier: 'manual', waybillNo, status: 'created', waiting: null, labelPrints: 1 })
    expect(labelJobs(w, caseNo)).toHaveLength(1)
    expect(await w.sim.control<unknown[]>('GET', 'calls')).toEqual([])
  })

  it('refuses a waybill with a wrong check digit, or none, naming the field, and writes nothing', async () => {
    const w = (world = await openDispatchWorld({ carrier: 'manual' }))
    const caseNo = w.readyCase()
    const good = makeSfWaybillNo(123456)
    const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`
    const wrong = await refusedShip(w, { caseNo, waybillNo: bad })
    expect(wrong).toMatchObject({ code: 'BAD_INPUT', field: 'waybillNo' })
    expect(wrong.message).toMatch(/校验位不符/)
    expect(await refusedShip(w, { caseNo })).toMatchObject({ field: 'waybillNo', message: expect.stringMatching(/扫描预印面单/) })
    expect(w.cases.store.shipments.list()).toHaveLength(0)
    expect(w.cases.services.cases.get(caseNo).state).toBe('ready')
    expect(w.dispatch.check({ caseNo })).toMatchObject({ ok: true })
  })
})
