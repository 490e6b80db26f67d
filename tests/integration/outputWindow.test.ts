import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { maskIdNumber } from '../../main/domain/masking'
import { aUscc } from '../fixtures/registrationNumbers'
import { AGENT, APPLICANT, HANDLER, LETTER_PHOTO_BASE64, NO_CERTIFICATE_ITEM, openOutputWorld, SIGNATURE, STRANGER, type OutputWorld } from '../fixtures/outputWorld'

let w: OutputWorld
beforeEach(async () => {
  w = await openOutputWorld()
})
afterEach(async () => {
  await w.dispose()
})

const certificateOf = (caseNo: string): string => w.app.services.cases.get(caseNo).certificate!.number

describe('the card tap at the output window', () => {
  it('finds the person’s cases waiting at the window, and not the ones still in review', async () => {
    const ready = await w.readyCase()
    const { caseNo: inReview } = await w.invoke('cases.accept', { form: { ...aFormFor(), materials: materialsOf(w) } })
    const found = await w.invoke('output.findByCard', { idNumber: APPLICANT.idNumber })
    expect(found.rows.map((r) => [r.caseNo, r.role])).toEqual([[ready, 'applicant']])
    expect(found.rows[0]!.certificate).toMatchObject({ type: '营业执照', number: certificateOf(ready) })
    expect(found.rows.map((r) => r.caseNo)).not.toContain(inReview)
    expect((await w.invoke('output.findByCard', { idNumber: STRANGER.idNumber })).rows).toEqual([])
  })

  it('finds an enterprise’s case by its handler’s card', async () => {
    const caseNo = await w.readyCase({ form: enterpriseForm() })
    const found = await w.invoke('output.findByCard', { idNumber: HANDLER.idNumber })
    expect(found.rows.map((r) => [r.caseNo, r.role])).toEqual([[caseNo, 'handler']])
  })
})

describe('verifying the collector', () => {
  it('allows the applicant and refuses a stranger, naming who may collect (masked), with the refusal audited', async () => {
    const caseNo = await w.readyCase()
    expect(await w.invoke('output.verifyCollector', { caseNo, idNumber: APPLICANT.idNumber })).toMatchObject({ allowed: true, role: 'applicant' })
    expect(w.auditRows(caseNo, 'output.refuse')).toEqual([])

    const refused = await w.invoke('output.verifyCollector', { caseNo, idNumber: STRANGER.idNumber })
    expect(refused.allowed).toBe(false)
    expect(refused.reason).toContain('可领取：申请人本人 李**（3203**********2313）')
    expect(refused.reason).not.toContain(APPLICANT.name)
    const audited = w.auditRows(caseNo, 'output.refuse')
    expect(audited).toHaveLength(1)
    expect(audited[0]!.details).toMatchObject({ step: 'verify', collector: { id: '3203**********0022' } })
    expect(JSON.stringify(audited)).not.toContain(STRANGER.idNumber)
  })
})

