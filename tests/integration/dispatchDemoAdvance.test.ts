/**
 * The demo hall's carrier clock: a station host on the carrier emulator
 * (station.json `carrier.kind: emulator`) points the emulator's route push at
 * itself when it starts, and `demo.carrier.advance` moves the emulator's clock
 * ahead and asks for tracking, so a demo parcel is followed to 签收 without
 * waiting a day — and the desk's next requests are not refused as stale.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StationConfigInput } from '../../main/config/stationConfig'
import { startStation, type Station } from '../../main/station'
import { databaseFile } from '../../main/store/database'
import { PERSON_ID } from '../fixtures/caseWorld'
import { anIdNumber } from '../fixtures/registrationNumbers'
import { waitFor } from '../fixtures/waitFor'

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

let station: Station | null = null
let dataDir: string | null = null
afterEach(async () => {
  await station?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  station = null
  dataDir = null
})

async function startWith(config: StationConfigInput): Promise<Station> {
  dataDir = mkdtempSync(join(tmpdir(), 'onewindow-demo-carrier-'))
  writeFileSync(join(dataDir, 'station.json'), JSON.stringify({ devices: { idcard: { mode: 'off' }, scanner: { mode: 'off' } }, ...config }))
  station = await startStation({ dataDir })
  station.app.services.session.actAs('A001')
  return station
}

const call = (s: Station, name: string, input: unknown) => s.app.dispatcher.invoke(name, input, { transport: 'test' })

async function value<T>(s: Station, name: string, input: unknown): Promise<T> {
  const result = await call(s, name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as T
}

function readyExpressCase(s: Station): string {
  const { app } = s
  const item = app.services.catalog.items().find((i) => i.fee === null && i.delivery.includes('express') && !i.establishment)!
  const { caseNo } = app.services.intake.accept({
    form: {
      applicant: { kind: 'person', name: '张建国', idNumber: PERSON_ID, phone: '13951234567', address: '江苏省徐州市鼓楼区中山北路 12 号', source: 'card' },
      itemCode: item.code,
      materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      delivery: { method: 'express', recipient: '李秀英', phone: '13812345678', province: '广东省', city: '深圳市', district: '南山区', address: '科技中二路 1 号' },
    },
  })
  for (const action of ['startReview', 'approve', 'produce'] as const) app.services.cases.apply({ caseNo, action })
  return caseNo
}

function trackingCodes(shipmentId: number): string[] {
  const db = new Database(databaseFile(dataDir!), { readonly: true })
  try {
    return db.prepare('SELECT code FROM tracking_events WHERE shipment_id = ? ORDER BY at, rowid').pluck().all(shipmentId) as string[]
  } finally {
    db.close()
  }
}

describe('the demo hall’s carrier clock', () => {
  it('follows a demo parcel to 签收: pushed to the station host from the start, then the clock moved ahead a day', async () => {
    const s = await startWith({ carrier: { kind: 'emulator', autoPickupAfterMs: 0 } })
    const desk = await value<{ carrier: { isEmulated: boolean } }>(s, 'dispatch.desk', {})
    expect(desk.carrier.isEmulated).toBe(true)
    const caseNo = readyExpressCase(s)
    const shipped = await value<{ id: number; waybillNo: string }>(s, 'dispatch.ship', { caseNo })
    const status = () => s.app.services.dispatch.list().find((x) => x.caseNo === caseNo)!.status

    // Picked up at once by the emulated courier; only the push (configured at start) can tell the station so.
    await waitFor('the pickup pushed to the station host', () => status() === 'in_transit')
    await value(s, 'dispatch.closeBatch', { courier: { name: '王师傅', idNumber: anIdNumber({ region: '320302', birth: '1985-05-05', seq: '123' }) }, signature: SIGNATURE })

    const moved = await value<{ carrierNow: string; asked: number; changed: number }>(s, 'demo.carrier.advance', { hours: 25 })

    expect(Date.parse(moved.carrierNow) - Date.now()).toBeGreaterThan(24 * 3_600_000)
    expect(moved.asked).toBe(1)
    expect(status()).toBe('delivered')
    expect(s.app.services.cases.get(caseNo).state).toBe('delivered')
    expect(trackingCodes(shipped.id)).toEqual(['50', '30', '36', '31', '130', '44', '80'])
    // The desk still reaches the carrier after the jump: a second case ships (its requests stamped with the carrier's clock).
    expect(await value(s, 'dispatch.ship', { caseNo: readyExpressCase(s) })).toMatchObject({ waybillNo: expect.stringMatching(/^SF\d{13}$/) })
  })

  it('is no command where the carrier is not the emulator', async () => {
    const manual = await startWith({ carrier: { kind: 'manual' } })
    expect(await call(manual, 'demo.carrier.advance', { hours: 1 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    await manual.stop()
    station = null
    rmSync(dataDir!, { recursive: true, force: true })

    // A demo hall with an emulated scanner but a manual carrier: the demo commands exist, this one says why not.
    const scannerOnly = await startWith({ carrier: { kind: 'manual' }, devices: { idcard: { mode: 'off' }, scanner: { mode: 'emulator' } } })
    expect(await call(scannerOnly, 'demo.carrier.advance', { hours: 1 })).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE', message: expect.stringMatching(/carrier\.kind/) } })
    expect(await call(scannerOnly, 'demo.carrier.advance', { hours: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })
})
