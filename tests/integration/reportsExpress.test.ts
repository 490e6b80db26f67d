/**
 * 统计's courier figures on the real courier desk (carrier emulator, outbox,
 * tracking): shipments made in the period (a cancelled one is no shipment),
 * delivered in it, and returned or failed in it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays, plainDateOf } from '../../main/domain/plainDate'
import { shippedCalendarDir } from '../../main/services/calendar/calendarFiles'
import { ReportReader } from '../../main/services/reports/reportReader'
import { databaseFile } from '../../main/store/database'
import { openDispatchWorld, type DispatchWorld } from '../fixtures/dispatchWorld'
import { anIdNumber } from '../fixtures/registrationNumbers'

let world: DispatchWorld | null = null
let reader: ReportReader | null = null
afterEach(async () => {
  await reader?.stop()
  await world?.dispose()
  world = null
  reader = null
})

const HOUR = 3_600_000
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const courier = { name: '王师傅', idNumber: anIdNumber({ region: '320302', birth: '1985-05-05', seq: '123' }) }

async function shipped(w: DispatchWorld): Promise<{ id: number; waybillNo: string }> {
  const caseNo = w.readyCase()
  const printed = w.nextEvent('dispatch.changed', (e) => e.caseNo === caseNo && e.status === 'label_printed')
  const s = await w.dispatch.ship({ caseNo })
  await printed
  return { id: s.id, waybillNo: s.waybillNo! }
}

describe('courier figures in a report', () => {
  it('counts shipments made, delivered and gone wrong in the period, leaving a cancelled one out', async () => {
    const w = (world = await openDispatchWorld())
    const shipDay = plainDateOf(w.cases.clock.now())
    const delivered = await shipped(w)
    const refused = await shipped(w)
    const cancelled = await shipped(w)
    await w.dispatch.cancel({ shipmentId: cancelled.id, reason: '申请人改为窗口自取' })
    w.dispatch.closeBatch({ courier, signature: SIGNATURE })
    await w.sim.control('POST', 'scenario', { waybillNo: refused.waybillNo, scenario: 'refused' })
    await w.sim.control('POST', 'pickup', { waybillNos: [delivered.waybillNo, refused.waybillNo] })
    w.advance(23.5 * HOUR)
    await w.dispatch.track()
    w.advance(3 * HOUR)
    await w.dispatch.track()
    expect(w.cases.store.shipments.findById(delivered.id)!.status).toBe('delivered')
    expect(w.cases.store.shipments.findById(refused.id)!.status).toBe('returned')

    reader = new ReportReader({ databaseFile: databaseFile(w.cases.dataDir), dataDir: w.cases.dataDir, shippedCalendarDir: shippedCalendarDir(), clock: w.cases.clock })
    expect((await reader.report('day', shipDay)).express.shipped).toBe(2)
    const week = await reader.report('week', shipDay)
    expect(week.express).toEqual({ shipped: 2, delivered: 1, exceptions: 1 })
    // The week before saw none of it.
    expect((await reader.report('week', addDays(shipDay, -7))).express).toEqual({ shipped: 0, delivered: 0, exceptions: 0 })
  }, 60_000)
})
