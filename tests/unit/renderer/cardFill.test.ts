import { describe, expect, it } from 'vitest'
import { applyCard, type CardTap } from '../../../renderer/screens/intake/cardFill'

function aTap(card: Partial<CardTap['card']> = {}, over: Partial<Omit<CardTap, 'card'>> = {}): CardTap {
  return {
    card: {
      cardType: 'resident',
      name: '李明远',
      gender: 'male',
      nationCode: '01',
      nation: '汉',
      birthDate: '1985-06-12',
      address: '江苏省徐州市鼓楼区中山北路88号2单元501室',
      idNumber: '320302198506122313',
      idNumberValid: true,
      authority: '徐州市公安局鼓楼分局',
      validFrom: '2016-03-01',
      validTo: '2036-03-01',
      ...card,
    },
    isExpired: false,
    hasPhoto: true,
    photo: 'placeholder',
    warnings: [],
    readAt: '2026-11-26T10:00:00.000+08:00',
    isEmulated: true,
    ...over,
  }
}

describe('an ID card tap on the intake form', () => {
  it('fills a person applicant with name, number and address, keeping the phone typed before', () => {
    const outcome = applyCard(aTap(), { kind: 'person', phone: '13912345678', name: '旧名字' })
    expect(outcome).toEqual({
      kind: 'filled',
      holder: '李明远',
      applicant: { kind: 'person', name: '李明远', idNumber: '320302198506122313', address: '江苏省徐州市鼓楼区中山北路88号2单元501室', phone: '13912345678', source: 'card' },
    })
  })

  it('fills the handler, not the enterprise, during an enterprise intake', () => {
    const outcome = applyCard(aTap(), { kind: 'enterprise', name: '徐州某某商贸有限公司', uscc: '91320300MA1XYW12B0' })
    expect(outcome.kind === 'filled' && outcome.applicant).toMatchObject({
      kind: 'enterprise',
      name: '徐州某某商贸有限公司',
      handlerName: '李明远',
      handlerIdNumber: '320302198506122313',
      source: 'card',
    })
  })

  it('refuses a card whose number fails its check, with the reader’s reason, and fills nothing', () => {
    const outcome = applyCard(aTap({ idNumber: '320304197811204563', idNumberValid: false }, { warnings: ['公民身份号码校验位应为 5，实为 3'] }), undefined)
    expect(outcome).toEqual({ kind: 'refused', reason: '公民身份号码校验位应为 5，实为 3' })
  })

  it('still gives a reason when the reader gave none', () => {
    const outcome = applyCard(aTap({ idNumberValid: false }), undefined)
    expect(outcome.kind === 'refused' && outcome.reason).toContain('320302198506122313')
  })

  it('uses the English name of a foreign card without a Chinese one, and keeps a typed address it does not replace', () => {
    const { address: _none, ...withoutAddress } = aTap({ cardType: 'foreign', name: '', nameEn: 'SMITH JOHN', idNumber: 'USA123456789012', nationality: '美国' }).card
    const outcome = applyCard({ ...aTap(), card: withoutAddress }, { kind: 'person', address: '江苏省徐州市泉山区1号' })
    expect(outcome.kind === 'filled' && outcome.applicant).toMatchObject({ name: 'SMITH JOHN', address: '江苏省徐州市泉山区1号' })
  })
})
