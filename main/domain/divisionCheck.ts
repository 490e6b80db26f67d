/**
 * A recipient's 省 / 市 / 区县 checked against the national administrative
 * divisions (GB/T 2260): the carrier needs all three, structured, and a typo
 * found at the counter costs a word, while one found by the carrier costs a
 * returned parcel. Pure: the division tree is passed in (nationalDivisions.ts
 * builds it from the maintained package).
 *
 * Common short forms are accepted when they name exactly one division:
 * 江苏 → 江苏省, 广西 → 广西壮族自治区, 徐州 → 徐州市, 鼓楼 → 鼓楼区 (within
 * the city). A short form that fits two divisions is refused with both names.
 */

export interface DivisionNode {
  /** Six-digit GB/T 2260 code. */
  code: string
  name: string
  children: readonly DivisionNode[]
}

/** Provinces → cities → districts. A node without children is not subdivided (东莞市, 仙桃市, 台湾省 in the data). */
export type DivisionTree = readonly DivisionNode[]

export type DivisionField = 'province' | 'city' | 'district'

export type DivisionCheck =
  | {
      ok: true
      /** The most precise code known: the district's, or the city's where the city has no districts. */
      code: string
      /** The full names (江苏 → 江苏省); a district under a city with no districts is kept as given. */
      names: { province: string; city: string; district: string }
    }
  | { ok: false; field: DivisionField; message: string }

/**
 * What may follow a short form: the administrative suffix. Autonomous
 * divisions carry their peoples' names before 自治…: 广西 + 壮族自治区,
 * 新疆 + 维吾尔自治区, 延边 + 朝鲜族自治州.
 */
const SUFFIX = /^(?:省|市|区|县|旗|盟|地区|林区|特区|特别行政区|新区|(?:[\u4e00-\u9fff]*(?:族|维吾尔))?自治(?:区|州|县|旗))$/u

/** Extra city names people write for a province-level city's districts (北京市 → 市辖区 → 东城区). */
const MUNICIPAL_CITY_ALIASES = ['市辖区', '县']

const clean = (value: string): string => value.replace(/\s+/g, '')

/** Divisions among `nodes` that `input` names: the exact name, else every short form that fits. */
function matching(nodes: readonly DivisionNode[], input: string): DivisionNode[] {
  const exact = nodes.filter((n) => n.name === input)
  if (exact.length > 0) return exact
  // One character names nothing unambiguously (丰 could be 丰县 or the start of 丰台区).
  if (Array.from(input).length < 2) return []
  return nodes.filter((n) => n.name.startsWith(input) && SUFFIX.test(n.name.slice(input.length)))
}

const quoted = (value: string): string => `“${value}”`

function ambiguous(field: DivisionField, input: string, nodes: readonly DivisionNode[]): DivisionCheck {
  const names = nodes.map((n) => n.name).join('、')
  return { ok: false, field, message: `${quoted(input)}可能是 ${names}，请写全称` }
}

/** Where else a city name exists, as a hint when it is not in the given province. */
function provincesHolding(tree: DivisionTree, city: string): string[] {
  return tree.filter((p) => matching(p.children, city).length > 0).map((p) => p.name)
}

/** A province-level city (北京市, 香港特别行政区): the data gives it one city node of its own name. */
function isProvinceLevelCity(province: DivisionNode): boolean {
  return province.children.length === 1 && province.children[0]!.name === province.name
}

export function checkDivision(input: { province: string; city: string; district: string }, tree: DivisionTree): DivisionCheck {
  const provinceText = clean(input.province)
  const cityText = clean(input.city)
  const districtText = clean(input.district)

  if (provinceText === '') return { ok: false, field: 'province', message: '请填写省份' }
  const provinces = matching(tree, provinceText)
  if (provinces.length > 1) return ambiguous('province', provinceText, provinces)
  const province = provinces[0]
  if (!province) return { ok: false, field: 'province', message: `省份${quoted(provinceText)}不在全国行政区划中，请写如“江苏省”的省级名称` }
  if (province.children.length === 0) {
    // No cities in the data (台湾省): the province is all that can be checked.
    return { ok: true, code: province.code, names: { province: province.name, city: cityText, district: districtText } }
  }

  if (cityText === '') return { ok: false, field: 'city', message: `请填写${province.name}的城市` }
  let cities = matching(province.children, cityText)
  if (cities.length === 0 && isProvinceLevelCity(province) && MUNICIPAL_CITY_ALIASES.includes(cityText)) cities = [...province.children]
  if (cities.length > 1) return ambiguous('city', cityText, cities)
  const city = cities[0]
  if (!city) {
    const elsewhere = provincesHolding(tree, cityText)
    const hint = elsewhere.length === 1 ? `（${quoted(cityText)}属于${elsewhere[0]!}）` : ''
    return { ok: false, field: 'city', message: `城市${quoted(cityText)}不在${province.name}的行政区划中${hint}` }
  }
  if (city.children.length === 0) {
    // 不设区的市 (东莞市) and county-level cities under the province (仙桃市): the district field holds a town or street.
    if (districtText === '') return { ok: false, field: 'district', message: `请填写${city.name}的镇或街道` }
    return { ok: true, code: city.code, names: { province: province.name, city: city.name, district: districtText } }
  }

  if (districtText === '') return { ok: false, field: 'district', message: `请填写${city.name}的区县` }
  const districts = matching(city.children, districtText)
  if (districts.length > 1) return ambiguous('district', districtText, districts)
  const district = districts[0]
  if (!district) return { ok: false, field: 'district', message: `区县${quoted(districtText)}不在${city.name}的行政区划中` }
  return { ok: true, code: district.code, names: { province: province.name, city: city.name, district: district.name } }
}

/** A division and its place, by code (a hall's own city from its region code). */
export function divisionByCode(tree: DivisionTree, code: string): { province: DivisionNode; city: DivisionNode | null; node: DivisionNode } | null {
  for (const province of tree) {
    if (province.code === code) return { province, city: null, node: province }
    for (const city of province.children) {
      if (city.code === code) return { province, city, node: city }
      for (const district of city.children) if (district.code === code) return { province, city, node: district }
    }
  }
  return null
}
