import { describe, expect, it } from 'vitest'
import {
  deliveryForItem,
  expressPrefill,
  formatYuan,
  isPlainDateText,
  lineState,
  materialBlockers,
  materialSummary,
  screenFieldOf,
  splitAddress,
  switchKind,
  ticksForItem,
  toggledReceived,
  withTick,
  type CatalogItemView,
  type CatalogMaterial,
} from '../../../renderer/screens/intake/intakeModel'

const material = (over: Partial<CatalogMaterial> & { id: string }): CatalogMaterial => ({ name: `材料${over.id}`, form: 'original', copies: 1, required: true, ...over })

function anItem(materials: CatalogMaterial[], over: Partial<CatalogItemView> = {}): CatalogItemView {
  return {
    code: 'XK00201004',
    name: '个体工商户设立登记',
    department: 'SCJG',
    departmentName: '市场监督管理局',
    promisedDays: 1,
    legalDays: 3,
    materials,
    fee: null,
    delivery: ['window', 'express'],
    agentAllowed: true,
    keywords: [],
    establishment: false,
    certificate: null,
    ...over,
  }
}

const item = anItem([material({ id: 'application' }), material({ id: 'premises', form: 'copy', copies: 2 }), material({ id: 'proxy', required: false })])

describe('the checklist rule', () => {
  it('blocks every required material that is short of copies and not deferred', () => {
    const blockers = materialBlockers(item, [
      { materialId: 'application', receivedCopies: 1 },
      { materialId: 'premises', receivedCopies: 1 },
    ])
    expect(blockers).toEqual([{ field: 'materials.premises', materialId: 'premises', name: '材料premises', kind: 'missing' }])
  })

  it('does not block an optional material left out', () => {
    expect(materialBlockers(item, [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 2 }])).toEqual([])
  })

  it('asks for the promise date once a line is deferred, and accepts it with a real date', () => {
    const deferred = [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0, deferred: true }]
    expect(materialBlockers(item, deferred)).toEqual([{ field: 'materials.premises.promiseDate', materialId: 'premises', name: '材料premises', kind: 'promiseDate' }])
    expect(materialBlockers(item, [deferred[0]!, { ...deferred[1]!, promiseDate: '2026-02-30' }])).toHaveLength(1)
    expect(materialBlockers(item, [deferred[0]!, { ...deferred[1]!, promiseDate: '2026-12-01' }])).toEqual([])
  })

  it('treats a line with no tick at all as missing', () => {
    expect(materialBlockers(item, undefined).map((b) => b.materialId)).toEqual(['application', 'premises'])
  })

  it('counts the required lines by state for the header', () => {
    const ticks = [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0, deferred: true }]
    expect(materialSummary(item, ticks)).toEqual({ required: 2, received: 1, deferred: 1, missing: 0 })
  })
})

describe('a checklist line', () => {
  const premises = material({ id: 'premises', copies: 2 })

  it('ticks all copies with Space and clears them with the next Space, dropping a deferral', () => {
    const ticked = toggledReceived(premises, { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-12-01' })
    expect(ticked).toEqual({ materialId: 'premises', receivedCopies: 2 })
    expect(toggledReceived(premises, ticked)).toEqual({ materialId: 'premises', receivedCopies: 0 })
  })

  it('reads as received, partial, missing, deferred or optional-absent', () => {
    expect(lineState(premises, { materialId: 'premises', receivedCopies: 2 })).toBe('received')
    expect(lineState(premises, { materialId: 'premises', receivedCopies: 1 })).toBe('partial')
    expect(lineState(premises, { materialId: 'premises', receivedCopies: 0 })).toBe('missing')
    expect(lineState(premises, { materialId: 'premises', receivedCopies: 1, deferred: true })).toBe('deferred')
    expect(lineState(material({ id: 'x', required: false }), { materialId: 'x', receivedCopies: 0 })).toBe('optionalAbsent')
  })

  it('keeps what was ticked when the same item is picked again, and starts other lines at zero', () => {
    const ticks = ticksForItem(item, [{ materialId: 'premises', receivedCopies: 2 }, { materialId: 'gone', receivedCopies: 1 }])
    expect(ticks).toEqual([
      { materialId: 'application', receivedCopies: 0 },
      { materialId: 'premises', receivedCopies: 2 },
      { materialId: 'proxy', receivedCopies: 0 },
    ])
  })

  it('replaces one line of the form and adds a line it did not have', () => {
    const form = withTick({ materials: [{ materialId: 'application', receivedCopies: 0 }] }, { materialId: 'application', receivedCopies: 1 })
    expect(withTick(form, { materialId: 'premises', receivedCopies: 2 }).materials).toEqual([
      { materialId: 'application', receivedCopies: 1 },
      { materialId: 'premises', receivedCopies: 2 },
    ])
  })
})

describe('where a command error goes', () => {
  const form = { materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 0 }] }

  it('maps a checklist position to its material line', () => {
    expect(screenFieldOf('materials[1].materialId', form)).toBe('materials.premises')
    expect(screenFieldOf('materials[1].promiseDate', form)).toBe('materials.premises.promiseDate')
    expect(screenFieldOf('materials[9].materialId', form)).toBe('materials')
  })

  it('keeps field names the screen already uses, and has none for an error without a field', () => {
    expect(screenFieldOf('applicant.idNumber', form)).toBe('applicant.idNumber')
    expect(screenFieldOf(undefined, form)).toBeUndefined()
  })

  it('finds the line of a contract error, which names the field under the form input', () => {
    expect(screenFieldOf('form.materials[1].receivedCopies', form)).toBe('materials.premises')
    expect(screenFieldOf('form.applicant.name', form)).toBe('applicant.name')
    expect(screenFieldOf('form', form)).toBeUndefined()
  })
})

