/**
 * 代办 (银行网点代办) through the composition root: a station of the `agent`
 * profile offers and accepts only the items the catalog opens to bank
 * branches, takes a case only with the applicant's authorisation ticked and
 * photographed, records the branch and its clerk on the case, sends the
 * certificate by express by default, and names the branch on the receipt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AUTHORISATION_MATERIAL_ID } from '../../main/domain/agentCase'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { createTestApp, type TestApp } from '../fixtures/testApp'
import { anIdNumber } from '../fixtures/registrationNumbers'
import { refusal } from '../fixtures/refusal'

const BRANCH = { branchName: '中国工商银行徐州鼓楼支行', branchCode: 'ICBC-XZ-0301' }
const CLERK = '工行 刘芳 B1207'
const ESTABLISHMENT = 'XK00201004' // 个体工商户设立登记: agent-allowed, window or express
const HALL_ONLY = 'XK00203002' // 食品生产许可: not open to branches

/** JPEG-framed bytes (SOI … EOI): the authorisation as the document camera hands it in. */
function aJpeg(seed = 1): string {
  const bytes = Buffer.alloc(2048, seed)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.set([0xff, 0xd9], bytes.length - 2)
  return bytes.toString('base64')
}

describe('an agent station', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp({ profile: 'agent', agent: BRANCH })
    t.app.services.session.actAs(CLERK)
  })
  afterEach(async () => {
    await t.dispose()
  })

  function formFor(itemCode: string, over: Partial<IntakeForm> = {}): IntakeForm {
    const item = t.app.services.catalog.item(itemCode)
    return {
      applicant: { kind: 'person', name: '周建国', idNumber: anIdNumber({ birth: '1985-06-12', seq: '231' }), phone: '13905161234', address: '江苏省徐州市鼓楼区中山北路88号', source: 'card' },
      itemCode,
      materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      authorisation: { confirmed: true },
      ...over,
    }
  }

  /** A saved draft with the authorisation photographed onto it, as the counter leaves it before Accept. */
  function draftWithAuthorisation(form: IntakeForm): { draftId: string; sha256: string } {
    const { draftId } = t.app.services.intake.saveDraft({ form })
    const photo = t.app.services.attachments.add({ draftId, materialId: AUTHORISATION_MATERIAL_ID, mime: 'image/jpeg', imageBase64: aJpeg() })
    return { draftId, sha256: photo.sha256 }
  }

  it('searches only the items bank branches may take', () => {
    const { catalog } = t.app.services
    expect(catalog.search('', 100).every((i) => i.agentAllowed)).toBe(true)
    expect(catalog.search('食品生产', 20).map((i) => i.code)).not.toContain(HALL_ONLY)
    expect(catalog.search('个体工商户设立', 20).map((i) => i.code)).toContain(ESTABLISHMENT)
  })

  it('records the branch, its clerk and the authorisation on the case, marks it 代办, and sends the certificate by express', async () => {
    const { draftId, sha256 } = draftWithAuthorisation(formFor(ESTABLISHMENT))
    const { caseNo } = t.app.services.intake.accept({ draftId })

    const stored = t.app.services.cases.get(caseNo)
    expect(stored.agent).toEqual({ ...BRANCH, agentName: CLERK, authorisationSha256: sha256 })
    expect(stored.operator).toBe(CLERK)
    // No method on the form: an agent station's default is express, filled from the applicant.
    expect(stored.delivery).toBe('express')
    expect(stored.express).toMatchObject({ recipient: '周建国', province: '江苏省', city: '徐州市', district: '鼓楼区', address: '中山北路88号' })
    // The authorisation photo went to the case with the draft's other photos.
    expect(t.app.services.attachments.list({ caseNo }).map((p) => p.materialId)).toEqual([AUTHORISATION_MATERIAL_ID])

    // The queue marks it and finds it: every 代办 case, and this branch's.
    const { services } = t.app
    expect(services.cases.list({ filters: { agent: true } }).rows.map((r) => [r.caseNo, r.agent?.branchName])).toEqual([[caseNo, BRANCH.branchName]])
    expect(services.cases.list({ filters: { branchCode: BRANCH.branchCode } }).rows.map((r) => r.caseNo)).toEqual([caseNo])
    expect(services.cases.count({ filters: { branchCode: 'OTHER-01' } }).count).toBe(0)
    expect(services.cases.count({ filters: { agent: false } }).count).toBe(0)
    // The name search reads ids off the name index alone: the 代办 filter still applies.
    expect(services.cases.list({ filters: { agent: false, text: '周' } }).rows).toEqual([])
    expect(services.cases.list({ filters: { agent: true, text: '周' } }).rows.map((r) => r.caseNo)).toEqual([caseNo])

    // The receipt names the branch.
    const preview = await t.app.dispatcher.invoke('print.preview', { kind: 'acceptanceReceipt', caseNo }, { transport: 'test' })
    if (!preview.ok) throw new Error(preview.error.message)
    expect(JSON.stringify(preview.value)).toContain(`代办网点：${BRANCH.branchName}`)
  })

  it('keeps window pickup when the clerk chose it', () => {
    const { draftId } = draftWithAuthorisation(formFor(ESTABLISHMENT, { delivery: { method: 'window' } }))
    const { caseNo } = t.app.services.intake.accept({ draftId })
    expect(t.app.services.cases.get(caseNo)).toMatchObject({ delivery: 'window', express: null })
  })

  it('refuses an item not open to branches, with the reason, and writes nothing', () => {
    const { draftId } = draftWithAuthorisation(formFor(HALL_ONLY))
    const e = refusal(() => t.app.services.intake.accept({ draftId }))
    expect(e).toMatchObject({ code: 'FORBIDDEN', field: 'itemCode' })
    expect(e.message).toContain('食品生产许可')
    expect(e.message).toContain('不在银行网点代办范围内')
    expect(t.app.services.cases.count({}).count).toBe(0)
  })

  it('refuses a case whose authorisation is not ticked, or not photographed', () => {
    const unticked = draftWithAuthorisation(formFor(ESTABLISHMENT, { authorisation: { confirmed: false } }))
    expect(refusal(() => t.app.services.intake.accept({ draftId: unticked.draftId })).field).toBe('authorisation.confirmed')
    t.app.services.intake.discardDraft({ draftId: unticked.draftId })

    const { draftId } = t.app.services.intake.saveDraft({ form: formFor(ESTABLISHMENT) })
    const e = refusal(() => t.app.services.intake.accept({ draftId }))
    expect(e).toMatchObject({ code: 'BAD_INPUT', field: 'authorisation.photo' })
    // A photo on another line is not the authorisation.
    t.app.services.attachments.add({ draftId, materialId: 'application', mime: 'image/jpeg', imageBase64: aJpeg(2) })
    expect(refusal(() => t.app.services.intake.accept({ draftId })).field).toBe('authorisation.photo')
    // A form without a draft has nowhere to hold the photo.
    expect(refusal(() => t.app.services.intake.accept({ form: formFor(ESTABLISHMENT) })).field).toBe('authorisation.photo')
    expect(t.app.services.cases.count({}).count).toBe(0)
  })

  it('tells the screen which branch it is', async () => {
    const info = await t.app.dispatcher.invoke('system.info', {}, { transport: 'test' })
    if (!info.ok) throw new Error(info.error.message)
    expect(info.value).toMatchObject({ profile: 'agent', agent: BRANCH })
  })
})

describe('a hall window', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
    t.app.services.session.actAs('A0123')
  })
  afterEach(async () => {
    await t.dispose()
  })

  it('takes any item without an authorisation, marks nothing 代办, and keeps window pickup as the default', () => {
    const item = t.app.services.catalog.item(HALL_ONLY)
    const { caseNo } = t.app.services.intake.accept({
      form: {
        applicant: { kind: 'person', name: '王秀兰', idNumber: anIdNumber({ birth: '1962-03-05', seq: '002' }), phone: '13912345678', address: '江苏省徐州市云龙区和平路 8 号', source: 'typed' },
        itemCode: HALL_ONLY,
        materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      },
    })
    expect(t.app.services.cases.get(caseNo)).toMatchObject({ agent: null, delivery: 'window' })
    expect(t.app.services.catalog.search('食品生产', 20).map((i) => i.code)).toContain(HALL_ONLY)
    expect(t.app.services.cases.count({ filters: { agent: true } }).count).toBe(0)
  })
})
