/**
 * The carrier's route push, received by the station host (`/carrier/push`,
 * specs/dispatch.md §C1/§B4): the real carrier emulator pushes SF's
 * `{"Body":{"WaybillRoute":[…]}}` to the real station server of a real app;
 * the events go through the same function as a poll, so a repeated push — or
 * an event pushed and then polled — is one tracking row. The push carries its
 * own secret, never the renderer's token.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../main/app'
import { parseStationConfig } from '../../main/config/stationConfig'
import { SettableClock } from '../../main/services/cases/hallClock'
import { databaseFile } from '../../main/store/database'
import { startStationServer, type StationServer } from '../../main/transport/stationServer'
import { PERSON_ID } from '../fixtures/caseWorld'
import { SIM_PARTNER, SIM_START, startSim, type SimHarness } from '../fixtures/carrierSimHarness'
import { anIdNumber } from '../fixtures/registrationNumbers'
import { waitFor } from '../fixtures/waitFor'

const HOUR = 3_600_000
const PUSH_SECRET = 'push-secret-for-tests-0123456789abcdef'
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

interface PushWorld {
  app: App
  dataDir: string
  server: StationServer
  sim: SimHarness
  clock: SettableClock
  call(name: string, input: unknown): Promise<unknown>
  /** A ready express case, shipped, its label printed, handed to the courier. */
  handedOver(): Promise<{ caseNo: string; id: number; waybillNo: string }>
  /** The hall's clock and the carrier's together. */
  advance(ms: number): Promise<void>
  dispose(): Promise<void>
}

let world: PushWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

