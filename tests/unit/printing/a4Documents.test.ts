import { describe, expect, it } from 'vitest'
import { buildHandoverList, buildMaterialsChecklist } from '../../../main/domain/print/a4Documents'
import { aHandoverList, aMaterialsChecklist, FULL_ID } from '../../fixtures/printDocuments'

describe('the A4 materials checklist (一张清单收件)', () => {
  const doc = buildMaterialsChecklist(aMaterialsChecklist())

  it('is a standalone A4 page with the case and the applicant, ID masked', () => {
    expect(doc.html).toContain('@page { size: A4')
    expect(doc.html).toContain('申请材料清单（一张清单收件）')
    expect(doc.html).toContain('3203**********1234')
    expect(doc.html).not.toContain(FULL_ID)
  })

  it('counts received and 容缺 materials and states the promise', () => {
    expect(doc.html).toContain('共 3 项，已收 1 项，容缺 1 项')
    expect(doc.html).toContain('2026-12-03</b> 前补交')
  })

  it('never turns typed text into markup', () => {
    const evil = buildMaterialsChecklist(aMaterialsChecklist({ itemName: '<script>alert(1)</script>' }))
    expect(evil.html).not.toContain('<script>')
    expect(evil.html).toContain('&lt;script&gt;')
  })

  it('offers a fragment whose styles are scoped, so a preview cannot restyle the app', () => {
    expect(doc.fragment).not.toContain('@page')
    expect(doc.fragment).not.toMatch(/(^|\})\s*body\s*\{/)
    expect(doc.fragment).toContain('.ow-a4 table')
  })
})

describe('the A4 courier handover list (交接清单)', () => {
  it('lists every waybill with its case, the counts and both signature lines', () => {
    const doc = buildHandoverList(aHandoverList())
    expect(doc.html).toContain('SF1000000000022')
    expect(doc.html).toContain('应交 2 件，实交 2 件，共 2 个包裹')
    expect(doc.html).toContain('139****1111')
    expect(doc.html).toContain('欧***')
    expect(doc.html).toContain('揽件员签名')
  })

  it('draws each waybill as a Code 128 barcode beside its number, case and masked recipient', () => {
    const doc = buildHandoverList(aHandoverList())
    for (const item of aHandoverList().items) {
      expect(doc.html).toContain(item.waybillNo)
      expect(doc.html).toContain(item.caseNo)
      expect(doc.html).toContain(`data-code128="${item.waybillNo}"`)
    }
    expect(doc.html.match(/<svg [^>]*class="code128"/g)).toHaveLength(2)
    expect(doc.html).toContain('张*')
    expect(doc.html).not.toContain('欧阳娜娜')
  })

  it('names the batch, the carrier, the count, the operator and the courier with phone and ID masked', () => {
    const doc = buildHandoverList(aHandoverList({ courierId: '320302198506122313' }))
    for (const text of ['HB-001-20261126-01', '顺丰', '实交 2 件', '交接人', 'op09', '接收人', '刘快递', '2026-11-26 16:12', '3203**********2313', '139****1111']) {
      expect(doc.html, text).toContain(text)
    }
    expect(doc.html).not.toContain('320302198506122313')
    expect(doc.html).not.toContain('13900001111')
  })

  it('shows the courier’s signature from the pad in the receiver’s box, and an empty box without one', () => {
    const signature = 'data:image/png;base64,iVBORw0KGgo='
    expect(buildHandoverList(aHandoverList({ courierSignature: signature })).html).toContain(`<span class="box"><img alt="揽件员签名" src="${signature}"></span>`)
    expect(buildHandoverList(aHandoverList()).html.match(/<span class="box"><\/span>/g)).toHaveLength(2)
  })

  it('flags a count that does not match the batch', () => {
    expect(buildHandoverList(aHandoverList({ expectedCount: 3 })).html).toContain('与应交 3 件不符')
  })
})
