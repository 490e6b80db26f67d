import { describe, expect, it } from 'vitest'
import { blockerError, blockerLine } from '../../../renderer/screens/intake/blockerText'
import { acceptBlockers, deliveryForItem, expressFollowsApplicant, type CatalogItemView, type IntakeForm } from '../../../renderer/screens/intake/intakeModel'
import { toListFilters, emptyFilters } from '../../../renderer/screens/cases/queueModel'
import { intake as zhIntake } from '../../../renderer/i18n/zh-CN/intake'

const item: CatalogItemView = {
  code: 'XK00201001',
  name: '企业设立登记',
  department: 'SCJG',
  departmentName: '市场监督管理局',
  promisedDays: 3,
  legalDays: 15,
  materials: [{ id: 'application', name: '申请书', form: 'original', copies: 1, required: true }],
  fee: null,
  delivery: ['window', 'express'],
  agentAllowed: true,
  keywords: [],
  establishment: false,
  certificate: null,
}

const ready: IntakeForm = {
  applicant: { kind: 'person', name: '周建国', idNumber: '320302198506122313', phone: '13905161234', address: '江苏省徐州市鼓楼区中山北路88号' },
  itemCode: item.code,
  materials: [{ materialId: 'application', receivedCopies: 1 }],
}

/** The screen's words, looked up as i18next would (one level of {{…}}). */
function t(key: string, options: Record<string, unknown> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhIntake)
  return String(text).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]))
}

describe('an agent intake’s blockers (代办)', () => {
  it('blocks Accept until the authorisation is ticked and photographed', () => {
    expect(acceptBlockers(ready, item, { hasPhoto: false }).map((b) => b.field)).toEqual(['authorisation.confirmed', 'authorisation.photo'])
    const ticked = { ...ready, authorisation: { confirmed: true } }
    expect(acceptBlockers(ticked, item, { hasPhoto: false }).map((b) => b.field)).toEqual(['authorisation.photo'])
    expect(acceptBlockers(ticked, item, { hasPhoto: true })).toEqual([])
  })

  it('asks nothing of the sort at a hall window', () => {
    expect(acceptBlockers(ready, item)).toEqual([])
  })

  it('says what is missing in the panel and next to the section', () => {
    const [confirm, photo] = acceptBlockers(ready, item, { hasPhoto: false })
    expect(blockerLine(confirm!, t)).toBe('未核对授权委托书')
    expect(blockerLine(photo!, t)).toBe('未拍摄授权委托书')
    expect(blockerError(photo!, t)).toContain('高拍仪')
  })
})

describe('an agent intake’s delivery', () => {
  it('pre-selects express, filled from the applicant, when an item is picked', () => {
    expect(deliveryForItem(undefined, item, ready.applicant, 'express')).toMatchObject({ method: 'express', recipient: '周建国', city: '徐州市', address: '中山北路88号' })
    // A hall window still starts at window pickup.
    expect(deliveryForItem(undefined, item, ready.applicant)).toEqual({ method: 'window' })
  })

  it('keeps window pickup the clerk chose, and falls back to it where the item has no express', () => {
    expect(deliveryForItem({ method: 'window' }, item, ready.applicant, 'express')).toEqual({ method: 'window' })
    expect(deliveryForItem(undefined, { ...item, delivery: ['window'] }, ready.applicant, 'express')).toEqual({ method: 'window' })
  })

  it('fills an express delivery’s blanks from a card tapped after the item was picked', () => {
    const blank = deliveryForItem(undefined, item, undefined, 'express')
    expect(blank).toMatchObject({ method: 'express', recipient: '', city: '' })
    expect(expressFollowsApplicant(blank, ready.applicant)).toMatchObject({ recipient: '周建国', province: '江苏省', district: '鼓楼区' })
    expect(expressFollowsApplicant({ method: 'window' }, ready.applicant)).toEqual({ method: 'window' })
  })
})

describe('the 代办 screen’s queues', () => {
  it('fix their scope whatever the clerk filters', () => {
    expect(toListFilters({ ...emptyFilters, text: '周' }, { agent: true })).toEqual({ text: '周', agent: true })
    expect(toListFilters(emptyFilters, { branchCode: 'ICBC-XZ-0301' })).toEqual({ branchCode: 'ICBC-XZ-0301' })
    expect(toListFilters(emptyFilters)).toEqual({})
  })
})
