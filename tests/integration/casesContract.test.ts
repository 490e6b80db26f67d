import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommandName, CommandOutput } from '../../main/contract'
import type { Result } from '../../main/contract/result'
import { aPersonForm, caseCatalog, ITEMS, PERSON_ID } from '../fixtures/caseWorld'
import { createTestApp, type TestApp } from '../fixtures/testApp'
import { signedInCaller } from '../fixtures/operators'
import type { Caller } from '../../main/api/dispatcher'
import type { Role } from '../../main/domain/access'

let t: TestApp
/** This test's tab: nobody signed in until `signIn`. */
let caller: Caller = { transport: 'station' }

async function call<N extends CommandName>(name: N, input: unknown): Promise<Result<CommandOutput<N>>> {
  return (await t.app.dispatcher.invoke(name, input, caller)) as Result<CommandOutput<N>>
}

async function signIn(role: Role): Promise<void> {
  caller = await signedInCaller(t.app, role)
}

async function ok<N extends CommandName>(name: N, input: unknown): Promise<CommandOutput<N>> {
  const result = await call(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value
}

beforeEach(async () => {
  caller = { transport: 'station' }
  t = await createTestApp()
  t.app.services.catalog.importCatalog(caseCatalog(), 'test', { operator: 'setup', stationId: '001' })
})

afterEach(async () => t.dispose())

describe('the cases contract', () => {
  it('answers nothing but station info until someone signs in: no writes, no count by ID number (no oracle), no case', async () => {
    const refused = { ok: false, error: { code: 'UNAUTHORIZED', message: '请先登录：输入工号或刷本人身份证，再输入密码' } }
    expect(await call('cases.accept', { form: aPersonForm() })).toEqual(refused)
    await signIn('window')
    const { caseNo } = await ok('cases.accept', { form: aPersonForm() })
    expect((await ok('cases.count', { filters: { text: PERSON_ID } })).count).toBe(1)
    await ok('session.signOut', {})
    // The same token after its sign-out is nobody's: "does this person have a case here" gets no answer.
    expect(await call('cases.count', { filters: { text: PERSON_ID } })).toEqual(refused)
    expect(await call('cases.list', {})).toEqual(refused)
    expect(await call('cases.get', { caseNo })).toEqual(refused)
    expect(await call('cases.findByIdNumber', { idNumber: PERSON_ID })).toEqual(refused)
    expect(await call('system.info', {})).toMatchObject({ ok: true })
    expect(await call('session.get', {})).toMatchObject({ ok: true, value: { operator: null } })
  })

  it.each([
    ['an oversized name', { form: aPersonForm({ applicant: { kind: 'person', name: '张'.repeat(101) } }) }, 'form.applicant.name', /最长 100/],
    ['an oversized note', { form: aPersonForm({ note: 'x'.repeat(501) }) }, 'form.note', /最长 500/],
    ['too many materials', { form: aPersonForm({ materials: Array.from({ length: 101 }, (_, i) => ({ materialId: `m${i}`, receivedCopies: 1 })) }) }, 'form.materials', /最多 100/],
    ['a negative copy count on a checklist line', { form: aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: -1 }] }) }, 'form.materials[1].receivedCopies', /不能为负/],
    ['a field the form does not have', { form: { ...aPersonForm(), operator: 'someone-else' } }, 'form', /operator/],
    ['a draft id that is not a UUID', { draftId: '1; DROP TABLE cases' }, 'draftId', /UUID/],
  ])('rejects %s at the contract, naming the field, writing nothing', async (_what, input, field, message) => {
    await signIn('window')
    const result = await call('cases.accept', input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_INPUT')
      expect(result.error.field).toBe(field)
      expect(result.error.message).toMatch(message)
    }
    expect((await ok('cases.count', {})).count).toBe(0)
  })

  it('takes a case from draft to the case page, and pushes case.changed', async () => {
    const pushed: string[] = []
    t.app.services.events.on('case.changed', (p) => pushed.push(`${p.action}:${p.state}`))
    await signIn('window')

    const check = await ok('applicant.check', { idNumber: PERSON_ID.toLowerCase(), phone: '139 5123 4567', uscc: 'abc' })
    expect(check.idNumber).toMatchObject({ valid: true, normalized: PERSON_ID, masked: `3203**********${PERSON_ID.slice(-4)}` })
    expect(check.phone).toMatchObject({ valid: true, normalized: '13951234567', kind: 'mobile' })
    expect(check.uscc).toMatchObject({ valid: false })

    const found = await ok('catalog.search', { query: 'gtgs' })
    expect(found[0]).toMatchObject({ code: ITEMS.quick, departmentName: '市场监督管理局' })

    const draft = await ok('drafts.save', { form: aPersonForm() })
    expect((await ok('drafts.current', {}))?.draftId).toBe(draft.draftId)
    const accepted = await ok('cases.accept', { draftId: draft.draftId })
    expect(await ok('drafts.current', {})).toBeNull()

    const page = await ok('cases.list', { filters: { text: '张建国' } })
    expect(page.rows.map((r) => r.caseNo)).toEqual([accepted.caseNo])
    expect(JSON.stringify(page)).not.toContain(PERSON_ID)

    // Review is the back office's: a window clerk may not start it (and the refusal is on the trail).
    expect(await call('cases.transition', { caseNo: accepted.caseNo, action: 'startReview' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await signIn('reviewer')
    const moved = await ok('cases.transition', { caseNo: accepted.caseNo, action: 'startReview' })
    expect(moved.allowedActions.map((a) => a.action)).toEqual(['approve', 'reject', 'requestSupplement', 'withdraw'])
    expect((await ok('cases.get', { caseNo: accepted.caseNo })).applicant.idNumber).toBe(PERSON_ID)
    expect((await ok('cases.findByIdNumber', { idNumber: PERSON_ID })).rows).toHaveLength(1)
    expect(await ok('scan.classify', { text: accepted.caseNo })).toEqual({ kind: 'case', caseNo: accepted.caseNo, exists: true, state: 'in_review' })
    expect(await ok('calendar.deadline', { date: '2026-09-30', days: 1 })).toEqual({ deadline: '2026-10-08', provisional: null })
    // A year with no calendar: a provisional answer naming it, never a refusal and never a bare weekend count.
    expect(await ok('calendar.deadline', { date: '2026-12-31', days: 1 })).toEqual({ deadline: '2027-01-01', provisional: { missingYears: [2027], reason: '2027 年节假日安排未导入' } })
    expect(pushed).toEqual(['accept:accepted', 'startReview:in_review'])
  })

  it('answers an illegal transition with a typed error naming both states', async () => {
    await signIn('supervisor')
    const { caseNo } = await ok('cases.accept', { form: aPersonForm() })
    const result = await call('cases.transition', { caseNo, action: 'deliver' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('ILLEGAL_TRANSITION')
      expect(result.error.message).toMatch(new RegExp(`${caseNo}.*accepted.*delivered`))
    }
  })
})
