import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseFile, openDatabaseReadOnly } from '../../main/store/database'
import { aPersonForm, caseCatalog, PERSON_ID } from '../fixtures/caseWorld'
import { signInStation, tab, TEST_PIN, type SignInStation } from '../fixtures/operators'
import type { TestApp } from '../fixtures/testApp'

const START = new Date('2026-03-02T09:00:00+08:00')

function auditActions(t: TestApp, action: string): Array<{ operator: string; details: Record<string, unknown> }> {
  const db = openDatabaseReadOnly(databaseFile(t.dataDir))
  try {
    return (db.prepare('SELECT operator, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{ operator: string; details: string }>).map((row) => ({
      operator: row.operator,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }))
  } finally {
    db.close()
  }
}

describe('operators, sign-in and sessions through the dispatcher', () => {
  let t: SignInStation

  beforeEach(async () => {
    t = await signInStation([{ id: 'A0123', name: '王晓明', role: 'window' }, { id: 'R0003', name: '刘芳', role: 'reviewer' }], START)
    t.app.services.catalog.importCatalog(caseCatalog(), 'test', { operator: 'setup', stationId: '001' })
  })
  afterEach(async () => t.dispose())

  it('keeps one session per tab: each tab’s writes record its own operator, and one sign-out leaves the other', async () => {
    const clerk = await t.signIn('A0123')
    const reviewer = await t.signIn('r0003')
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form: aPersonForm() }, tab(clerk))
    expect(accepted.ok).toBe(true)
    expect(auditActions(t, 'case.accept').map((r) => r.operator)).toEqual(['王晓明 A0123'])
    expect(await t.app.dispatcher.invoke('session.get', {}, tab(reviewer))).toMatchObject({ ok: true, value: { operator: '刘芳 R0003', role: 'reviewer' } })
    await t.app.dispatcher.invoke('session.signOut', {}, tab(clerk))
    expect(await t.app.dispatcher.invoke('session.get', {}, tab(clerk))).toMatchObject({ ok: true, value: { operator: null } })
    expect(await t.app.dispatcher.invoke('cases.count', {}, tab(reviewer))).toMatchObject({ ok: true, value: { count: 1 } })
    expect(auditActions(t, 'session.signIn').map((r) => r.operator)).toEqual(['王晓明 A0123', '刘芳 R0003'])
    expect(auditActions(t, 'session.signOut')).toEqual([{ operator: '王晓明 A0123', details: { id: 'A0123', why: 'signOut' } }])
  })

  it('refuses a window clerk’s approval with FORBIDDEN and an audit row naming who tried what', async () => {
    const clerk = await t.signIn('A0123')
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form: aPersonForm() }, tab(clerk))
    const caseNo = (accepted as { value: { caseNo: string } }).value.caseNo
    const refused = await t.app.dispatcher.invoke('cases.transition', { caseNo, action: 'approve' }, tab(clerk))
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '受理岗无权对办件执行“准予”（限审核、值班长岗）' } })
    expect(auditActions(t, 'access.refused')).toEqual([{ operator: '王晓明 A0123', details: { command: 'cases.transition', reason: '受理岗无权对办件执行“准予”（限审核、值班长岗）' } }])
    const state = await t.app.dispatcher.invoke('cases.get', { caseNo }, tab(clerk))
    expect(state).toMatchObject({ ok: true, value: { state: 'accepted' } })
  })

  it('locks an account for five minutes after five wrong PINs, even for the right PIN, and audits each try', async () => {
    for (let i = 1; i <= 4; i++) {
      const wrong = await t.app.dispatcher.invoke('session.signIn', { operator: 'A0123', pin: '000111' }, tab())
      expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', field: 'pin', message: `密码错误，还可再试 ${5 - i} 次（连续 5 次错误将锁定 5 分钟）` } })
    }
    const fifth = await t.app.dispatcher.invoke('session.signIn', { operator: 'A0123', pin: '000111' }, tab())
    expect(fifth).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('锁定 5 分钟') } })
    const locked = await t.app.dispatcher.invoke('session.signIn', { operator: 'A0123', pin: TEST_PIN }, tab())
    expect(locked).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('已锁定至') } })
    expect(t.app.services.operators.get('A0123').lockedUntil).not.toBeNull()
    t.clock.set(new Date(START.getTime() + 5 * 60_000 + 1000))
    expect(await t.signIn('A0123')).toMatch(/^[\w-]{32}$/)
    expect(auditActions(t, 'session.signInFailed').map((r) => r.details.reason)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'locked'])
    expect(auditActions(t, 'operator.locked')).toHaveLength(1)
  })

  it('signs an idle tab out after the station’s idle time: the next command says so, and the sign-in is audited as ended', async () => {
    const clerk = await t.signIn('A0123')
    const draft = await t.app.dispatcher.invoke('drafts.save', { form: aPersonForm() }, tab(clerk))
    expect(draft.ok).toBe(true)
    t.clock.set(new Date(START.getTime() + 14 * 60_000))
    expect((await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))).ok).toBe(true)
    // 14 minutes later again: the command above started the idle time afresh.
    t.clock.set(new Date(START.getTime() + 28 * 60_000))
    expect((await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))).ok).toBe(true)
    t.clock.set(new Date(START.getTime() + 44 * 60_000))
    const expired = await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))
    expect(expired).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED', message: expect.stringContaining('王晓明 A0123 长时间未操作') } })
    expect(await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(auditActions(t, 'session.expired')).toEqual([{ operator: '王晓明 A0123', details: { id: 'A0123', idleMinutes: 15 } }])
    // The draft waits for the clerk's PIN.
    const back = await t.signIn('A0123')
    expect(await t.app.dispatcher.invoke('drafts.current', {}, tab(back))).toMatchObject({ ok: true, value: { draftId: (draft as { value: { draftId: string } }).value.draftId } })
  })

  it('ends the sessions of an account the supervisor disables, and refuses its next sign-in', async () => {
    await t.app.services.operators.add({ id: 'B0042', name: '陈静', role: 'supervisor', pin: TEST_PIN }, 'setup')
    const clerk = await t.signIn('A0123')
    const chief = await t.signIn('B0042')
    expect(await t.app.dispatcher.invoke('operators.disable', { id: 'A0123' }, tab(clerk))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.app.dispatcher.invoke('operators.disable', { id: 'A0123' }, tab(chief))).toMatchObject({ ok: true, value: { id: 'A0123', disabled: true } })
    expect(await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(await t.app.dispatcher.invoke('session.signIn', { operator: 'A0123', pin: TEST_PIN }, tab())).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '工号 A0123 已停用，请联系值班长' } })
    // The last supervisor cannot lock everybody out of account management.
    expect(await t.app.dispatcher.invoke('operators.disable', { id: 'B0042' }, tab(chief))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('stores a PIN only as a scrypt hash, and signs in by a tap of the operator’s own card', async () => {
    const idNumber = PERSON_ID
    await t.app.services.operators.add({ id: 'C0310', name: '周敏', role: 'output', pin: TEST_PIN, idNumber }, 'setup')
    const db = openDatabaseReadOnly(databaseFile(t.dataDir))
    const row = db.prepare("SELECT pin_hash, id_lookup FROM operators WHERE id = 'C0310'").get() as { pin_hash: string; id_lookup: Buffer }
    db.close()
    expect(row.pin_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(row.pin_hash).not.toContain(TEST_PIN)
    expect(row.id_lookup.toString('latin1')).not.toContain(idNumber)
    const result = await t.app.dispatcher.invoke('session.signIn', { operator: idNumber, pin: TEST_PIN }, tab())
    expect(result).toMatchObject({ ok: true, value: { session: { operator: '周敏 C0310', role: 'output' } } })
  })

  it('never shows the courier desk a full ID number: the case page comes masked, and is no view of one', async () => {
    await t.app.services.operators.add({ id: 'K0007', name: '赵强', role: 'courier', pin: TEST_PIN }, 'setup')
    const clerk = await t.signIn('A0123')
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form: aPersonForm() }, tab(clerk))
    const caseNo = (accepted as { value: { caseNo: string } }).value.caseNo
    const courier = await t.signIn('K0007')
    const seen = await t.app.dispatcher.invoke('cases.get', { caseNo }, tab(courier))
    expect(seen).toMatchObject({ ok: true, value: { applicant: { idNumber: `${PERSON_ID.slice(0, 4)}**********${PERSON_ID.slice(-4)}` } } })
    expect(JSON.stringify(seen)).not.toContain(PERSON_ID)
    expect(await t.app.dispatcher.invoke('cases.findByIdNumber', { idNumber: PERSON_ID }, tab(courier))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const byClerk = await t.app.dispatcher.invoke('cases.get', { caseNo }, tab(clerk))
    expect(byClerk).toMatchObject({ ok: true, value: { applicant: { idNumber: PERSON_ID } } })
  })
})
