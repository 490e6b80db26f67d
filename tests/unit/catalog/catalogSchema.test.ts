import { describe, expect, it } from 'vitest'
import { checkCatalog, parseCatalog } from '../../../main/domain/catalog/catalogSchema'
import { aCatalog, aMaterial, anItem, asJson } from '../../fixtures/catalogBuilder'

const registration = (overrides: Parameters<typeof anItem>[0] = {}) => anItem({ code: 'XK00201001', name: '企业设立登记', ...overrides })

function errorsOf(json: unknown): string[] {
  const result = checkCatalog(json)
  return result.ok ? [] : result.errors
}

describe('catalog file checks', () => {
  it('accepts a sound catalog and keeps its items in order', () => {
    const items = [registration(), anItem({ code: 'QR00301001', name: '不动产登记', department: 'ZRZY' })]
    const result = checkCatalog(aCatalog({ items }))
    expect(result.ok && result.catalog.items.map((i) => i.code)).toEqual(['XK00201001', 'QR00301001'])
  })

  it('lets keywords be left out', () => {
    const { keywords: _omitted, ...item } = registration()
    const result = checkCatalog(asJson(aCatalog({ items: [item as never] })))
    expect(result.ok && result.catalog.items[0]!.keywords).toEqual([])
  })

  it('names the item and the field of a bad material count', () => {
    const materials = [aMaterial({ id: 'a' }), aMaterial({ id: 'b' }), aMaterial({ id: 'c', copies: 0 })]
    expect(errorsOf(aCatalog({ items: [registration({ materials })] }))).toEqual([
      '事项 XK00201001（企业设立登记）的 materials[2].copies：应为正整数',
    ])
    const fractional = [aMaterial({ copies: 1.5 })]
    expect(errorsOf(aCatalog({ items: [registration({ materials: fractional })] }))).toEqual([
      '事项 XK00201001（企业设立登记）的 materials[0].copies：应为正整数',
    ])
  })

  it('refuses a promise longer than the legal time limit', () => {
    expect(errorsOf(aCatalog({ items: [registration({ promisedDays: 21, legalDays: 20 })] }))).toEqual([
      '事项 XK00201001（企业设立登记）的 promisedDays：承诺时限 21 个工作日不能超过法定时限 legalDays 20 个工作日',
    ])
  })

  it('refuses a code used twice', () => {
    const items = [registration(), anItem({ code: 'XK00201001', name: '企业变更登记' })]
    expect(errorsOf(aCatalog({ items }))).toEqual(['事项 XK00201001（企业变更登记）的 code：与第 1 个事项重复'])
  })

  it('checks codes against the pattern the file declares', () => {
    expect(errorsOf(aCatalog({ items: [registration({ code: 'AB00201001' })] }))).toEqual([
      '事项 AB00201001（企业设立登记）的 code：不符合本目录的编码规则 ^(XK|QR|GG)\\d{5}\\d{3}$',
    ])
    // A province that codes items as 12 digits says so in its file.
    expect(errorsOf(aCatalog({ codePattern: '\\d{12}', items: [registration({ code: '320300000001' })] }))).toEqual([])
  })

  it('anchors the declared pattern so junk around a code does not pass', () => {
    expect(errorsOf(aCatalog({ codePattern: 'XK\\d{8}', items: [registration({ code: 'XK00201001-old' })] }))).toHaveLength(1)
  })

  it('reports a code pattern that is not a regular expression', () => {
    const errors = errorsOf(aCatalog({ codePattern: '(XK', items: [registration()] }))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^codePattern：“\(XK”不是有效的正则表达式/)
  })

  it('refuses an item of a department the catalog does not list', () => {
    expect(errorsOf(aCatalog({ items: [registration({ department: 'GA' })] }))).toEqual([
      '事项 XK00201001（企业设立登记）的 department：部门代码 GA 不在 departments 中',
    ])
  })

  it('refuses a material id used twice within one item', () => {
    const materials = [aMaterial({ id: 'licence' }), aMaterial({ id: 'licence', name: '营业执照副本' })]
    expect(errorsOf(aCatalog({ items: [registration({ materials })] }))).toEqual([
      '事项 XK00201001（企业设立登记）的 materials[1].id：材料编号 licence 在本事项内重复',
    ])
  })

  it('names a misspelt field instead of ignoring it', () => {
    const item = { ...registration(), promiseDays: 3 }
    expect(errorsOf(asJson(aCatalog({ items: [item] })))).toEqual(['事项 XK00201001（企业设立登记）：未知的字段 promiseDays'])
  })

  it('checks fees, delivery options and material forms', () => {
    const item = registration({
      fee: { amountCents: -80, feeName: '登记费' },
      delivery: ['window', 'drone' as never],
      materials: [aMaterial({ form: 'scan' as never })],
    })
    expect(errorsOf(asJson(aCatalog({ items: [item] })))).toEqual([
      '事项 XK00201001（企业设立登记）的 materials[0].form：应为 "original"、"copy"、"original_and_copy" 之一',
      '事项 XK00201001（企业设立登记）的 fee.amountCents：应为正整数',
      '事项 XK00201001（企业设立登记）的 delivery[1]：应为 "window"、"express" 之一',
    ])
  })

  it('needs fee written as null for a free item rather than left out', () => {
    const { fee: _omitted, ...item } = registration()
    expect(errorsOf(asJson(aCatalog({ items: [item as never] })))).toEqual(['事项 XK00201001（企业设立登记）的 fee：缺少此项'])
    expect(errorsOf(aCatalog({ items: [registration({ fee: null })] }))).toEqual([])
  })

  it('labels an item without a code by its position', () => {
    expect(errorsOf(asJson(aCatalog({ items: [registration(), { name: '无编码事项' } as never] })))[0]).toBe('第 2 个事项（无编码事项）的 code：缺少此项')
    expect(errorsOf(asJson(aCatalog({ items: [42 as never] })))).toEqual(['第 1 个事项（items[0]）：应为对象'])
  })

  it('names missing top-level fields', () => {
    expect(errorsOf({ items: [] })).toEqual([
      'catalogVersion：缺少此项',
      'hallName：缺少此项',
      'regionCode：缺少此项',
      'departments：缺少此项',
      'items：至少需要一项',
    ])
  })

  it('reports every error in the file, not just the first', () => {
    const items = [registration({ promisedDays: 30 }), anItem({ code: 'XK00201002', name: '企业变更登记', department: 'XX' })]
    expect(errorsOf(aCatalog({ items }))).toHaveLength(2)
  })

  it('throws CATALOG_INVALID with the errors when parsing', () => {
    expect(() => parseCatalog(aCatalog({ items: [registration({ department: 'GA' })] }))).toThrowError(
      expect.objectContaining({ code: 'CATALOG_INVALID', message: '事项目录有误：\n事项 XK00201001（企业设立登记）的 department：部门代码 GA 不在 departments 中' }),
    )
  })

  it('shows the first ten errors and counts the rest', () => {
    const items = Array.from({ length: 12 }, (_, i) => anItem({ code: `XK00201${String(i).padStart(3, '0')}`, department: 'XX' }))
    expect(() => parseCatalog(aCatalog({ items }))).toThrowError(/……另有 2 处错误$/)
  })

  it('reads the establishment mark, false when left out, and refuses anything but a boolean', () => {
    const result = checkCatalog(asJson(aCatalog({ items: [registration({ establishment: true }), anItem({ code: 'XK00201002', name: '企业变更登记' })] })))
    expect(result.ok && result.catalog.items.map((i) => i.establishment)).toEqual([true, false])
    const { establishment: _omitted, ...unmarked } = registration()
    const left = checkCatalog(asJson(aCatalog({ items: [unmarked as never] })))
    expect(left.ok && left.catalog.items[0]!.establishment).toBe(false)
    expect(errorsOf(asJson(aCatalog({ items: [{ ...registration(), establishment: 'yes' } as never] })))).toEqual([
      '事项 XK00201001（企业设立登记）的 establishment：应为 true（设立登记事项）或 false',
    ])
  })
})
