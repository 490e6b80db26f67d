/**
 * 设立登记: an enterprise being set up has no 统一社会信用代码 yet. On an item
 * the catalog marks as establishment it is accepted by its proposed name and
 * the handler at the counter; the contract carries the mark to the screen and
 * the receipt names the enterprise.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { aPersonForm, caseCatalog, HANDLER_ID, ENTERPRISE_USCC, ITEMS, tableCounts, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { createTestApp, type TestApp } from '../fixtures/testApp'
import { anIdNumber } from '../fixtures/registrationNumbers'

const world = caseWorldsPerTest()

/** The test catalog with its 个体工商户设立登记 (ITEMS.quick) marked as establishment. */
function establishmentWorld(): CaseWorld {
  const catalog = caseCatalog()
  catalog.items = catalog.items.map((i) => (i.code === ITEMS.quick ? { ...i, establishment: true } : i))
  return world({ catalog })
}

const proposed = (over: Partial<NonNullable<IntakeForm['applicant']>> = {}): IntakeForm =>
  aPersonForm({ applicant: { kind: 'enterprise', name: '徐州云帆贸易有限公司', phone: '0516-83801234', handlerName: '李晓梅', handlerIdNumber: HANDLER_ID, source: 'card', ...over } })

function refusal(w: CaseWorld, form: IntakeForm): AppError {
  const before = tableCounts(w.store)
  try {
    w.services.intake.accept({ form })
  } catch (err) {
    expect(tableCounts(w.store)).toEqual(before)
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('accepted, expected a refusal')
}

describe('accepting an enterprise being set up', () => {
  it('takes the proposed name and the handler, with no credit code', () => {
    const w = establishmentWorld()
    const { caseNo } = w.services.intake.accept({ form: proposed() })
    const stored = w.services.cases.get(caseNo)
    expect(stored.applicant).toMatchObject({ kind: 'enterprise', name: '徐州云帆贸易有限公司', uscc: null, handlerName: '李晓梅', handlerIdNumber: HANDLER_ID })
  })

  it('refuses one without a handler, naming the field', () => {
    const w = establishmentWorld()
    const e = refusal(w, proposed({ handlerName: '', handlerIdNumber: '' }))
    expect(e.field).toBe('applicant.handlerName')
    expect(e.message).toContain('经办人')
  })

  it('refuses a credit code on it, saying why', () => {
    const w = establishmentWorld()
    const e = refusal(w, proposed({ uscc: ENTERPRISE_USCC }))
    expect(e.field).toBe('applicant.uscc')
    expect(e.message).toContain('设立登记')
  })

  it('still asks for the proposed name', () => {
    const w = establishmentWorld()
    expect(refusal(w, proposed({ name: ' ' })).message).toContain('拟设立名称')
  })

  it('still takes a person applying for it (a sole trader)', () => {
    const w = establishmentWorld()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm() })
    expect(w.services.cases.get(caseNo).applicant.kind).toBe('person')
  })

  it('still demands the credit code of an enterprise on an item that is not an establishment', () => {
    const w = world()
    expect(refusal(w, proposed()).field).toBe('applicant.uscc')
  })
})

describe('the establishment mark through the app', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
    t.app.services.session.actAs('A007')
  })
  afterEach(async () => {
    await t.dispose()
  })

  it('reaches the screen with the item, and the receipt names the enterprise, not the person', async () => {
    const item = await t.app.dispatcher.invoke('catalog.item', { code: 'XK00201001' }, { transport: 'test' })
    if (!item.ok) throw new Error(item.error.message)
    const found = item.value as { establishment: boolean; materials: Array<{ id: string; copies: number; required: boolean }> }
    expect(found.establishment).toBe(true)
    const change = await t.app.dispatcher.invoke('catalog.item', { code: 'XK00201002' }, { transport: 'test' })
    expect(change.ok && (change.value as { establishment: boolean }).establishment).toBe(false)

    const handlerId = anIdNumber({ birth: '1990-07-21', seq: '135' })
    const form = {
      applicant: { kind: 'enterprise' as const, name: '徐州青禾科技有限公司', phone: '13912345678', handlerName: '周立群', handlerIdNumber: handlerId, source: 'card' as const },
      itemCode: 'XK00201001',
      materials: found.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      delivery: { method: 'window' as const },
    }
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form }, { transport: 'test' })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const caseNo = (accepted.value as { caseNo: string }).caseNo
    const preview = await t.app.dispatcher.invoke('print.preview', { kind: 'acceptanceReceipt', caseNo }, { transport: 'test' })
    if (!preview.ok) throw new Error(preview.error.message)
    const text = JSON.stringify(preview.value)
    expect(text).toContain('徐州青禾科技有限公司')
    expect(text).toContain('设立中，尚未核发')
    expect(text).toContain('周立群')
    expect(text).not.toContain(handlerId)
  })
})
