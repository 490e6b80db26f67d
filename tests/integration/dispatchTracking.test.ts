import { afterEach, describe, expect, it } from 'vitest'
import { openDispatchWorld, type DispatchWorld } from '../fixtures/dispatchWorld'
import { anIdNumber } from '../fixtures/registrationNumbers'

let world: DispatchWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const HOUR = 3_600_000
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const courier = { name: '王师傅', idNumber: anIdNumber({ region: '320302', birth: '1985-05-05', seq: '123' }) }

/** A case shipped, its label printed, and (unless told not to) handed to the courier. */
async function onItsWay(w: DispatchWorld, options: { scenario?: string; close?: boolean } = {}): Promise<{ caseNo: string; id: number; waybillNo: string }> {
  const caseNo = w.readyCase()
  const printed = w.nextEvent('dispatch.changed', (e) => e.caseNo === caseNo && e.status === 'label_printed')
  const s = await w.dispatch.ship({ caseNo })
  await printed
  if (options.close ?? true) w.dispatch.closeBatch({ courier, signature: SIGNATURE })
  if (options.scenario) await w.sim.control('POST', 'scenario', { waybillNo: s.waybillNo, scenario: options.scenario })
  await w.sim.control('POST', 'pickup', { waybillNos: [s.waybillNo] })
  return { caseNo, id: s.id, waybillNo: s.waybillNo! }
}

const shipment = (w: DispatchWorld, id: number) => w.cases.store.shipments.findById(id)!

describe('tracking a parcel after the courier took it', () => {
  it('follows it to 签收 and moves the case to delivered, applying each carrier event once', async () => {
    const w = (world = await openDispatchWorld())
    const parcel = await onItsWay(w)

    w.advance(23 * HOUR)
    expect(await w.dispatch.track()).toEqual({ asked: 1, changed: 1 })
    expect(shipment(w, parcel.id).status).toBe('out_for_delivery')
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('handed_over')

    w.advance(2 * HOUR)
    const delivered = w.nextEvent('case.changed', (e) => e.caseNo === parcel.caseNo && e.state === 'delivered')
    expect(await w.dispatch.track()).toEqual({ asked: 1, changed: 1 })
    await delivered
    expect(shipment(w, parcel.id).status).toBe('delivered')
    expect(w.cases.store.cases.eventsOf(parcel.caseNo).at(-1)).toMatchObject({ action: 'deliver', fromState: 'handed_over', toState: 'delivered', operator: 'system' })
    const events = w.cases.store.shipments.trackingEvents(parcel.id)
    expect(events.map((e) => e.code)).toEqual(['50', '30', '36', '31', '130', '44', '80'])

    // Delivered is terminal: nothing is asked any more, and a repeated answer changes nothing.
    expect(await w.dispatch.track()).toEqual({ asked: 0, changed: 0 })
    expect(w.cases.store.shipments.trackingEvents(parcel.id)).toHaveLength(7)
  })

  it('shows a refused delivery as an exception with the carrier’s words and a next step; the case stays handed over', async () => {
    const w = (world = await openDispatchWorld())
    const parcel = await onItsWay(w, { scenario: 'refused' })

    w.advance(23.5 * HOUR)
    await w.dispatch.track()
    const desk = w.dispatch.desk()
    expect(desk.exceptions).toEqual([
      expect.objectContaining({ caseNo: parcel.caseNo, status: 'failed', exception: { reason: '派件不成功：收件人拒收', nextStep: expect.stringMatching(/联系收件人核实是否拒收/) } }),
    ])
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('handed_over')

    w.advance(3 * HOUR)
    await w.dispatch.track()
    expect(w.dispatch.desk().exceptions).toEqual([expect.objectContaining({ status: 'returned', exception: { reason: '快件已退回', nextStep: expect.stringMatching(/^退件到站后/) } })])
    expect(w.cases.services.cases.get(parcel.caseNo).state).toBe('handed_over')
  })

  it('polls on the hall clock: every 2 hours after handover, every 30 minutes out for delivery', async () => {
    const w = (world = await openDispatchWorld())
    await onItsWay(w)
    expect((await w.dispatch.trackDue()).asked).toBe(1)
    w.advance(HOUR)
    expect((await w.dispatch.trackDue()).asked).toBe(0)
    w.advance(HOUR)
    expect((await w.dispatch.trackDue()).asked).toBe(1)
    w.advance(21 * HOUR)
    expect(await w.dispatch.trackDue()).toEqual({ asked: 1, changed: 1 })
    w.advance(30 * 60_000)
    expect((await w.dispatch.trackDue()).asked).toBe(1)
  })
})
