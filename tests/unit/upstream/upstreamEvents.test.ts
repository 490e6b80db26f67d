/**
 * The field mapping (README "Upstream (政务服务平台)"): a case change as the
 * platform's 办件 event — the step and its Chinese name, the data items each
 * step carries, the 办件编号 (the platform's for an online case), and the ID
 * numbers sealed beside the body, never in it. Actions the platform does not
 * record make no event.
 */
import { describe, expect, it } from 'vitest'
import type { CaseChange } from '../../../main/services/cases/caseChanges'
import { upstreamEventOf, upstreamRatingOf, type CaseFacts, type UpstreamStation } from '../../../main/services/upstream/upstreamEvents'
import type { NewCase } from '../../../main/store/caseRecords'
import { eventBodySchema } from '../../../main/domain/upstream/upstreamMessages'
import { aCaseImage } from '../../fixtures/caseImage'

const STATION: UpstreamStation = { id: '001', name: '综合受理 1 号窗口', hall: '示范市政务服务中心', regionCode: '320300' }
const CASE_NO = '320300202603020010001'
const FACTS: CaseFacts = { caseNo: CASE_NO, platformCaseNo: CASE_NO, itemCode: 'XK00201004', itemName: '个体工商户设立登记', department: '市场监督管理局' }
const ID = '320302198506122313'
const HANDLER_ID = '320311199211030469'
const seal = (id: string): string => `sealed(${id})`

function anImage(applicant: Partial<NewCase['applicant']> = {}): NewCase {
  return aCaseImage(CASE_NO, {
    operator: '王晓明 T0101',
    delivery: 'express',
    applicant: { kind: 'person', name: '李明远', phone: '13912345678', address: null, idNumber: ID, idKind: 'resident', uscc: null, handlerName: null, handlerIdNumber: null, ...applicant },
  })
}

function aChange(action: string, details: Record<string, unknown> | null = null, extra: Partial<CaseChange> = {}): CaseChange {
  return {
    caseId: 1,
    caseNo: CASE_NO,
    action,
    from: 'in_review',
    to: 'approved',
    at: '2026-03-03T02:00:00.000Z',
    operator: '刘芳 T0102',
    stationId: '001',
    timeline: { note: null, details },
    audit: [{ action: 'case.transition', details: {} }],
    ...extra,
  }
}

const eventOf = (change: CaseChange, seq = 2, facts = FACTS) => upstreamEventOf(change, seq, `001:${facts.caseNo}:${seq}`, facts, STATION, seal)