describe('addresses and delivery', () => {
  it('splits an ID card address into province, city, district and street', () => {
    expect(splitAddress('江苏省徐州市鼓楼区中山北路88号2单元501室')).toEqual({ province: '江苏省', city: '徐州市', district: '鼓楼区', rest: '中山北路88号2单元501室' })
    expect(splitAddress('北京市东城区东长安街1号')).toEqual({ province: '北京市', city: '北京市', district: '东城区', rest: '东长安街1号' })
    expect(splitAddress('新疆乌鲁木齐市天山区解放北路200号')).toEqual({ province: '新疆', city: '乌鲁木齐市', district: '天山区', rest: '解放北路200号' })
    expect(splitAddress('黑龙江省哈尔滨市南岗区西大直街92号')).toMatchObject({ province: '黑龙江省', city: '哈尔滨市', district: '南岗区' })
  })

  it('leaves an address it cannot read whole in the street line', () => {
    expect(splitAddress('人民路1号')).toEqual({ province: '', city: '', district: '', rest: '人民路1号' })
  })

  it('prefills express from the applicant without overwriting what was typed', () => {
    const applicant = { kind: 'person' as const, name: '张晓梅', phone: '13912345678', address: '江苏省徐州市鼓楼区中山北路88号' }
    expect(expressPrefill(undefined, applicant)).toEqual({
      method: 'express',
      recipient: '张晓梅',
      phone: '13912345678',
      province: '江苏省',
      city: '徐州市',
      district: '鼓楼区',
      address: '中山北路88号',
    })
    expect(expressPrefill({ recipient: '李四' }, applicant).recipient).toBe('李四')
  })

  it('sends an enterprise case to its handler', () => {
    expect(expressPrefill(undefined, { kind: 'enterprise', name: '某某有限公司', handlerName: '王五' }).recipient).toBe('王五')
  })

  it('keeps the delivery choice only when the new item offers it', () => {
    const windowOnly = anItem([], { delivery: ['window'] })
    expect(deliveryForItem({ method: 'express', recipient: '张三' }, windowOnly, undefined).method).toBe('window')
    expect(deliveryForItem({ method: 'express' }, item, undefined).method).toBe('express')
    expect(deliveryForItem(undefined, anItem([], { delivery: ['express'] }), { name: '张三' }).recipient).toBe('张三')
  })
})

describe('person and enterprise', () => {
  it('turns the person at the counter into the enterprise handler, and back', () => {
    const person = { kind: 'person' as const, name: '李明远', idNumber: '320302198506122313', phone: '13805161234', source: 'card' as const }
    const enterprise = switchKind(person, 'enterprise')
    expect(enterprise).toMatchObject({ kind: 'enterprise', name: '', handlerName: '李明远', handlerIdNumber: '320302198506122313', phone: '13805161234' })
    expect(switchKind(enterprise, 'person')).toMatchObject({ kind: 'person', name: '李明远', idNumber: '320302198506122313' })
  })

  it('changes nothing when the kind is already that', () => {
    expect(switchKind({ name: '张三' }, 'person')).toEqual({ kind: 'person', name: '张三' })
  })
})

describe('small formats', () => {
  it('knows a real date from a date-shaped string', () => {
    expect(isPlainDateText('2026-02-28')).toBe(true)
    expect(isPlainDateText('2026-02-29')).toBe(false)
    expect(isPlainDateText('2026-2-8')).toBe(false)
    expect(isPlainDateText(undefined)).toBe(false)
  })

  it('writes cents as yuan with two decimals', () => {
    expect(formatYuan(8000)).toBe('¥80.00')
    expect(formatYuan(12345)).toBe('¥123.45')
  })
})
