import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resourcesDir } from '../../../main/config/paths'
import { checkCatalog, type Catalog, type CatalogItem } from '../../../main/domain/catalog/catalogSchema'
import { searchCatalog } from '../../../main/domain/catalog/catalogSearch'

function sampleHall(): Catalog {
  const result = checkCatalog(JSON.parse(readFileSync(join(resourcesDir(), 'catalog', 'sample-hall.json'), 'utf8')))
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.catalog
}

describe('the shipped sample hall catalog', () => {
  const catalog = sampleHall()
  const byName = (name: string): CatalogItem => {
    const item = catalog.items.find((i) => i.name.startsWith(name))
    if (!item) throw new Error(`no item ${name}`)
    return item
  }

  it('is valid and large enough for a city hall', () => {
    expect(catalog.items.length).toBeGreaterThanOrEqual(30)
    expect(catalog.departments.length).toBeGreaterThanOrEqual(8)
    expect(new Set(catalog.items.map((i) => i.department)).size).toBe(catalog.departments.length)
    expect(catalog.regionCode).toBe('320300')
  })

  it('promises the "3550" time limits', () => {
    expect(byName('企业设立登记').promisedDays).toBe(3)
    expect(byName('不动产转移登记').promisedDays).toBe(5)
    expect(byName('建筑工程施工许可证核发').promisedDays).toBe(50)
  })

  it('charges the housing registration fee of 80 yuan and leaves most items free', () => {
    expect(byName('不动产转移登记').fee?.amountCents).toBe(8000)
    const free = catalog.items.filter((i) => i.fee === null).length
    expect(free / catalog.items.length).toBeGreaterThan(0.7)
  })

  it('lets bank-branch agents take market registration but not marriage registration', () => {
    for (const name of ['企业设立登记', '企业变更登记', '企业注销登记', '个体工商户设立登记']) expect(byName(name).agentAllowed, name).toBe(true)
    const marriage = byName('内地居民婚姻登记')
    expect(marriage.agentAllowed).toBe(false)
    expect(marriage.delivery).toEqual(['window'])
  })

  it('includes the items a counter is asked for every day', () => {
    for (const name of ['个体工商户设立登记', '食品经营许可', '公共场所卫生许可', '药品零售企业经营许可', '道路货物运输经营许可', '单位社会保险参保登记', '城乡居民基本医疗保险参保登记', '居民身份证换领', '普通护照签发']) {
      expect(byName(name).code).toMatch(/^(XK|QR|GG)\d{8}$/)
    }
  })

  it('is searchable by pinyin initials', () => {
    expect(searchCatalog(catalog, 'qysl')[0]?.name).toBe('企业设立登记')
    expect(searchCatalog(catalog, 'gtgsh')[0]?.name).toBe('个体工商户设立登记')
  })

  it('marks the items that set up a business as establishment (设立登记), and no others', () => {
    expect(catalog.items.filter((i) => i.establishment).map((i) => i.name)).toEqual(['企业设立登记', '个体工商户设立登记', '农民专业合作社设立登记'])
  })
})
