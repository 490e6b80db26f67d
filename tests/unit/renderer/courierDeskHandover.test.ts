import { describe, expect, it } from 'vitest'
import type { IdcardRead } from '../../../main/contract/idcard'
import { applyCourierCard, courierInput, courierProblems, emptyCourier } from '../../../renderer/screens/courier/courierForm'
import { idNumberCheckChar } from '../../../main/domain/idNumber'

const TODAY = '2026-11-26'
const COURIER_ID = `32030219900418135${idNumberCheckChar('32030219900418135')}`

function aTap(card: Partial<IdcardRead['card']> = {}, over: Partial<Omit<IdcardRead, 'card'>> = {}): IdcardRead {
  return {
    card: {
      cardType: 'resident',
      name: '周师傅',
      gender: 'male',
      birthDate: '1990-04-18',
      idNumber: COURIER_ID,
      idNumberValid: true,
      validFrom: '2016-03-01',
      validTo: '2036-03-01',
      ...card,
    },
    isExpired: false,
    hasPhoto: true,
    photo: 'placeholder',
    warnings: [],
    readAt: '2026-11-26T02:00:00.000Z',
    isEmulated: true,
    ...over,
  }
}

describe('the courier’s card at the handover', () => {
  it('fills name and number from the card and keeps the phone typed before', () => {
    const outcome = applyCourierCard(aTap(), { ...emptyCourier, phone: '13951234567' })
    expect(outcome).toEqual({ kind: 'filled', holder: '周师傅', isExpired: false, draft: { name: '周师傅', idNumber: COURIER_ID, phone: '13951234567', source: 'card' } })
  })

  it('refuses a card whose number fails its check and empties the identity typed or read before', () => {
    const before = { name: '上一位', idNumber: COURIER_ID, phone: '13951234567', source: 'card' as const }
    const outcome = applyCourierCard(aTap({ idNumberValid: false }, { warnings: ['校验位应为 5，实为 1'] }), before)
    expect(outcome).toEqual({ kind: 'refused', reason: '校验位应为 5，实为 1', draft: { name: '', idNumber: '', phone: '13951234567', source: 'typed' } })
  })

  it('says when the card has expired, for the clerk to check', () => {
    const outcome = applyCourierCard(aTap({}, { isExpired: true }), emptyCourier)
    expect(outcome.kind === 'filled' && outcome.isExpired).toBe(true)
  })
})

describe('what stops a handover before it is sent', () => {
  const complete = { name: '周师傅', idNumber: COURIER_ID, phone: '', source: 'card' as const }

  it('needs nothing more with a name, a valid number and a signature', () => {
    expect(courierProblems(complete, true, { today: TODAY })).toEqual({})
  })

  it('asks for the signature: the courier signs for every parcel', () => {
    expect(courierProblems(complete, false, { today: TODAY })).toEqual({ signature: { key: 'signatureMissing' } })
  })

  it('names a missing name and number, and a wrong number with its reason', () => {
    expect(courierProblems(emptyCourier, true, { today: TODAY })).toEqual({ name: { key: 'nameMissing' }, idNumber: { key: 'idMissing' } })
    const wrong = `${COURIER_ID.slice(0, 17)}${COURIER_ID.endsWith('1') ? '2' : '1'}`
    const problems = courierProblems({ ...complete, idNumber: wrong }, true, { today: TODAY })
    expect(problems.idNumber?.key).toBe('idInvalid')
    expect(problems.idNumber?.reason).toContain('校验位')
  })

  it('lets the phone be left out, but not be garbage', () => {
    expect(courierProblems({ ...complete, phone: '139 5123 4567' }, true, { today: TODAY })).toEqual({})
    expect(courierProblems({ ...complete, phone: '找前台' }, true, { today: TODAY })).toEqual({ phone: { key: 'phoneInvalid' } })
  })

  it('sends the courier trimmed, the number upper-cased, and no empty phone', () => {
    expect(courierInput({ name: ' 周师傅 ', idNumber: ` ${COURIER_ID.slice(0, 17)}x `, phone: ' ', source: 'typed' })).toEqual({ name: '周师傅', idNumber: `${COURIER_ID.slice(0, 17)}X` })
    expect(courierInput({ ...complete, phone: '13951234567' })).toEqual({ name: '周师傅', idNumber: COURIER_ID, phone: '13951234567' })
  })
})