describe('collecting at the window', () => {
  it('hands over to the applicant: certificate checked, signature kept, receipt queued, case collected with the collector masked', async () => {
    const caseNo = await w.readyCase()
    const detail = await w.invoke('output.collect', { caseNo, idNumber: APPLICANT.idNumber, name: APPLICANT.name, certificateNo: certificateOf(caseNo).toLowerCase(), signature: SIGNATURE })
    expect(detail.state).toBe('collected')
    const step = detail.timeline.at(-1)!
    expect(step).toMatchObject({ action: 'collect', toState: 'collected', note: '窗口领取：申请人本人 李**（3203**********2313）' })
    expect(step.details).toMatchObject({ certificateChecked: true, certificateNo: certificateOf(caseNo), collector: { role: 'applicant', name: '李**' } })
    expect(JSON.stringify(detail.timeline)).not.toContain(APPLICANT.idNumber)

    const audit = w.auditRows(caseNo, 'case.transition').at(-1)!
    expect(audit.details).toMatchObject({ action: 'collect', from: 'ready', to: 'collected', collector: { id: '3203**********2313' } })
    expect(typeof audit.details.signatureSha256).toBe('string')

    const jobs = await w.invoke('print.jobs', { caseNo, limit: 10 })
    expect(jobs.map((j) => j.kind)).toContain('outputReceipt')
    const receipt = await w.invoke('print.preview', { kind: 'outputReceipt', caseNo })
    expect(receipt.html).toContain('李**（本人）')
    expect(receipt.html).toContain(certificateOf(caseNo))
    expect(receipt.html).not.toContain(APPLICANT.idNumber)

    const view = await w.invoke('output.case', { caseNo })
    expect(view.collection).toMatchObject({ role: 'applicant', collectorName: '李**', collectorIdMasked: '3203**********2313' })
    expect(existsSync(`${w.app.services.config.dataDir}/attachments/${String(audit.details.signatureSha256).slice(0, 2)}/${String(audit.details.signatureSha256)}.png`)).toBe(true)
  })

  it('refuses a stranger with COLLECTOR_MISMATCH naming who may collect, audits it, and leaves the case ready', async () => {
    const caseNo = await w.readyCase()
    const error = await w.failure('output.collect', { caseNo, idNumber: STRANGER.idNumber, name: STRANGER.name, certificateNo: certificateOf(caseNo), signature: SIGNATURE })
    expect(error.code).toBe('COLLECTOR_MISMATCH')
    expect(error.message).toContain('王**（3203**********0022）不是办件')
    expect(error.message).toContain('申请人本人 李**（3203**********2313）')
    expect(w.app.services.cases.get(caseNo).state).toBe('ready')
    expect(w.auditRows(caseNo, 'output.refuse').map((r) => r.details.step)).toEqual(['collect'])
    expect((await w.invoke('print.jobs', { caseNo, limit: 10 })).map((j) => j.kind)).not.toContain('outputReceipt')
  })

  it('refuses a certificate number other than the one recorded at approval, and leaves the case ready', async () => {
    const caseNo = await w.readyCase({ certificateNo: '91320300MA1XYW12B0' })
    const error = await w.failure('output.collect', { caseNo, idNumber: APPLICANT.idNumber, name: APPLICANT.name, certificateNo: '91320300MA1XYW12B9' })
    expect(error).toMatchObject({ code: 'BAD_INPUT', field: 'certificateNo' })
    expect(error.message).toContain('与准予时登记的营业执照编号“91320300MA1XYW12B0”不符')
    expect(w.app.services.cases.get(caseNo).state).toBe('ready')
    expect(w.auditRows(caseNo, 'output.certificateMismatch')).toHaveLength(1)
  })

  it('skips the certificate check, with a note, where approval recorded none', async () => {
    const caseNo = await w.readyCase({ form: { itemCode: NO_CERTIFICATE_ITEM } })
    const detail = await w.invoke('output.collect', { caseNo, idNumber: APPLICANT.idNumber, name: APPLICANT.name, certificateNo: '' })
    expect(detail.state).toBe('collected')
    expect(detail.timeline.at(-1)!.details).toMatchObject({ certificateChecked: false, certificateNote: '准予时未登记证照编号，出件时未核对证照编号', signed: false })
  })

  it('hands an enterprise’s result to its handler', async () => {
    const caseNo = await w.readyCase({ form: enterpriseForm() })
    const detail = await w.invoke('output.collect', { caseNo, idNumber: HANDLER.idNumber, name: HANDLER.name, certificateNo: '', signature: SIGNATURE })
    expect(detail.timeline.at(-1)!.details).toMatchObject({ collector: { role: 'handler' } })
  })

  it('will not hand the same case over twice', async () => {
    const caseNo = await w.readyCase({ form: { itemCode: NO_CERTIFICATE_ITEM } })
    const request = { caseNo, idNumber: APPLICANT.idNumber, name: APPLICANT.name, certificateNo: '' }
    await w.invoke('output.collect', request)
    const again = await w.failure('output.collect', request)
    expect(again.code).toBe('ILLEGAL_TRANSITION')
    expect(again.message).toContain('不是待出件')
    expect(w.auditRows(caseNo, 'output.refuse')).toEqual([])
  })
})

describe('an agent with an authorisation letter', () => {
  it('is named only once the letter is photographed, then finds the case by card and collects it', async () => {
    const caseNo = await w.readyCase()
    const noLetter = await w.failure('output.recordAgent', { caseNo, name: AGENT.name, idNumber: AGENT.idNumber })
    expect(noLetter).toMatchObject({ code: 'BAD_INPUT', field: 'letterPhotoId' })
    expect((await w.invoke('output.verifyCollector', { caseNo, idNumber: AGENT.idNumber })).allowed).toBe(false)

    const photo = await w.invoke('attachments.add', { caseNo, materialId: 'authorisationLetter', mime: 'image/jpeg', imageBase64: LETTER_PHOTO_BASE64 })
    const named = await w.invoke('output.recordAgent', { caseNo, name: AGENT.name, idNumber: AGENT.idNumber })
    expect(named.agent).toMatchObject({ name: AGENT.name, hasLetter: true, recordedWhere: 'output' })
    expect(named.mayCollect).toContain(`委托代领人 赵**（${maskIdNumber(AGENT.idNumber)}）`)
    expect(w.auditRows(caseNo, 'output.agent')[0]!.details).toMatchObject({ letterPhotoId: photo.id })

    expect((await w.invoke('output.findByCard', { idNumber: AGENT.idNumber })).rows.map((r) => [r.caseNo, r.role])).toEqual([[caseNo, 'agent']])
    expect(await w.invoke('output.verifyCollector', { caseNo, idNumber: AGENT.idNumber })).toMatchObject({ allowed: true, role: 'agent' })
    await w.invoke('output.collect', { caseNo, idNumber: AGENT.idNumber, name: AGENT.name, certificateNo: certificateOf(caseNo), signature: SIGNATURE })
    const receipt = await w.invoke('print.preview', { kind: 'outputReceipt', caseNo })
    expect(receipt.html).toContain('赵**（代领人）')
  })
})

