/**
 * Hall mode between two whole stations and one real PostgreSQL: a case
 * accepted at one shows at the other (queue, card tap), is collected there
 * and the first sees it collected; the same step at both at once succeeds
 * once; the hall away during intakes at both, then back: every case once
 * in the hall and at both stations, numbers unique.
 */
import { describe, expect, it } from 'vitest'
import { APPLICANT, aPersonForm, LICENCE_ITEM, SIGNATURE } from '../fixtures/outputWorld'
import { hallPerFile } from '../fixtures/hallHooks'
import type { HallStation } from '../fixtures/hallStations'
import { waitFor } from '../fixtures/waitFor'

// A LAN hall applies a change in milliseconds; the bound only stops a broken run.
const BOUND = 20_000

const hall = hallPerFile()

async function accept(at: HallStation): Promise<string> {
  const item = at.app.services.catalog.item(LICENCE_ITEM)
  const form = { ...aPersonForm(), materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })) }
  return (await at.invoke('cases.accept', { form })).caseNo
}

/** Both stations have the case at this step, and each knows the hall has it (a shared case, not a pending push). */
async function shared(caseNo: string, steps: number): Promise<void> {
  for (const s of [hall.a, hall.b]) {
    await waitFor(`${caseNo} step ${steps} known to the hall at ${s.code}`, () => {
      const c = s.local(caseNo)
      return c !== undefined && c.steps === steps && c.hallVersion === steps
    }, BOUND)
  }
}

describe('hall mode between two stations', () => {
  it('shows a case accepted at A at B: in the queue and by the applicant ID number', async () => {
    const caseNo = await accept(hall.a)
    await waitFor(`${caseNo} at B`, () => hall.b.local(caseNo) !== undefined, BOUND)
    expect(hall.b.local(caseNo)).toMatchObject({ state: 'accepted', station: '001', hallVersion: 1 })
    const queue = await hall.b.invoke('cases.list', { limit: 50 })
    expect(queue.rows.map((r) => r.caseNo)).toContain(caseNo)
    const found = await hall.b.invoke('cases.findByIdNumber', { idNumber: APPLICANT.idNumber })
    expect(found.rows.map((r) => r.caseNo)).toContain(caseNo)
  })

  it('lets B collect a case A produced, and A sees it collected', async () => {
    const caseNo = await accept(hall.a)
    const certificate = { type: '营业执照', number: `91320300MA${caseNo.slice(-8)}` }
    await hall.a.invoke('cases.transition', { caseNo, action: 'startReview' })
    await hall.a.invoke('cases.transition', { caseNo, action: 'approve', certificate })
    await hall.a.invoke('cases.transition', { caseNo, action: 'produce' })
    await shared(caseNo, 4)
    const card = await hall.b.invoke('output.findByCard', { idNumber: APPLICANT.idNumber })
    expect(card.rows.map((r) => r.caseNo)).toContain(caseNo)
    await hall.b.invoke('output.collect', { caseNo, idNumber: APPLICANT.idNumber, name: APPLICANT.name, certificateNo: certificate.number, signature: SIGNATURE })
    await waitFor(`${caseNo} collected at A`, () => hall.a.local(caseNo)?.state === 'collected', BOUND)
    const atA = await hall.a.invoke('cases.get', { caseNo })
    expect(atA.timeline.at(-1)).toMatchObject({ action: 'collect', stationId: '002' })
    const inHall = await hall.pool.query<{ state: string; version: number }>('SELECT state, version FROM cases WHERE case_no = $1', [caseNo])
    expect(inHall.rows).toEqual([{ state: 'collected', version: 5 }])
  })

  it('lets exactly one of two stations take the same step at once; the other gets a conflict naming the state', async () => {
    const caseNo = await accept(hall.b)
    await shared(caseNo, 1)
    const outcomes = await Promise.allSettled([
      hall.a.invoke('cases.transition', { caseNo, action: 'startReview' }),
      hall.b.invoke('cases.transition', { caseNo, action: 'startReview' }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    const apiError = (refused.reason as { apiError: { code: string; message: string } }).apiError
    expect(apiError.code).toBe('CONFLICT')
    expect(apiError.message).toContain('另一工作站已将该办件')
    expect(apiError.message).toContain('审查中')
    await shared(caseNo, 2)
    const events = await hall.pool.query('SELECT version FROM case_events WHERE case_no = $1 ORDER BY version', [caseNo])
    expect(events.rows).toEqual([{ version: 1 }, { version: 2 }])
  })

  it('keeps taking cases at both stations with the hall away; once back, every case is once in the hall and at both', async () => {
    const shared1 = await accept(hall.a)
    await shared(shared1, 1)
    hall.pg.stop()
    const accepted: string[] = []
    for (let i = 0; i < 4; i++) {
      accepted.push(await accept(hall.a))
      accepted.push(await accept(hall.b))
    }
    // A case the hall knows waits for it, and says so; one only this station has goes on.
    const offline = await hall.b.failure('cases.transition', { caseNo: shared1, action: 'startReview' })
    expect(offline.code).toBe('HALL_OFFLINE')
    expect(offline.message).toContain('其他工作站的办件要等大厅连接恢复后才能办理')
    await hall.a.invoke('cases.transition', { caseNo: accepted[0]!, action: 'startReview' })

    hall.pg.start()
    await hall.a.retryNow()
    await hall.b.retryNow()
    const all = [shared1, ...accepted]
    for (const s of [hall.a, hall.b]) {
      await waitFor(`every case at ${s.code}`, () => all.every((no) => s.local(no) !== undefined), BOUND)
    }
    await waitFor(`${accepted[0]} in review at B`, () => hall.b.local(accepted[0]!)?.state === 'in_review', BOUND)
    expect(new Set(accepted).size).toBe(accepted.length)
    const inHall = await hall.pool.query<{ case_no: string; n: string }>(
      "SELECT case_no, COUNT(*) AS n FROM case_events WHERE kind = 'accept' AND case_no = ANY($1) GROUP BY case_no",
      [all],
    )
    expect(inHall.rows.map((r) => [r.case_no, Number(r.n)]).sort()).toEqual(all.map((no) => [no, 1]).sort())
    expect(hall.a.caseNos()).toEqual(hall.b.caseNos())
  })
})
