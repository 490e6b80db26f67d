import { describe, expect, it } from 'vitest'
import { applyCard, cardVerdict, isExpiredCardNumber, type CardTap } from '../../../renderer/screens/intake/cardFill'

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
    expect(outcome).toEqual({ kind: 'refused', reason: '公民身份号码校验位应为 5，实为 3', applicant: undefined })
  })

  it('empties the previous applicant’s name, number and address when the next card is refused, keeping the phone', () => {
    const previous = applyCard(aTap(), { kind: 'person', phone: '13912345678' })
    if (previous.kind !== 'filled') throw new Error('the valid card should fill')
    const outcome = applyCard(aTap({ name: '赵雅琴', idNumber: '320304197811204563', idNumberValid: false }), previous.applicant)
    expect(outcome.kind).toBe('refused')
    expect(outcome.kind === 'refused' && outcome.applicant).toEqual({ kind: 'person', name: '', idNumber: '', address: '', phone: '13912345678' })
  })

  it('empties only the handler when a card is refused during an enterprise intake', () => {
    const enterprise = { kind: 'enterprise' as const, name: '徐州某某商贸有限公司', uscc: '91320300MA1XYW12B0', handlerName: '李明远', handlerIdNumber: '320302198506122313', source: 'card' as const }
    const outcome = applyCard(aTap({ idNumberValid: false }), enterprise)
    expect(outcome.kind === 'refused' && outcome.applicant).toEqual({ kind: 'enterprise', name: '徐州某某商贸有限公司', uscc: '91320300MA1XYW12B0', handlerName: '', handlerIdNumber: '' })
  })

  it('leaves a form with no identity in it as it was when a card is refused', () => {
    const applicant = { kind: 'person' as const, phone: '13912345678' }
    const outcome = applyCard(aTap({ idNumberValid: false }), applicant)
    expect(outcome.kind === 'refused' && outcome.applicant).toBe(applicant)
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

describe('the one verdict a tap shows', () => {
  it('is green for a valid card, naming the holder', () => {
    const tap = aTap()
    expect(cardVerdict(tap, applyCard(tap, undefined))).toEqual({ type: 'success', key: 'filled', values: { name: '李明远' } })
  })

  it('is red for an expired card, with its expiry date, and not also a green read', () => {
    const tap = aTap({ name: '热依拉·阿不都', validTo: '2020-05-10' }, { isExpired: true })
    expect(cardVerdict(tap, applyCard(tap, undefined))).toEqual({ type: 'error', key: 'expired', values: { name: '热依拉·阿不都', date: '2020-05-10' } })
  })

  it('is red for a refused card, with the reason', () => {
    const tap = aTap({ idNumberValid: false }, { warnings: ['公民身份号码校验位应为 5，实为 3'] })
    expect(cardVerdict(tap, applyCard(tap, undefined))).toEqual({ type: 'error', key: 'refused', values: { reason: '公民身份号码校验位应为 5，实为 3' } })
  })

  it('keeps the number field of an expired card from calling it valid, and only that number', () => {
    const expired = aTap({ validTo: '2020-05-10' }, { isExpired: true })
    expect(isExpiredCardNumber(expired, '320302198506122313')).toBe(true)
    expect(isExpiredCardNumber(expired, '110101199003070019')).toBe(false)
    expect(isExpiredCardNumber(aTap(), '320302198506122313')).toBe(false)
    expect(isExpiredCardNumber(null, '320302198506122313')).toBe(false)
  })
})
