import { describe, expect, it } from 'vitest'
import type { IdcardRead } from '../../../main/contract/idcard'
import type { OutputCaseView } from '../../../main/contract/output'
import { collectorFromTap, handoverProblem, typedCollector } from '../../../renderer/screens/output/outputDesk'

const ID = '320302198506122313'

function aTap(card: Partial<IdcardRead['card']> = {}, over: Partial<Omit<IdcardRead, 'card'>> = {}): IdcardRead {
  return {
    card: { cardType: 'resident', name: '李明远', gender: 'male', birthDate: '1985-06-12', idNumber: ID, idNumberValid: true, validFrom: '2016-03-01', validTo: '2036-03-01', ...card },
    isExpired: false,
    hasPhoto: true,
    photo: 'placeholder',
    warnings: [],
    readAt: '2026-03-02T01:30:00.000Z',
    isEmulated: true,
    ...over,
  }
}

function aView(overrides: Partial<OutputCaseView> = {}): OutputCaseView {
  return {
    caseNo: '320300202603020010001',
    itemCode: 'XK00201004',
    itemName: '个体工商户设立登记',
    department: '市场监督管理局',
    state: 'ready',
    stateLabel: '待出件',
    acceptedAt: '2026-03-02T01:30:00.000Z',
    applicantKind: 'person',
    applicantName: '李明远',
    delivery: 'window',
    certificate: { type: '营业执照', number: '92320302MA1XYW12B0', issuedOn: '2026-03-02' },
    agent: null,
    collection: null,
    mayCollect: ['申请人本人 李**（3203**********2313）'],
    ...overrides,
  }
}

const collector = { name: '李明远', idNumber: ID, source: 'card' as const }

describe('the collector at the output window', () => {
  it('is named by the card tapped, with the day an expired card ran out', () => {
    expect(collectorFromTap(aTap())).toEqual({ kind: 'read', collector, expiredOn: null })
    expect(collectorFromTap(aTap({ validTo: '2020-05-10' }, { isExpired: true }))).toMatchObject({ kind: 'read', expiredOn: '2020-05-10' })
  })

  it('is not named by a card whose number fails its check', () => {
    expect(collectorFromTap(aTap({ idNumberValid: false }, { warnings: ['校验位应为 3，实为 1'] }))).toEqual({ kind: 'refused', reason: '校验位应为 3，实为 1' })
  })

  it('is typed only with a name and a valid ID number', () => {
    expect(typedCollector('李明远', ' 320302 19850612 2313 ')).toEqual({ ...collector, source: 'typed' })
    expect(typedCollector('', ID)).toBeNull()
    expect(typedCollector('李明远', '320302198506122314')).toBeNull()
  })
})

describe('what stops the handover', () => {
  const ready = { view: aView(), collector, isAllowed: true, certificateNo: '92320302MA1XYW12B0', hasSignature: true }

  it('lets a checked collector with the certificate number and a signature hand over', () => {
    expect(handoverProblem(ready)).toBeNull()
  })

  it('names the first thing missing', () => {
    expect(handoverProblem({ ...ready, view: null })).toBe('noCase')
    expect(handoverProblem({ ...ready, view: aView({ state: 'collected' }) })).toBe('notReady')
    expect(handoverProblem({ ...ready, collector: null })).toBe('noCollector')
    expect(handoverProblem({ ...ready, isAllowed: false })).toBe('refused')
    expect(handoverProblem({ ...ready, isAllowed: null })).toBe('refused')
    expect(handoverProblem({ ...ready, certificateNo: ' ' })).toBe('certificateMissing')
    expect(handoverProblem({ ...ready, hasSignature: false })).toBe('signatureMissing')
  })

  it('asks for no certificate number where approval recorded none', () => {
    expect(handoverProblem({ ...ready, view: aView({ certificate: null }), certificateNo: '' })).toBeNull()
  })
})
