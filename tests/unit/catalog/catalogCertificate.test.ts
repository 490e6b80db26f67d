import { describe, expect, it } from 'vitest'
import { checkCatalog, parseCatalog } from '../../../main/domain/catalog/catalogSchema'
import { aCatalog, anItem, asJson } from '../../fixtures/catalogBuilder'

describe('the certificate an item issues', () => {
  it('is read from the catalog, and none where the file says nothing', () => {
    const issuing = anItem({ code: 'XK90101001', certificate: { type: '营业执照' } })
    const { certificate: _none, ...silent } = anItem({ code: 'XK90102001' })
    const catalog = parseCatalog(asJson(aCatalog({ items: [issuing, silent as typeof issuing] })))
    expect(catalog.items.map((i) => i.certificate)).toEqual([{ type: '营业执照' }, null])
  })

  it('names the item and the field when the certificate has no type', () => {
    const result = checkCatalog(asJson(aCatalog({ items: [anItem({ code: 'XK90103001', name: '食品经营许可', certificate: { type: ' ' } })] })))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/事项 XK90103001（食品经营许可）的 certificate\.type/)
  })
})
