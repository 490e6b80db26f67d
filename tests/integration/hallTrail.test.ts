/**
 * Hall mode, "Operators and the trail", between two whole stations and one
 * real PostgreSQL: an account added at one station signs in at the other
 * (by id and by card), and still does with the hall away, from the cache;
 * a disable reaches the other station; each station's audit head is
 * anchored in the hall, and `audit verify` catches a chain cut back below
 * it even when the local anchor file was put back to an older copy; the
 * courier desk's ship on a case another station accepted claims the hall's
 * version, and the accepting station sees it shipping.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { auditAnchorFile } from '../../main/store/auditAnchor'
import { databaseFile } from '../../main/store/database'
import { AGENT, aPersonForm, LICENCE_ITEM } from '../fixtures/outputWorld'
import { EXPRESS } from '../fixtures/dispatchWorld'
import { hallPerFile } from '../fixtures/hallHooks'
import type { HallStation } from '../fixtures/hallStations'
import { waitFor } from '../fixtures/waitFor'

// A LAN hall applies a change in milliseconds; the bound only stops a broken run.
const BOUND = 20_000
const PIN = '739146'

const hall = hallPerFile()

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  try {
    return { code: await runCli(args), out: out.join('\n'), err: err.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

const hallHead = async (code: string): Promise<number | null> => {
  const r = await hall.pool.query<{ seq: string | null }>('SELECT audit_head_seq AS seq FROM stations WHERE code = $1', [code])
  return r.rows[0]?.seq == null ? null : Number(r.rows[0].seq)
}

function localHead(s: HallStation): number {
  const db = new Database(databaseFile(s.dataDir), { readonly: true })
  try {
    return db.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get() as number
  } finally {
    db.close()
  }
}

describe('hall mode: operators and the trail', () => {
  it('keeps accounts in the hall: added at A, they sign in at B, by id and by card; a disable at B reaches A', async () => {
    await hall.a.app.services.operators.add({ id: 'W201', name: '赵文静', role: 'window', pin: PIN, idNumber: AGENT.idNumber }, '测试')
    const inHall = await hall.pool.query('SELECT id, role, disabled, updated_by, id_lookup IS NOT NULL AS card FROM operators WHERE id = $1', ['W201'])
    expect(inHall.rows).toEqual([{ id: 'W201', role: 'window', disabled: false, updated_by: '001', card: true }])
    // The hall never holds the ID number, only its keyed lookup.
    expect(JSON.stringify((await hall.pool.query('SELECT * FROM operators')).rows)).not.toContain(AGENT.idNumber)

    await waitFor('W201 cached at B', () => hall.b.app.services.operators.list().some((o) => o.id === 'W201'), BOUND)
    expect((await hall.b.invoke('session.signIn', { operator: 'W201', pin: PIN })).session).toMatchObject({ operatorId: 'W201', role: 'window' })
    expect((await hall.b.invoke('session.signIn', { operator: AGENT.idNumber, pin: PIN })).session).toMatchObject({ operatorId: 'W201' })

    await hall.b.app.services.operators.setDisabled('W201', true, '测试')
    await waitFor('W201 disabled at A', () => hall.a.app.services.operators.get('W201').disabled, BOUND)
    const refused = await hall.a.failure('session.signIn', { operator: 'W201', pin: PIN })
    expect(refused.message).toContain('已停用')
    await hall.a.app.services.operators.setDisabled('W201', false, '测试')
    await waitFor('W201 enabled again at B', () => !hall.b.app.services.operators.get('W201').disabled, BOUND)
  })

  it('signs a cached account in with the hall away, and refuses to change accounts until it is back', async () => {
    await hall.a.app.services.operators.add({ id: 'W202', name: '李晓梅', role: 'output', pin: PIN }, '测试')
    await waitFor('W202 cached at B', () => hall.b.app.services.operators.list().some((o) => o.id === 'W202'), BOUND)
    hall.pg.stop()
    try {
      expect((await hall.b.invoke('session.signIn', { operator: 'W202', pin: PIN })).session).toMatchObject({ operatorId: 'W202', role: 'output' })
      const offline = await hall.a.app.services.operators.add({ id: 'W203', name: '王秀兰', role: 'window', pin: PIN }, '测试').then(
        () => null,
        (err: unknown) => err as { code: string; message: string },
      )
      expect(offline?.code).toBe('HALL_OFFLINE')
      expect(offline?.message).toContain('连接恢复后才能新增、停用或重置密码')
      expect(hall.a.app.services.operators.list().some((o) => o.id === 'W203')).toBe(false)
    } finally {
      hall.pg.start()
    }
  })

  it('anchors the audit head in the hall; verify fails on a chain cut below it even with an older anchor file put back', async () => {
    const a = hall.a
    const file = auditAnchorFile(databaseFile(a.dataDir))
    a.app.services.auditAnchor.anchorNow()
    const older = `${file}.older`
    copyFileSync(file, older)
    const olderSeq = (JSON.parse(readFileSync(older, 'utf8')) as { seq: number }).seq
    // Rows no case names: only an anchor can tell they were there.
    for (let i = 0; i < 3; i++) await a.failure('session.signIn', { operator: 'X999', pin: '000000' })
    const head = localHead(a)
    expect(head).toBeGreaterThan(olderSeq)
    a.app.services.auditAnchor.anchorNow()
    await a.retryNow()
    let inHall: number | null = null
    await waitFor(`hall anchor of 001 at ${head}`, () => {
      void hallHead('001').then((seq) => (inHall = seq))
      return inHall === head
    }, BOUND)

    const good = await cli('audit', 'verify', '--data', a.dataDir, '--hall')
    expect(good.code, good.err).toBe(0)
    expect(good.out).toContain(`大厅锚点：第 ${head} 条`)

    copyFileSync(older, file)
    const db = new Database(databaseFile(a.dataDir))
    try {
      db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;')
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(olderSeq)
    } finally {
      db.close()
    }
    const cut = await cli('audit', 'verify', '--data', a.dataDir)
    expect(cut.code).toBe(1)
    expect(cut.err).toContain(`审计链与大厅锚点不符（大厅记为工作站 001 第 ${head} 条）`)
    expect(cut.err).toContain(`短于锚点第 ${head} 条`)
  })

  it('ships at the courier desk of B a case A accepted, through the hall gate; A sees it shipping', async () => {
    const item = hall.a.app.services.catalog.item(LICENCE_ITEM)
    const form = { ...aPersonForm(), delivery: EXPRESS, materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })) }
    const caseNo = (await hall.a.invoke('cases.accept', { form })).caseNo
    await hall.a.invoke('cases.transition', { caseNo, action: 'startReview' })
    await hall.a.invoke('cases.transition', { caseNo, action: 'approve', certificate: { type: '营业执照', number: `91320300MA${caseNo.slice(-8)}` } })
    await hall.a.invoke('cases.transition', { caseNo, action: 'produce' })
    await waitFor(`${caseNo} ready and known to the hall at B`, () => {
      const c = hall.b.local(caseNo)
      return c?.state === 'ready' && c.hallVersion === 4
    }, BOUND)

    const shipment = await hall.b.invoke('dispatch.ship', { caseNo, waybillNo: 'SF1000000000011' })
    expect(shipment).toMatchObject({ caseNo })
    // The gate wrote the hall's event itself: B's case is known to the hall at the new version at once.
    expect(hall.b.local(caseNo)).toMatchObject({ state: 'shipping', hallVersion: 5 })
    const events = await hall.pool.query('SELECT version, station, action FROM case_events WHERE case_no = $1 AND version = 5', [caseNo])
    expect(events.rows).toEqual([{ version: 5, station: '002', action: 'ship' }])
    await waitFor(`${caseNo} shipping at A`, () => hall.a.local(caseNo)?.state === 'shipping', BOUND)
  })
})
