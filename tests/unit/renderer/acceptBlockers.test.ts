import { describe, expect, it } from 'vitest'
import { acceptBlockers, applicantBlockers, receiveAllRequired, type CatalogItemView, type CatalogMaterial, type IntakeForm } from '../../../renderer/screens/intake/intakeModel'

const material = (over: Partial<CatalogMaterial> & { id: string }): CatalogMaterial => ({ name: `材料${over.id}`, form: 'original', copies: 1, required: true, ...over })

function anItem(over: Partial<CatalogItemView> = {}): CatalogItemView {
  return {
    code: 'XK00201001',
    name: '企业设立登记',
    department: 'SCJG',
    departmentName: '市场监督管理局',
    promisedDays: 3,
    legalDays: 3,
    materials: [material({ id: 'application' }), material({ id: 'premises', form: 'copy', copies: 2 }), material({ id: 'proxy', required: false })],
    fee: null,
    delivery: ['window', 'express'],
    agentAllowed: true,
    keywords: [],
    establishment: false,
    certificate: null,
    ...over,
  }
}

const fields = (bs: ReadonlyArray<{ field: string }>): string[] => bs.map((b) => b.field)

describe('what the accept panel lists before Accept is pressed', () => {
  it('lists the phone a card tap leaves empty, and nothing the card filled', () => {
    const tapped = { kind: 'person' as const, name: '李明远', idNumber: '320302198506122313', address: '江苏省徐州市鼓楼区中山北路88号', source: 'card' as const }
    expect(applicantBlockers(tapped, null)).toEqual([{ field: 'applicant.phone', label: 'phone', kind: 'required' }])
    expect(applicantBlockers({ ...tapped, phone: '13912345678' }, null)).toEqual([])
  })

  it('counts a value of spaces as empty, as main does', () => {
    expect(fields(applicantBlockers({ kind: 'person', name: '  ', idNumber: '320302198506122313', phone: '13912345678' }, null))).toEqual(['applicant.name'])
  })

  it('asks an enterprise for its credit code, and an establishment for its proposed name and handler instead', () => {
    const enterprise = { kind: 'enterprise' as const, name: '', phone: '' }
    expect(fields(applicantBlockers(enterprise, anItem()))).toEqual(['applicant.name', 'applicant.uscc', 'applicant.phone'])
    const setUp = applicantBlockers(enterprise, anItem({ establishment: true }))
    expect(fields(setUp)).toEqual(['applicant.name', 'applicant.phone', 'applicant.handlerName', 'applicant.handlerIdNumber'])
    expect(setUp[0]).toMatchObject({ label: 'proposedName' })
  })

  it('asks for a started handler to be finished on an ordinary enterprise', () => {
    const a = { kind: 'enterprise' as const, name: '徐州云帆贸易有限公司', uscc: '91320300MA1XYW12B0', phone: '0516-83801234', handlerName: '李晓梅' }
    expect(fields(applicantBlockers(a, anItem()))).toEqual(['applicant.handlerIdNumber'])
  })

  it('orders the applicant, the item, then the checklist', () => {
    const form: IntakeForm = { applicant: { kind: 'person', name: '李明远', idNumber: '320302198506122313' } }
    expect(fields(acceptBlockers(form, null))).toEqual(['applicant.phone', 'itemCode'])
    const picked: IntakeForm = { ...form, itemCode: 'XK00201001', materials: [{ materialId: 'application', receivedCopies: 1 }] }
    expect(fields(acceptBlockers(picked, anItem()))).toEqual(['applicant.phone', 'materials.premises'])
  })
})

describe('Ctrl+A in the checklist', () => {
  it('receives every required material with the copies the catalog asks for, deferrals dropped', () => {
    const form: IntakeForm = {
      itemCode: 'XK00201001',
      materials: [
        { materialId: 'application', receivedCopies: 0 },
        { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-12-01' },
      ],
    }
    const after = receiveAllRequired(anItem(), form)
    expect(after.materials).toEqual([
      { materialId: 'application', receivedCopies: 1 },
      { materialId: 'premises', receivedCopies: 2 },
      { materialId: 'proxy', receivedCopies: 0 },
    ])
    expect(acceptBlockers({ ...after, applicant: { kind: 'person', name: '李明远', idNumber: '320302198506122313', phone: '13912345678' } }, anItem())).toEqual([])
  })

  it('leaves optional lines and extra copies as the clerk set them', () => {
    const form: IntakeForm = { materials: [{ materialId: 'premises', receivedCopies: 3 }, { materialId: 'proxy', receivedCopies: 1 }] }
    expect(receiveAllRequired(anItem(), form).materials).toEqual([
      { materialId: 'application', receivedCopies: 1 },
      { materialId: 'premises', receivedCopies: 3 },
      { materialId: 'proxy', receivedCopies: 1 },
    ])
  })
})
