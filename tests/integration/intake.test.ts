import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { caseNumberPattern, DEFAULT_CASE_NUMBER_FORMAT } from '../../main/domain/caseNumber'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { verifyAuditChain } from '../../main/store/auditChain'
import { databaseFile } from '../../main/store/database'
import { aPersonForm, anEnterpriseForm, ENTERPRISE_USCC, HANDLER_ID, ITEMS, PERSON_ID, tableCounts, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'

const world = caseWorldsPerTest()

function expectRefused(w: CaseWorld, form: IntakeForm, code: string, field: string | undefined, message?: RegExp): void {
  const before = tableCounts(w.store)
  let error: unknown
  try {
    w.services.intake.accept({ form })
  } catch (err) {
    error = err
  }
  expect(error).toBeInstanceOf(AppError)
  const e = error as AppError
  expect(e.code).toBe(code)
  expect(e.field).toBe(field)
  if (message) expect(e.message).toMatch(message)
  expect(tableCounts(w.store)).toEqual(before)
}

describe('accepting an intake', () => {
  it('numbers the case, stores it with its deadline, and shows the ID number masked in the queue but full on the case page', () => {
    const w = world()
    const result = w.services.intake.accept({ form: aPersonForm() })
    expect(result.caseNo).toBe('320300202603020010001')
    expect(caseNumberPattern(DEFAULT_CASE_NUMBER_FORMAT).test(result.caseNo)).toBe(true)
    // Accepted Monday 2026-03-02, one working day promised: due Tuesday.
    expect(result.deadline).toBe('2026-03-03')
    expect(result.alreadyAccepted).toBe(false)

    const page = w.services.cases.list({})
    expect(page.rows).toHaveLength(1)
    expect(page.rows[0]).toMatchObject({ caseNo: result.caseNo, state: 'accepted', applicantName: '张建国', applicantId: '3203**********' + PERSON_ID.slice(-4), phoneMasked: '139****4567', light: 'yellow' })

    const detail = w.services.cases.get(result.caseNo)
    expect(detail.applicant.idNumber).toBe(PERSON_ID)
    expect(detail.materials.map((m) => [m.materialId, m.status])).toEqual([
      ['application', 'received'],
      ['premises', 'received'],
      ['power-of-attorney', 'absent'],
    ])
    expect(detail.timeline).toMatchObject([{ action: 'accept', toState: 'accepted', operator: 'A001', stationId: '001' }])
    expect(verifyAuditChain(w.store.db)).toMatchObject({ ok: true, rows: 1 })
  })

  it('never writes the ID number in clear to the database file, not even in a draft', () => {
    const w = world()
    w.services.intake.saveDraft({ form: anEnterpriseForm() })
    w.services.intake.accept({ form: aPersonForm() })
    w.store.db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = readFileSync(databaseFile(w.dataDir))
    expect(bytes.includes(Buffer.from(PERSON_ID))).toBe(false)
    expect(bytes.includes(Buffer.from(HANDLER_ID))).toBe(false)
  })

  it('records an enterprise with its credit code and the handler found by ID number', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: anEnterpriseForm() })
    expect(w.services.cases.get(caseNo).applicant).toMatchObject({ kind: 'enterprise', uscc: ENTERPRISE_USCC, handlerName: '李晓梅', handlerIdNumber: HANDLER_ID, phone: '0516-83801234' })
    expect(w.services.cases.findByIdNumber(HANDLER_ID).map((r) => r.caseNo)).toEqual([caseNo])
  })

  it('records the fee receipt with a payment audit row in the same transaction', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm({ itemCode: ITEMS.withFee, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }], fee: { receiptNo: 'FS2026-000123' } }) })
    expect(w.services.cases.get(caseNo).fee).toEqual({ cents: 2000, name: '居民身份证工本费', receiptNo: 'FS2026-000123' })
    const actions = w.store.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all()
    expect(actions).toEqual(['case.accept', 'payment.record'])
  })

  it('accepts with a missing required material when 容缺 is ticked with a working-day promise date', () => {
    const w = world()
    const form = aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 1, deferred: true, promiseDate: '2026-03-06' }] })
    const result = w.services.intake.accept({ form })
    expect(result.deferred).toEqual([{ materialId: 'premises', name: '经营场所使用证明', promiseDate: '2026-03-06' }])
    const detail = w.services.cases.get(result.caseNo)
    expect(detail.materials.find((m) => m.materialId === 'premises')).toMatchObject({ status: 'deferred', receivedCopies: 1, promiseDate: '2026-03-06' })

    const after = w.services.cases.receiveMaterials({ caseNo: result.caseNo, materialIds: ['premises'] })
    expect(after.materials.find((m) => m.materialId === 'premises')).toMatchObject({ status: 'received', receivedCopies: 2 })
    expect(after.timeline.map((t) => t.action)).toEqual(['accept', 'supplyMaterials'])
  })

  it('ships by express with a full address when the item allows it', () => {
    const w = world()
    const delivery = { method: 'express' as const, recipient: '张建国', phone: '13951234567', province: '江苏省', city: '徐州市', district: '鼓楼区', address: '中山北路 12 号' }
    const { caseNo } = w.services.intake.accept({ form: aPersonForm({ delivery }) })
    expect(w.services.cases.get(caseNo)).toMatchObject({ delivery: 'express', express: { recipient: '张建国', district: '鼓楼区' } })
  })
})