function aFormFor() {
  return { applicant: { kind: 'person' as const, name: APPLICANT.name, idNumber: APPLICANT.idNumber, phone: '13912345678', source: 'card' as const }, itemCode: 'XK00201004', delivery: { method: 'window' as const } }
}

function materialsOf(world: OutputWorld) {
  return world.app.services.catalog.item('XK00201004').materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies }))
}

function enterpriseForm() {
  return {
    itemCode: 'XK00201002',
    applicant: { kind: 'enterprise' as const, name: '徐州云帆贸易有限公司', uscc: aUscc('91320300MA1XYW12B'), phone: '0516-83801234', handlerName: HANDLER.name, handlerIdNumber: HANDLER.idNumber, source: 'typed' as const },
  }
}

describe('an agent named at intake', () => {
  /** Accepts from a saved draft (its photos go with it), then review and production as the hall does. */
  async function readyFromDraft(form: Record<string, unknown>, letterPhoto: boolean): Promise<string> {
    const item = w.app.services.catalog.item('XK00201004')
    const full = { ...aFormFor(), materials: materialsOf(w), ...form }
    const { draftId } = await w.invoke('drafts.save', { form: full })
    if (letterPhoto) await w.invoke('attachments.add', { draftId, materialId: 'authorisationLetter', mime: 'image/jpeg', imageBase64: LETTER_PHOTO_BASE64 })
    const { caseNo } = await w.invoke('cases.accept', { draftId })
    await w.invoke('cases.transition', { caseNo, action: 'startReview' })
    await w.invoke('cases.transition', { caseNo, action: 'approve', certificate: { type: item.certificate!.type, number: `92${caseNo.slice(-10)}` } })
    await w.invoke('cases.transition', { caseNo, action: 'produce' })
    return caseNo
  }

  it('with the letter photographed on the draft may collect', async () => {
    const caseNo = await readyFromDraft({ collectionAgent: { name: AGENT.name, idNumber: AGENT.idNumber } }, true)
    const view = await w.invoke('output.case', { caseNo })
    expect(view.agent).toMatchObject({ name: AGENT.name, hasLetter: true, recordedWhere: 'intake' })
    expect(await w.invoke('output.verifyCollector', { caseNo, idNumber: AGENT.idNumber })).toMatchObject({ allowed: true, role: 'agent' })
  })

  it('without a letter is named but refused until the letter is photographed at the window', async () => {
    const caseNo = await readyFromDraft({ collectionAgent: { name: AGENT.name, idNumber: AGENT.idNumber } }, false)
    const refused = await w.invoke('output.verifyCollector', { caseNo, idNumber: AGENT.idNumber })
    expect(refused.allowed).toBe(false)
    expect(refused.reason).toContain('没有留存委托书照片')
    await w.invoke('attachments.add', { caseNo, materialId: 'authorisationLetter', mime: 'image/jpeg', imageBase64: LETTER_PHOTO_BASE64 })
    await w.invoke('output.recordAgent', { caseNo, name: AGENT.name, idNumber: AGENT.idNumber })
    expect((await w.invoke('output.verifyCollector', { caseNo, idNumber: AGENT.idNumber })).allowed).toBe(true)
  })

  it('is refused at acceptance when only half named or with a wrong ID number', async () => {
    const half = await w.failure('cases.accept', { form: { ...aFormFor(), materials: materialsOf(w), collectionAgent: { name: AGENT.name } } })
    expect(half).toMatchObject({ code: 'BAD_INPUT', field: 'collectionAgent.idNumber' })
    const wrong = await w.failure('cases.accept', { form: { ...aFormFor(), materials: materialsOf(w), collectionAgent: { name: AGENT.name, idNumber: '320311199007211481' } } })
    expect(wrong).toMatchObject({ code: 'INVALID_ID_NUMBER', field: 'collectionAgent.idNumber' })
  })
})

describe('collection outside the output window', () => {
  it('is refused on the case page, which does not offer it, so nobody collects unchecked', async () => {
    const caseNo = await w.readyCase()
    const detail = await w.invoke('cases.get', { caseNo })
    expect(detail.allowedActions.map((a) => a.action)).not.toContain('collect')
    const error = await w.failure('cases.transition', { caseNo, action: 'collect' })
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    expect(error.message).toContain('须在出件窗口')
    expect(w.app.services.cases.get(caseNo).state).toBe('ready')
  })
})