async function openPushWorld(): Promise<PushWorld> {
  const sim = await startSim()
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-push-'))
  const clock = new SettableClock(SIM_START)
  const config = parseStationConfig(
    { devices: { idcard: { mode: 'off' }, scanner: { mode: 'off' } }, carrier: { kind: 'http', url: sim.sim.url, partnerId: SIM_PARTNER, checkWordRef: 'carrier.test', monthlyCard: '7551234567', timeoutMs: 2000 } },
    dataDir,
  )
  const app = await createApp(config, { clock, dispatch: { adapter: sim.adapter() } })
  const server = await startStationServer(app, { carrierPushSecret: PUSH_SECRET })
  app.services.session.actAs('A001')
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const result = await app.dispatcher.invoke(name, input, { transport: 'test' })
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
    return result.value
  }
  return {
    app,
    dataDir,
    server,
    sim,
    clock,
    call,
    async handedOver() {
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
      const s = (await call('dispatch.ship', { caseNo })) as { id: number; waybillNo: string }
      await waitFor('the label printed', () => app.services.dispatch.list().some((x) => x.caseNo === caseNo && x.status === 'label_printed'))
      await call('dispatch.closeBatch', { courier: { name: '王师傅', idNumber: anIdNumber({ region: '320302', birth: '1985-05-05', seq: '123' }) }, signature: SIGNATURE })
      return { caseNo, id: s.id, waybillNo: s.waybillNo }
    },
    async advance(ms) {
      clock.set(new Date(clock.now().getTime() + ms))
      await sim.control('POST', 'clock', { advanceMs: ms })
    },
    async dispose() {
      await server.close()
      await app.close()
      await sim.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const shipment = (w: PushWorld, id: number) => w.app.services.dispatch.shipments({ limit: 100 }).find((s) => s.id === id)!
/** The stored tracking rows, read as another connection would (the service shows none of its store). */
function rows(w: PushWorld, id: number): Array<{ code: string }> {
  const db = new Database(databaseFile(w.dataDir), { readonly: true })
  try {
    return db.prepare('SELECT code FROM tracking_events WHERE shipment_id = ? ORDER BY at, rowid').all(id) as Array<{ code: string }>
  } finally {
    db.close()
  }
}
const pushes = (w: PushWorld) => w.sim.control<Array<{ routeId: string; state: string; attempts: number }>>('GET', 'pushes')

function post(w: PushWorld, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(path, w.server.url), { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, body })
}

const route = (waybillNo: string, over: Record<string, string> = {}) => ({
  id: `${waybillNo}-01`,
  mailno: waybillNo,
  orderid: 'OW001-000001-1',
  acceptTime: '2025-03-18 11:00:00',
  acceptAddress: '徐州市',
  remark: '顺丰速运 已收取快件',
  opCode: '50',
  ...over,
})

describe('the carrier’s route push to the station host', () => {
  it('moves the shipment to 签收 from pushes sent twice each, one tracking row per event, and a poll of the same events adds none', async () => {
    const w = (world = await openPushWorld())
    const parcel = await w.handedOver()
    const push = w.server.carrierPush!
    await w.sim.control('POST', 'push-config', { url: push.url, secretHeader: `${push.header.name}: ${push.header.value}`, duplicatePush: true })

    await w.sim.control('POST', 'pickup', { waybillNos: [parcel.waybillNo] })
    await waitFor('the pickup pushed and acknowledged', () => shipment(w, parcel.id).status === 'in_transit')
    // The same event asked for by a poll (no route id there): still one row.
    expect(await w.app.services.dispatch.track()).toEqual({ asked: 1, changed: 0 })
    expect(rows(w, parcel.id).map((e) => e.code)).toEqual(['50'])

    await w.advance(25 * HOUR)
    for (let tries = 0; ; tries++) {
      const list = await pushes(w)
      if (list.length === 7 && list.every((d) => d.state === 'delivered')) break
      if (tries > 500) throw new Error(`pushes not all acknowledged: ${JSON.stringify(list)}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }

    expect(rows(w, parcel.id).map((e) => e.code)).toEqual(['50', '30', '36', '31', '130', '44', '80'])
    expect(shipment(w, parcel.id).status).toBe('delivered')
    expect(w.app.services.cases.get(parcel.caseNo).state).toBe('delivered')
  })

  it('answers the carrier’s success only once the events are stored', async () => {
    const w = (world = await openPushWorld())
    const parcel = await w.handedOver()
    const body = JSON.stringify({ Body: { WaybillRoute: [route(parcel.waybillNo)] } })

    const answer = await post(w, '/carrier/push', body, { 'x-onewindow-push-secret': PUSH_SECRET })

    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ return_code: '0000', return_msg: '成功' })
    expect(rows(w, parcel.id).map((e) => e.code)).toEqual(['50'])
    expect(shipment(w, parcel.id).status).toBe('in_transit')
    // A carrier that takes only a URL puts the secret in the path; the same event again is no second row.
    expect((await post(w, `/carrier/push/${PUSH_SECRET}`, body)).status).toBe(200)
    expect(rows(w, parcel.id)).toHaveLength(1)
  })

  it('refuses a push without its secret — the renderer’s token does not open it — and stores nothing', async () => {
    const w = (world = await openPushWorld())
    const parcel = await w.handedOver()
    const body = JSON.stringify({ Body: { WaybillRoute: [route(parcel.waybillNo)] } })

    for (const headers of [{}, { 'x-onewindow-push-secret': 'wrong-secret-0123456789abcdefghijkl' }, { authorization: `Bearer ${w.server.token}` }] as Array<Record<string, string>>) {
      const answer = await post(w, '/carrier/push', body, headers)
      expect(answer.status).toBe(401)
      expect(await answer.json()).toMatchObject({ return_code: '1000' })
    }
    expect((await post(w, `/carrier/push/${w.server.token}`, body)).status).toBe(401)
    expect(rows(w, parcel.id)).toEqual([])
    // Nor does the push secret open the commands.
    expect((await post(w, '/api/dispatch.desk', '{}', { 'x-onewindow-token': PUSH_SECRET })).status).toBe(401)
  })

  it('acknowledges events of waybills not ours, and refuses a body it cannot read so the carrier sends it again', async () => {
    const w = (world = await openPushWorld())
    const headers = { 'x-onewindow-push-secret': PUSH_SECRET }
    const notOurs = await post(w, '/carrier/push', JSON.stringify({ Body: { WaybillRoute: [route('SF1000000009999')] } }), headers)
    expect(await notOurs.json()).toEqual({ return_code: '0000', return_msg: '成功' })
    const garbled = await post(w, '/carrier/push', '<xml>not json</xml>', headers)
    expect(garbled.status).toBe(400)
    expect(await garbled.json()).toMatchObject({ return_code: '1000' })
  })
})