describe('refusing an intake writes nothing', () => {
  it.each<[string, IntakeForm, string, string, RegExp]>([
    ['an invalid ID number', aPersonForm({ applicant: { kind: 'person', name: '张建国', idNumber: PERSON_ID.slice(0, 17) + (PERSON_ID.endsWith('1') ? '2' : '1'), phone: '13951234567' } }), 'INVALID_ID_NUMBER', 'applicant.idNumber', /校验位/],
    ['an invalid credit code', anEnterpriseForm({ applicant: { kind: 'enterprise', name: '某公司', uscc: ENTERPRISE_USCC.slice(0, 17) + (ENTERPRISE_USCC.endsWith('1') ? '2' : '1'), phone: '13951234567' } }), 'INVALID_USCC', 'applicant.uscc', /校验位/],
    ['an invalid phone', aPersonForm({ applicant: { kind: 'person', name: '张建国', idNumber: PERSON_ID, phone: '1395123' } }), 'INVALID_PHONE', 'applicant.phone', /11 位/],
    ['no item', aPersonForm({ itemCode: undefined }), 'BAD_INPUT', 'itemCode', /请选择办理事项/],
    ['an unknown item', aPersonForm({ itemCode: 'XK99999999' }), 'NOT_FOUND', 'itemCode', /XK99999999/],
    ['a missing required material', aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 1 }] }), 'BAD_INPUT', 'materials.premises', /需 2 份，只收到 1 份.*容缺受理/],
    ['容缺 promised on a weekend', aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-03-07' }] }), 'BAD_INPUT', 'materials.premises.promiseDate', /不是工作日/],
    ['容缺 promised for today', aPersonForm({ materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-03-02' }] }), 'BAD_INPUT', 'materials.premises.promiseDate', /晚于今天/],
    ['a material the item does not have', aPersonForm({ materials: [{ materialId: 'passport', receivedCopies: 1 }] }), 'BAD_INPUT', 'materials[0].materialId', /passport/],
    ['a fee without its receipt', aPersonForm({ itemCode: ITEMS.withFee, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }] }), 'BAD_INPUT', 'fee.receiptNo', /¥20\.00/],
    ['express for a window-only item', aPersonForm({ itemCode: ITEMS.windowOnly, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }], delivery: { method: 'express' } }), 'BAD_INPUT', 'delivery.method', /不支持快递送达/],
    ['express without an address', aPersonForm({ delivery: { method: 'express', recipient: '张建国', phone: '13951234567' } }), 'BAD_INPUT', 'delivery.province', /省份/],
  ])('%s', (_what, form, code, field, message) => {
    const w = world()
    expectRefused(w, form, code, field, message)
  })

  it('asks for a sign-in before any write', () => {
    const w = world({ operator: null })
    expect(() => w.services.intake.accept({ form: aPersonForm() })).toThrow(/请先登录（输入工号）/)
    expect(() => w.services.intake.saveDraft({ form: aPersonForm() })).toThrow(/请先登录/)
    expect(tableCounts(w.store).cases).toBe(0)
  })

  it('rolls the whole acceptance back, number included, when its receipt job fails to be written', () => {
    let fail = false
    const w = world({
      acceptPorts: () => ({
        receipts: {
          queueFor: () => {
            if (fail) throw new AppError('PRINTER_UNAVAILABLE', '回执打印任务写入失败')
          },
        },
      }),
    })
    w.services.intake.accept({ form: aPersonForm() })
    fail = true
    expectRefused(w, aPersonForm(), 'PRINTER_UNAVAILABLE', undefined, /回执/)
  })

  it('refuses a catalog file that fails validation, leaving the catalog in use unchanged', () => {
    const w = world()
    const before = tableCounts(w.store)
    const bad = { catalogVersion: 'x', hallName: 'h', regionCode: '320300', departments: [{ code: 'SCJG', name: '市场' }], items: [{ code: 'XK00000001', name: '' }] }
    expect(() => w.services.catalog.importCatalog(bad, 'bad.json', { operator: 'A001', stationId: '001' })).toThrow(/事项目录有误/)
    expect(tableCounts(w.store)).toEqual(before)
    expect(w.services.catalog.info().version).toBe('test-cases-1')
  })
})

