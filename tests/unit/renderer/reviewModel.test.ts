import { describe, expect, it } from 'vitest'
import {
  approveRequest,
  decisionDialogOf,
  dialogFieldOf,
  materialOfDigit,
  noticeOf,
  offeredActions,
  rejectRequest,
  reprintableNotice,
  supplementRequest,
  togglePicked,
} from '../../../renderer/screens/review/reviewModel'

const allowed = (...actions: string[]) => ({ allowedActions: actions.map((action) => ({ action, label: action, needsNote: false })) }) as Parameters<typeof offeredActions>[0]

describe('the review screen’s actions', () => {
  it('offers the review’s actions the case allows, in button order, and leaves the rest to the case page', () => {
    expect(offeredActions(allowed('withdraw', 'requestSupplement', 'reject', 'approve'))).toEqual(['approve', 'reject', 'requestSupplement'])
    expect(offeredActions(allowed('collect', 'ship'))).toEqual([])
  })

  it('asks for the certificate before approving only where the item issues one', () => {
    expect(decisionDialogOf('approve', { certificateType: '营业执照' })).toBe('approve')
    expect(decisionDialogOf('approve', { certificateType: null })).toBeNull()
    expect(decisionDialogOf('reject', { certificateType: null })).toBe('reject')
    expect(decisionDialogOf('requestSupplement', { certificateType: null })).toBe('requestSupplement')
    expect(decisionDialogOf('produce', { certificateType: '营业执照' })).toBeNull()
  })

  it('prints the refusal notice after 不予 and the one-time notice after 补正, which can be reprinted while it waits', () => {
    expect([noticeOf('reject'), noticeOf('requestSupplement'), noticeOf('approve')]).toEqual(['refusalNotice', 'oneTimeNotice', null])
    expect([reprintableNotice('needs_supplement'), reprintableNotice('in_review'), reprintableNotice(undefined)]).toEqual(['oneTimeNotice', null, null])
  })
})

describe('the decision dialogs’ requests', () => {
  it('sends the certificate trimmed, leaving the day to main when none is typed', () => {
    expect(approveRequest({ type: ' 营业执照 ', number: ' 91320302MA7ABCDE1X ', issuedOn: ' ' })).toEqual({ action: 'approve', certificate: { type: '营业执照', number: '91320302MA7ABCDE1X' } })
    expect(approveRequest({ type: '营业执照', number: 'N1', issuedOn: '2026-03-06' })).toMatchObject({ certificate: { issuedOn: '2026-03-06' } })
  })

  it('sends a refusal as typed, so main names what is missing', () => {
    expect(rejectRequest({ refusal: 'notAccepted', reason: ' 不属于本机关职权范围 ', legalBasis: '' })).toEqual({ action: 'reject', refusal: 'notAccepted', note: '不属于本机关职权范围' })
  })

  it('sends the ticked materials with the text and the due date', () => {
    expect(supplementRequest({ picked: ['charter'], text: ' 补签 ', dueDate: '2026-03-13' })).toEqual({ action: 'requestSupplement', missingMaterials: ['charter'], note: '补签', promiseDate: '2026-03-13' })
    expect(supplementRequest({ picked: [], text: '', dueDate: '' })).toEqual({ action: 'requestSupplement', missingMaterials: [] })
  })

  it('ticks and unticks checklist lines by digit, kept in the checklist’s order', () => {
    const order = ['application', 'charter', 'premises']
    expect(materialOfDigit('3', order)).toBe('premises')
    expect(materialOfDigit('4', order)).toBeNull()
    expect(materialOfDigit('0', order)).toBeNull()
    const picked = togglePicked(togglePicked([], 'premises', order), 'application', order)
    expect(picked).toEqual(['application', 'premises'])
    expect(togglePicked(picked, 'premises', order)).toEqual(['application'])
  })

  it('shows main’s refusal under the field it names', () => {
    expect(['certificate.number', 'certificate.type', 'certificate.issuedOn', 'legalBasis', 'note', 'caseNo', undefined].map(dialogFieldOf)).toEqual([
      'number',
      'type',
      'issuedOn',
      'legalBasis',
      'note',
      'general',
      'general',
    ])
  })
})
