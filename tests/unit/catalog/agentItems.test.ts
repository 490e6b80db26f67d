import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resourcesDir } from '../../../main/config/paths'
import { agentCatalog } from '../../../main/domain/agentCase'
import { parseCatalog } from '../../../main/domain/catalog/catalogSchema'
import { searchCatalog } from '../../../main/domain/catalog/catalogSearch'

const sampleHall = parseCatalog(JSON.parse(readFileSync(join(resourcesDir(), 'catalog', 'sample-hall.json'), 'utf8')))

describe('the sample hall’s items for bank branches (代办)', () => {
  it('opens several establishment items to branches: what branches register for free', () => {
    const establishments = agentCatalog(sampleHall).items.filter((i) => i.establishment)
    expect(establishments.length).toBeGreaterThanOrEqual(3)
    expect(establishments.map((i) => i.name)).toEqual(expect.arrayContaining(['企业设立登记', '个体工商户设立登记']))
  })

  it('keeps the items that need the hall out of a branch’s search', () => {
    const agentOnly = agentCatalog(sampleHall)
    expect(searchCatalog(sampleHall, '食品生产许可').map((i) => i.name)).toContain('食品生产许可')
    expect(searchCatalog(agentOnly, '食品生产许可').map((i) => i.name)).not.toContain('食品生产许可')
    expect(searchCatalog(agentOnly, 'qysl').map((i) => i.name)).toContain('企业设立登记')
    expect(searchCatalog(agentOnly, '', 100).every((i) => i.agentAllowed)).toBe(true)
  })
})
