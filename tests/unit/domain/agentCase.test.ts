import { describe, expect, it } from 'vitest'
import { agentCatalog, agentDelivery, requireAgentItem, requireAuthorisation } from '../../../main/domain/agentCase'
import { parseCatalog } from '../../../main/domain/catalog/catalogSchema'
import type { IntakeForm } from '../../../main/domain/intakeForm'
import { aCatalog, anItem } from '../../fixtures/catalogBuilder'
import { refusal } from '../../fixtures/refusal'

const branch = { branchName: '中国工商银行徐州鼓楼支行', branchCode: 'ICBC-XZ-0301' }
const SHA = 'a'.repeat(64)

describe('the items an agent station offers', () => {
  it('keeps only the items the catalog opens to bank branches', () => {
    const open = anItem({ name: '企业设立登记', agentAllowed: true, establishment: true })
    const closed = anItem({ name: '食品生产许可', agentAllowed: false })
    const catalog = parseCatalog(aCatalog({ items: [open, closed] }))
    expect(agentCatalog(catalog).items.map((i) => i.name)).toEqual(['企业设立登记'])
    // The hall's own catalog is left whole.
    expect(catalog.items).toHaveLength(2)
  })

  it('refuses an item not open to branches, naming the item, the branch and where to go instead', () => {
    const e = refusal(() => requireAgentItem({ code: 'XK00203002', name: '食品生产许可', agentAllowed: false }, branch))
    expect(e).toMatchObject({ code: 'FORBIDDEN', field: 'itemCode' })
    expect(e.message).toContain('食品生产许可')
    expect(e.message).toContain('不在银行网点代办范围内')
    expect(e.message).toContain('中国工商银行徐州鼓楼支行')
    expect(e.message).toContain('政务服务大厅')
  })

  it('lets an agent-allowed item through', () => {
    expect(() => requireAgentItem({ code: 'XK00201001', name: '企业设立登记', agentAllowed: true }, branch)).not.toThrow()
  })
})

describe('the applicant’s authorisation', () => {
  it('is required ticked before anything else', () => {
    const e = refusal(() => requireAuthorisation({}, SHA))
    expect(e).toMatchObject({ code: 'BAD_INPUT', field: 'authorisation.confirmed' })
    expect(e.message).toContain('授权委托书')
    expect(refusal(() => requireAuthorisation({ authorisation: { confirmed: false } }, SHA)).field).toBe('authorisation.confirmed')
  })

  it('is required photographed once ticked', () => {
    const e = refusal(() => requireAuthorisation({ authorisation: { confirmed: true } }, null))
    expect(e).toMatchObject({ code: 'BAD_INPUT', field: 'authorisation.photo' })
    expect(e.message).toContain('高拍仪')
  })

  it('gives the photo’s hash to keep when both are there', () => {
    expect(requireAuthorisation({ authorisation: { confirmed: true } }, SHA)).toBe(SHA)
  })
})

describe('an agent station’s delivery', () => {
  const applicant: IntakeForm['applicant'] = { kind: 'person', name: '周建国', phone: '13905161234', address: '江苏省徐州市鼓楼区中山北路88号' }

  it('defaults to express filled from the applicant when the form names no method', () => {
    expect(agentDelivery({ applicant }, { delivery: ['window', 'express'] })).toEqual({
      method: 'express',
      recipient: '周建国',
      phone: '13905161234',
      province: '江苏省',
      city: '徐州市',
      district: '鼓楼区',
      address: '中山北路88号',
    })
  })

  it('keeps a method the clerk chose, and window pickup where the item has no express', () => {
    expect(agentDelivery({ applicant, delivery: { method: 'window' } }, { delivery: ['window', 'express'] })).toEqual({ method: 'window' })
    expect(agentDelivery({ applicant }, { delivery: ['window'] })).toBeUndefined()
  })

  it('keeps what was typed and fills only the blanks', () => {
    const typed = agentDelivery({ applicant, delivery: { recipient: '周小燕' } }, { delivery: ['window', 'express'] })
    expect(typed).toMatchObject({ method: 'express', recipient: '周小燕', city: '徐州市' })
  })
})
