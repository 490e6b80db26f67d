import { describe, expect, it } from 'vitest'
import { buildOneTimeNotice, buildRefusalNotice, oneTimeNoticeDataSchema, refusalNoticeDataSchema, REMEDIES } from '../../../main/domain/print/decisionNotices'

const head = {
  hallName: '示范市政务服务中心',
  windowName: '审核 1 号工作站',
  caseNo: '320300202603020010001',
  itemName: '企业设立登记',
  itemCode: 'XK00201001',
  applicant: { name: '赵文静', idNumber: '320302198804121235', idType: '居民身份证' },
  departmentName: '市场监督管理局',
  acceptedAt: '2026-03-02 10:00',
  operator: '审核员 C003',
}

describe('the refusal notice', () => {
  it('states the decision, the reason, the legal basis and the remedies, with the ID masked and typed text escaped', () => {
    const data = refusalNoticeDataSchema.parse({ ...head, refusal: 'notPermitted', reason: '住所<不符>要求', legalBasis: '《行政许可法》第三十八条', decidedAt: '2026-03-10 11:20' })
    const { html, title } = buildRefusalNotice(data)
    expect(title).toBe('不予行政许可决定书 320300202603020010001')
    expect(html).toContain('决定不予行政许可')
    expect(html).toContain('住所&lt;不符&gt;要求')
    expect(html).toContain('《行政许可法》第三十八条')
    expect(html).toContain(REMEDIES)
    expect(REMEDIES).toMatch(/六十日内.*行政复议.*六个月内.*行政诉讼/)
    expect(html).toContain('3203**********1235')
    expect(html).not.toContain('320302198804121235')
  })

  it('is a 不予受理 decision when the reviewer chose it', () => {
    const data = refusalNoticeDataSchema.parse({ ...head, refusal: 'notAccepted', reason: '不属于本机关职权范围', legalBasis: '第三十二条', decidedAt: '2026-03-10 11:20' })
    expect(buildRefusalNotice(data).html).toContain('<h1>不予受理决定书</h1>')
  })
})

describe('the one-time supplement notice', () => {
  it('lists every material and the free text, the due date, and that the clock stops', () => {
    const data = oneTimeNoticeDataSchema.parse({ ...head, items: [{ name: '公司章程', form: '原件', copies: 1 }], text: '股东会决议缺少签字', dueDate: '2026-03-13', noticedAt: '2026-03-04 09:00' })
    const { html } = buildOneTimeNotice(data)
    expect(html).toContain('一次性告知需要补正的全部内容')
    expect(html).toContain('公司章程')
    expect(html).toContain('股东会决议缺少签字')
    expect(html).toContain('2026-03-13')
    expect(html).toContain('补正期间不计入办理时限')
  })

  it('needs something to supply', () => {
    expect(oneTimeNoticeDataSchema.safeParse({ ...head, items: [], noticedAt: '2026-03-04 09:00' }).success).toBe(false)
  })
})