describe('case numbers', () => {
  it('counts per day, and never hands a number out twice across restarts', () => {
    const w = world()
    const first = w.services.intake.accept({ form: aPersonForm() }).caseNo
    const second = w.services.intake.accept({ form: aPersonForm() }).caseNo
    expect([first.slice(-4), second.slice(-4)]).toEqual(['0001', '0002'])
    w.close()

    const again = world({ dataDir: w.dataDir })
    expect(again.services.intake.accept({ form: aPersonForm() }).caseNo.slice(-4)).toBe('0003')
    again.clock.set(new Date(2026, 2, 3, 9, 0))
    expect(again.services.intake.accept({ form: aPersonForm() }).caseNo).toBe('320300202603030010001')
  })

  it('does not consume a number when the acceptance is refused', () => {
    const w = world()
    expect(() => w.services.intake.accept({ form: aPersonForm({ itemCode: 'XK99999999' }) })).toThrow()
    expect(w.services.intake.accept({ form: aPersonForm() }).caseNo.slice(-4)).toBe('0001')
  })
})

describe('drafts', () => {
  it('keep the form across a restart and are dropped by the acceptance that used them', () => {
    const w = world()
    const saved = w.services.intake.saveDraft({ form: { applicant: { kind: 'person', name: '王' } } })
    const resaved = w.services.intake.saveDraft({ form: aPersonForm() })
    expect(resaved.draftId).toBe(saved.draftId)
    w.close()

    const again = world({ dataDir: w.dataDir })
    const current = again.services.intake.currentDraft()
    expect(current).toMatchObject({ draftId: saved.draftId, form: aPersonForm() })
    const accepted = again.services.intake.accept({ draftId: saved.draftId })
    expect(again.services.intake.currentDraft()).toBeNull()
    // A second Enter on Accept: the same case, nothing new.
    const twice = again.services.intake.accept({ draftId: saved.draftId, form: aPersonForm() })
    expect(twice).toMatchObject({ caseNo: accepted.caseNo, alreadyAccepted: true })
    expect(tableCounts(again.store).cases).toBe(1)
  })

  it('belong to the operator who typed them', () => {
    const w = world()
    w.services.intake.saveDraft({ form: aPersonForm() })
    w.session.actAs('B002')
    expect(w.services.intake.currentDraft()).toBeNull()
    expect(w.services.intake.discardDraft({})).toEqual({ discarded: false })
    w.session.actAs('A001')
    expect(w.services.intake.discardDraft({})).toEqual({ discarded: true })
  })
})
