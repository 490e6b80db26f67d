import { describe, expect, it } from 'vitest'
import { parseCatalog, type Catalog } from '../../../main/domain/catalog/catalogSchema'
import { buildCatalogIndex, searchCatalog } from '../../../main/domain/catalog/catalogSearch'
import { aCatalog, anItem } from '../../fixtures/catalogBuilder'

function hall(): Catalog {
  return parseCatalog(
    aCatalog({
      items: [
        anItem({ code: 'XK00201002', name: '企业变更登记', keywords: ['变更法人'] }),
        anItem({ code: 'XK00201001', name: '企业设立登记', keywords: ['开公司', '营业执照'] }),
        anItem({ code: 'XK00201009', name: '外商投资企业设立登记' }),
        anItem({ code: 'XK00201004', name: '个体工商户设立登记', keywords: ['个体户'] }),
        anItem({ code: 'XK00203001', name: '食品经营许可' }),
        anItem({ code: 'XK00204001', name: '药品零售企业经营许可' }),
        anItem({ code: 'QR00301001', name: '不动产转移登记（二手房买卖）', department: 'ZRZY', keywords: ['过户'] }),
        anItem({ code: 'GG00901001', name: '银行网点代办业务', keywords: ['旅行社'] }),
        anItem({ code: 'XK00905001', name: '旅行社业务经营许可' }),
      ],
    }),
  )
}

const names = (catalog: Catalog, query: string, limit?: number) => searchCatalog(catalog, query, limit).map((i) => i.name)

describe('catalog search', () => {
  const catalog = hall()

  it('finds 企业设立登记 by its pinyin initials', () => {
    expect(names(catalog, 'qysl')[0]).toBe('企业设立登记')
  })

  it('finds it by full pinyin, by a mixture, and ignores case and spaces', () => {
    expect(names(catalog, 'qiye')).toContain('企业设立登记')
    expect(names(catalog, 'qiyesl')[0]).toBe('企业设立登记')
    expect(names(catalog, 'QiYe SheLi')[0]).toBe('企业设立登记')
  })

  it('ranks names that start with the query before names that contain it', () => {
    expect(names(catalog, 'qiye').slice(0, 2).sort()).toEqual(['企业变更登记', '企业设立登记'])
    expect(names(catalog, 'qysl')).toEqual(['企业设立登记', '外商投资企业设立登记'])
  })

  it('ranks the exact Chinese name first, then prefixes, then substrings', () => {
    expect(names(catalog, '企业设立登记')).toEqual(['企业设立登记', '外商投资企业设立登记'])
    // Equal matches: the shorter name first, then the catalog's own order.
    expect(names(catalog, '企业')).toEqual(['企业变更登记', '企业设立登记', '外商投资企业设立登记', '药品零售企业经营许可'])
  })

  it('matches codes by prefix, case-insensitively, with an exact code first', () => {
    expect(names(catalog, 'xk00201001')[0]).toBe('企业设立登记')
    expect(names(catalog, 'XK002010')).toEqual(['企业变更登记', '企业设立登记', '个体工商户设立登记', '外商投资企业设立登记'])
  })

  it('finds items by their keywords in Chinese and in pinyin', () => {
    expect(names(catalog, '开公司')).toEqual(['企业设立登记'])
    expect(names(catalog, 'kgs')).toEqual(['企业设立登记'])
    expect(names(catalog, '过户')).toEqual(['不动产转移登记（二手房买卖）'])
  })

  it('reads a polyphonic character either way and takes v or u for ü', () => {
    expect(names(catalog, 'yinhang')[0]).toBe('银行网点代办业务')
    expect(names(catalog, 'yinxing')[0]).toBe('银行网点代办业务')
    expect(names(catalog, 'lvxingshe')[0]).toBe('旅行社业务经营许可')
    expect(names(catalog, 'luxs')[0]).toBe('旅行社业务经营许可')
  })

  it('skips punctuation in names', () => {
    expect(names(catalog, 'bdczydjesf')).toEqual(['不动产转移登记（二手房买卖）'])
  })

  it('returns nothing for a query that matches nothing', () => {
    expect(names(catalog, 'zzzz')).toEqual([])
    expect(names(catalog, '婚姻')).toEqual([])
  })

  it('lists the catalog in its own order for an empty query, up to the limit', () => {
    expect(names(catalog, '  ', 3)).toEqual(['企业变更登记', '企业设立登记', '外商投资企业设立登记'])
  })

  it('returns at most the limit', () => {
    expect(names(catalog, 'dj', 2)).toHaveLength(2)
  })

  it('searches a prebuilt index the same way', () => {
    const index = buildCatalogIndex(catalog)
    expect(searchCatalog(index, 'gth').map((i) => i.name)).toEqual(['个体工商户设立登记'])
  })

  it('lists the items this counter takes most often first for an empty query, the rest in catalog order', () => {
    const usage = new Map([['XK00203001', 7], ['XK00201004', 12], ['NOT-IN-CATALOG', 99]])
    expect(searchCatalog(catalog, '', 4, usage).map((i) => i.name)).toEqual(['个体工商户设立登记', '食品经营许可', '企业变更登记', '企业设立登记'])
  })

  it('keeps a typed query in match order, whatever the counter takes most', () => {
    const usage = new Map([['XK00201009', 50]])
    expect(searchCatalog(catalog, 'qysl', 20, usage)[0]?.name).toBe('企业设立登记')
  })
})