describe('case changes as the platform’s 办件 events', () => {
  it('受理 carries the applicant, the promise and the delivery, the ID number sealed beside the body', () => {
    const event = eventOf(aChange('accept', null, { from: null, to: 'accepted', image: anImage() }), 1)!
    expect(event.body).toMatchObject({
      eventId: `001:${CASE_NO}:1`,
      caseNo: CASE_NO,
      localCaseNo: CASE_NO,
      seq: 1,
      step: 'accept',
      stepName: '受理',
      station: STATION,
      item: { code: 'XK00201004', implementCode: '320300XK00201004', name: '个体工商户设立登记' },
      department: '市场监督管理局',
      applicant: { kind: 'person', name: '李明远', idType: 'resident', idTypeName: '居民身份证', idNumber: null, phone: '13912345678' },
      acceptedAt: '2026-03-02T01:30:00.000Z',
      promisedDays: 5,
      promisedDate: '2026-03-09',
      deliveryMethod: 'express',
    })
    expect(event.idSealed).toBe(`sealed(${ID})`)
    expect(event.handlerIdSealed).toBeNull()
    expect(JSON.stringify(event.body)).not.toContain(ID)
    expect(eventBodySchema.safeParse(event.body).success).toBe(true)
  })

  it('an enterprise is named by its 统一社会信用代码, one being set up by none, its handler’s ID sealed', () => {
    const enterprise = eventOf(aChange('accept', null, { image: anImage({ kind: 'enterprise', name: '徐州某某商贸有限公司', idNumber: null, idKind: null, uscc: '91320300MA1XXXXXX0', handlerName: '李晓梅', handlerIdNumber: HANDLER_ID }) }), 1)!
    expect(enterprise.body.applicant).toMatchObject({ kind: 'enterprise', idType: 'uscc', idTypeName: '统一社会信用代码', uscc: '91320300MA1XXXXXX0', handlerName: '李晓梅', handlerIdNumber: null })
    expect(enterprise.idSealed).toBeNull()
    expect(enterprise.handlerIdSealed).toBe(`sealed(${HANDLER_ID})`)
    const setUp = eventOf(aChange('accept', null, { image: anImage({ kind: 'enterprise', idNumber: null, idKind: null, uscc: null }) }), 1)!
    expect(setUp.body.applicant).toMatchObject({ idType: 'none', idTypeName: '无（设立登记）' })
  })

  it('补正 names the missing materials, the note and the due day; 补齐 the new promise date', () => {
    const request = eventOf(aChange('requestSupplement', { missingMaterials: [{ materialId: 'M01', name: '申请书' }], supplementDueDate: '2026-03-10', pausedSince: '2026-03-03' }, { timeline: { note: '签名不全', details: { missingMaterials: [{ materialId: 'M01', name: '申请书' }], supplementDueDate: '2026-03-10' } } }))!
    expect(request.body).toMatchObject({ step: 'supplementRequest', stepName: '补正告知', supplement: { materials: [{ id: 'M01', name: '申请书' }], note: '签名不全', dueDate: '2026-03-10' } })
    expect(eventOf(aChange('supply', { pausedWorkingDays: 2, deadline: '2026-03-11' }))!.body).toMatchObject({ step: 'supplementDone', stepName: '补正受理', newPromisedDate: '2026-03-11' })
  })

  it('办结 carries the result: 准予 with its certificate, 不予 with the reason and the legal basis', () => {
    const approve = eventOf(aChange('approve', { certificate: { type: '营业执照', number: '92320300MA1W000001', issuedOn: '2026-03-03' } }))!
    expect(approve.body).toMatchObject({ step: 'conclude', stepName: '办结', result: { code: 'approve', name: '准予', certificate: { type: '营业执照', number: '92320300MA1W000001', issuedOn: '2026-03-03' } } })
    const reject = eventOf(aChange('reject', { refusal: 'notAccepted', legalBasis: '《行政许可法》第三十二条', departmentName: '市场监督管理局' }, { timeline: { note: '不属于本机关职权范围', details: { refusal: 'notAccepted', legalBasis: '《行政许可法》第三十二条' } } }))!
    expect(reject.body.result).toEqual({ code: 'reject', name: '不予', refusal: 'notAccepted', reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' })
  })

  it('制证, 出件 (the collector masked), 寄递 and 签收 (the waybill)', () => {
    expect(eventOf(aChange('produce'))!.body).toMatchObject({ step: 'produce', stepName: '制证' })
    expect(eventOf(aChange('collect', { collector: { role: 'applicant', name: '李**', id: '3203**********2313' } }))!.body).toMatchObject({ step: 'collect', stepName: '出件', collector: { role: 'applicant', name: '李**', idNumber: '3203**********2313' } })
    expect(eventOf(aChange('handOver', { waybillNo: 'SF1000000000011', batchId: 3 }))!.body).toMatchObject({ step: 'ship', stepName: '寄递', shipment: { waybillNo: 'SF1000000000011' } })
    expect(eventOf(aChange('deliver', { waybillNo: 'SF1000000000011' }))!.body).toMatchObject({ step: 'deliver', stepName: '签收', shipment: { waybillNo: 'SF1000000000011' } })
  })

  it('names an online case by the platform’s 办件编号, and ours beside it', () => {
    const body = eventOf(aChange('collect', { collector: { role: 'applicant', name: '李**', id: '3203**********2313' } }), 5, { ...FACTS, platformCaseNo: 'W2026022700100001' })!.body
    expect(body).toMatchObject({ caseNo: 'W2026022700100001', localCaseNo: CASE_NO, seq: 5 })
  })

  it('makes no event for what the platform does not record', () => {
    for (const action of ['startReview', 'ship', 'unship', 'withdraw', 'supplyMaterials']) expect(eventOf(aChange(action))).toBeNull()
  })

  it('评价 carries the visit, the grade and the reasons in words', () => {
    const rated = upstreamRatingOf({ visit: 'output', grade: 2, reasons: ['efficiency', 'attitude'], text: null, signed: true, staff: '周敏 T0103', ratedAt: '2026-03-05T03:00:00.000Z' }, 6, `001:${CASE_NO}:rate:output`, FACTS, STATION)
    expect(rated.body).toMatchObject({
      step: 'rate',
      stepName: '评价',
      seq: 6,
      operator: '周敏 T0103',
      at: '2026-03-05T03:00:00.000Z',
      rating: { visit: 'output', visitName: '出件', grade: 2, gradeName: '不满意', reasons: ['服务效率', '服务态度'], text: null, signed: true },
    })
    expect(eventBodySchema.safeParse(rated.body).success).toBe(true)
  })
})
