import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/domain/errors'
import { checkDecision, decisionDetails, type DecisionContext, type DecisionInput } from '../../../main/domain/reviewDecisions'

const context = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  caseNo: '320300202603020010001',
  certificateType: '营业执照',
  acceptedDate: '2026-03-02',
  today: '2026-03-05',
  materials: [
    { materialId: 'application', name: '公司登记（备案）申请书' },
    { materialId: 'charter', name: '公司章程' },
    { materialId: 'premises', name: '住所使用相关文件' },
  ],
  ...overrides,
})

/** The AppError a decision is refused with (fails the test when it is accepted). */
function refusal(input: DecisionInput, ctx = context()): AppError {
  try {
    checkDecision(input, ctx)
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('the decision was accepted')
}

describe('approval (准予) and the certificate', () => {
  it('requires the certificate number where the item issues a certificate, naming the certificate', () => {
    const error = refusal({ action: 'approve', note: null })
    expect(error).toMatchObject({ code: 'BAD_INPUT', field: 'certificate.number' })
    expect(error.message).toContain('营业执照')
  })

  it('approves without a certificate where the item issues none, or is no longer in the catalog', () => {
    expect(checkDecision({ action: 'approve', note: null }, context({ certificateType: null }))).toEqual({ kind: 'approve', certificate: null })
    expect(checkDecision({ action: 'approve', note: null }, context({ certificateType: undefined }))).toEqual({ kind: 'approve', certificate: null })
  })

  it('records the certificate trimmed, issued today unless a day is given', () => {
    const decision = checkDecision({ action: 'approve', note: null, certificate: { type: '营业执照', number: ' 91320302MA1XYZ1234 ' } }, context())
    expect(decision).toEqual({ kind: 'approve', certificate: { type: '营业执照', number: '91320302MA1XYZ1234', issuedOn: '2026-03-05' } })
    const dated = checkDecision({ action: 'approve', note: null, certificate: { type: '营业执照', number: 'N1', issuedOn: '2026-03-03' } }, context())
    expect(dated).toMatchObject({ certificate: { issuedOn: '2026-03-03' } })
  })

  it('refuses a certificate of another type than the item issues, an empty number, and a day outside the case', () => {
    expect(refusal({ action: 'approve', note: null, certificate: { type: '食品经营许可证', number: 'N1' } })).toMatchObject({ field: 'certificate.type' })
    expect(refusal({ action: 'approve', note: null, certificate: { type: '营业执照', number: '   ' } })).toMatchObject({ field: 'certificate.number' })
    expect(refusal({ action: 'approve', note: null, certificate: { type: '营业执照', number: 'N1', issuedOn: '2026-03-06' } })).toMatchObject({ field: 'certificate.issuedOn' })
    expect(refusal({ action: 'approve', note: null, certificate: { type: '营业执照', number: 'N1', issuedOn: '2026-03-01' } }).message).toContain('早于办件受理日期')
    expect(refusal({ action: 'approve', note: null, certificate: { type: '营业执照', number: 'N1', issuedOn: '2026-02-30' } })).toMatchObject({ field: 'certificate.issuedOn' })
  })

  it('takes a certificate only with an approval', () => {
    expect(refusal({ action: 'produce', note: null, certificate: { type: '营业执照', number: 'N1' } })).toMatchObject({ field: 'certificate' })
  })
})

describe('refusal (不予)', () => {
  it('needs a reason, then the legal basis', () => {
    expect(refusal({ action: 'reject', note: null, legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' })).toMatchObject({ field: 'note', message: '不予办理需要填写理由' })
    expect(refusal({ action: 'reject', note: '经营范围涉及前置审批' })).toMatchObject({ field: 'legalBasis' })
    expect(refusal({ action: 'reject', note: '经营范围涉及前置审批', legalBasis: '  ' })).toMatchObject({ field: 'legalBasis' })
  })

  it('is 不予许可 unless 不予受理 is chosen, and keeps the basis and the department for the notice', () => {
    const decision = checkDecision({ action: 'reject', note: '经营范围涉及前置审批', legalBasis: ' 《行政许可法》第三十八条 ' }, context())
    expect(decision).toEqual({ kind: 'reject', refusal: 'notPermitted', reason: '经营范围涉及前置审批', legalBasis: '《行政许可法》第三十八条' })
    expect(decisionDetails(decision, '市场监督管理局')).toEqual({ refusal: 'notPermitted', legalBasis: '《行政许可法》第三十八条', departmentName: '市场监督管理局' })
    expect(checkDecision({ action: 'reject', note: '不属于本机关职权范围', legalBasis: '第三十二条', refusal: 'notAccepted' }, context())).toMatchObject({ refusal: 'notAccepted' })
  })

  it('takes a legal basis or a refusal kind only with a refusal', () => {
    expect(refusal({ action: 'approve', note: null, legalBasis: '第三十八条', certificate: { type: '营业执照', number: 'N1' } })).toMatchObject({ field: 'legalBasis' })
    expect(refusal({ action: 'requestSupplement', note: '补签', refusal: 'notAccepted' })).toMatchObject({ field: 'refusal' })
  })
})

describe('supplement (补正)', () => {
  it('lists the picked materials in the checklist’s order, with the free text', () => {
    const decision = checkDecision({ action: 'requestSupplement', note: '章程缺少股东签字页', missingMaterials: ['premises', 'application', 'premises'] }, context())
    expect(decision).toEqual({
      kind: 'requestSupplement',
      missing: [
        { materialId: 'application', name: '公司登记（备案）申请书' },
        { materialId: 'premises', name: '住所使用相关文件' },
      ],
      text: '章程缺少股东签字页',
    })
  })

  it('takes the materials alone, or the text alone, but not nothing', () => {
    expect(checkDecision({ action: 'requestSupplement', note: null, missingMaterials: ['charter'] }, context())).toMatchObject({ missing: [{ materialId: 'charter' }], text: null })
    expect(checkDecision({ action: 'requestSupplement', note: '补签' }, context())).toMatchObject({ missing: [], text: '补签' })
    expect(refusal({ action: 'requestSupplement', note: null, missingMaterials: [] })).toMatchObject({ field: 'note', message: '补正需要写明须补正的材料或内容' })
  })

  it('refuses a material that is not on the case’s checklist, naming it', () => {
    expect(refusal({ action: 'requestSupplement', note: null, missingMaterials: ['charter', 'passport'] })).toMatchObject({ field: 'missingMaterials', message: expect.stringContaining('passport') })
  })
})
