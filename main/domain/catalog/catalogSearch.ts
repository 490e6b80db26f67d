/**
 * Item search for the intake screen: Chinese substrings, full pinyin, pinyin
 * initials and code prefixes, best matches first. The pinyin of every name is
 * computed once per catalog, so a keystroke costs only string comparisons.
 */
import type { Catalog, CatalogItem } from './catalogSchema'
import { matchPinyin, pinyinSyllables, type Syllables } from './pinyinMatch'

interface IndexEntry {
  item: CatalogItem
  order: number
  name: string
  code: string
  keywords: string[]
  department: string
  nameSyllables: Syllables
  keywordSyllables: Syllables[]
}

export interface CatalogIndex {
  readonly catalog: Catalog
  readonly entries: readonly IndexEntry[]
}

const HAN = /\p{Script=Han}/u

export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  const departments = new Map(catalog.departments.map((d) => [d.code, d.name]))
  const entries = catalog.items.map((item, order) => ({
    item,
    order,
    name: item.name.toLowerCase(),
    code: item.code.toUpperCase(),
    keywords: item.keywords.map((k) => k.toLowerCase()),
    department: departments.get(item.department) ?? '',
    nameSyllables: pinyinSyllables(item.name),
    keywordSyllables: item.keywords.map((k) => pinyinSyllables(k)),
  }))
  return { catalog, entries }
}

const indexes = new WeakMap<Catalog, CatalogIndex>()

/** The index for a catalog, built on first use and kept as long as the catalog object lives. */
export function catalogIndexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog)
  if (!index) {
    index = buildCatalogIndex(catalog)
    indexes.set(catalog, index)
  }
  return index
}

function scoreHan(e: IndexEntry, q: string): number {
  if (e.name === q) return 100
  if (e.name.startsWith(q)) return 90
  if (e.name.includes(q)) return 70
  if (e.keywords.includes(q)) return 65
  if (e.keywords.some((k) => k.includes(q))) return 55
  if (e.department.includes(q)) return 20
  return 0
}

const PINYIN_SCORES = { whole: 92, start: 80, middle: 60 } as const
const KEYWORD_PINYIN_SCORES = { whole: 50, start: 45, middle: 35 } as const

function scoreLatin(e: IndexEntry, q: string): number {
  const upper = q.toUpperCase()
  if (e.code === upper) return 100
  let best = 0
  if (e.code.startsWith(upper)) best = 85
  const onName = matchPinyin(e.nameSyllables, q)
  if (onName) best = Math.max(best, PINYIN_SCORES[onName])
  if (best >= 80) return best
  if (e.keywords.some((k) => k.includes(q))) best = Math.max(best, 50)
  for (const syllables of e.keywordSyllables) {
    const onKeyword = matchPinyin(syllables, q)
    if (onKeyword) best = Math.max(best, KEYWORD_PINYIN_SCORES[onKeyword])
  }
  return best
}

/**
 * Items matching `query`, best first (exact and prefix matches before
 * substrings; then shorter names, then catalog order). An empty query lists
 * the items this counter takes most often first (`usage`: accepted cases per
 * item code), the rest in catalog order, which is how halls arrange their counters.
 */
export function searchCatalog(catalog: Catalog | CatalogIndex, query: string, limit = 20, usage?: ReadonlyMap<string, number>): CatalogItem[] {
  const index = 'entries' in catalog ? catalog : catalogIndexOf(catalog)
  const q = query.trim().toLowerCase().replace(/[\s'’-]+/g, '')
  if (q === '') return mostUsedFirst(index.entries, usage).slice(0, limit).map((e) => e.item)
  const score = HAN.test(q) ? scoreHan : scoreLatin
  return index.entries
    .map((e) => ({ e, s: score(e, q) }))
    .filter((r) => r.s > 0)
    .sort((a, b) => b.s - a.s || a.e.item.name.length - b.e.item.name.length || a.e.order - b.e.order)
    .slice(0, limit)
    .map((r) => r.e.item)
}

function mostUsedFirst(entries: readonly IndexEntry[], usage: ReadonlyMap<string, number> | undefined): readonly IndexEntry[] {
  if (!usage || usage.size === 0) return entries
  const used = (e: IndexEntry): number => usage.get(e.item.code) ?? 0
  return [...entries].sort((a, b) => used(b) - used(a) || a.order - b.order)
}
