/**
 * Fictional applicants for the demo hall: common surnames and given names,
 * ID numbers with real district codes and computed check characters, mobile
 * numbers, addresses in the hall's city, enterprises with valid credit codes.
 * Deterministic for a seed, so a demo database can be rebuilt identically.
 */
import { divisionByCode } from '../../domain/divisionCheck'
import { idNumberCheckChar } from '../../domain/idNumber'
import { nationalDivisions } from '../../domain/nationalDivisions'
import { usccCheckChar } from '../../domain/uscc'
import { seededRandom } from '../../domain/seededRandom'

export { seededRandom }


export type Random = () => number

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍毅浩宇轩然梓涵子墨欣怡雨桐思远晨曦佳琪俊杰志强建华建国国强海燕婷婷雪梅红梅春燕文博嘉怡一诺若汐'
const COMPOUND = ['欧阳', '司马', '诸葛', '上官']

/** District codes and road names of the default demo hall (徐州, 320300). */
const XUZHOU_DISTRICTS: ReadonlyArray<{ code: string; name: string; roads: readonly string[] }> = [
  { code: '320302', name: '鼓楼区', roads: ['中山北路', '民主北路', '平安路', '煤港路'] },
  { code: '320303', name: '云龙区', roads: ['解放南路', '和平路', '云龙湖路', '建国东路'] },
  { code: '320305', name: '贾汪区', roads: ['工农路', '泉城路', '夏桥路'] },
  { code: '320311', name: '泉山区', roads: ['淮海西路', '湖北路', '矿山路', '金山路'] },
  { code: '320312', name: '铜山区', roads: ['北京南路', '天山路', '珠江路'] },
  { code: '320321', name: '丰县', roads: ['中阳大道', '凤鸣路'] },
  { code: '320322', name: '沛县', roads: ['汉兴路', '沛公路'] },
  { code: '320324', name: '睢宁县', roads: ['八一西路', '中山路'] },
  { code: '320381', name: '新沂市', roads: ['北京路', '钟吾路'] },
  { code: '320382', name: '邳州市', roads: ['青年中路', '建设北路'] },
]

const TRADE = ['贸易', '科技', '餐饮', '建筑工程', '物流', '文化传媒', '电子商务', '医药', '机械制造', '农业发展']
const BRAND = ['云帆', '汉润', '彭城', '淮海', '龙湖', '泰和', '鑫源', '恒通', '博睿', '金鼎', '华晨', '宏达']

export interface DemoDistrict {
  code: string
  province: string
  city: string
  name: string
  roads: readonly string[]
}

const XUZHOU = (): DemoDistrict[] => XUZHOU_DISTRICTS.map((d) => ({ ...d, province: '江苏省', city: '徐州市' }))

/**
 * The hall's districts: Xuzhou's with their roads for 3203xx; for another
 * region code the real districts of its city (GB/T 2260), so a demo express
 * address passes the division check at acceptance. An unknown code gets Xuzhou's.
 */
export function districtsOf(regionCode: string): DemoDistrict[] {
  if (regionCode.startsWith('3203')) return XUZHOU()
  const tree = nationalDivisions()
  const found = divisionByCode(tree, `${regionCode.slice(0, 4)}00`) ?? divisionByCode(tree, `${regionCode.slice(0, 2)}0000`)
  const city = found?.city ?? found?.province.children[0]
  if (!found || !city) return XUZHOU()
  const roads = ['人民路', '解放路', '建设路']
  // A city without districts (东莞市): the district field holds a town or street there.
  const districts = city.children.length > 0 ? city.children : [{ code: city.code, name: '城区' }]
  return districts.map((d) => ({ code: d.code, province: found.province.name, city: city.name, name: d.name, roads }))
}

export function personName(random: Random): string {
  const surname = random() < 0.01 ? pick(random, COMPOUND) : pick(random, [...SURNAMES])
  const given = [...GIVEN]
  return surname + pick(random, given) + (random() < 0.7 ? pick(random, given) : '')
}

export function mobile(random: Random): string {
  const prefix = pick(random, ['139', '138', '137', '136', '135', '158', '159', '150', '151', '187', '188', '189', '180', '181', '133', '153', '177', '199'])
  return prefix + String(Math.floor(random() * 1e8)).padStart(8, '0')
}

/** A resident ID number born 1950–2005 in one of the districts; the check character computed per GB 11643. */
export function idNumber(random: Random, district: DemoDistrict): string {
  const year = 1950 + Math.floor(random() * 56)
  const month = 1 + Math.floor(random() * 12)
  const day = 1 + Math.floor(random() * 28)
  const seq = String(Math.floor(random() * 1000)).padStart(3, '0')
  const first17 = `${district.code}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`
  return first17 + idNumberCheckChar(first17)
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** 91 (market regulation, enterprise) + region + a random organisation code; check per GB 32100. */
export function uscc(random: Random, district: DemoDistrict): string {
  let body = `91${district.code}`
  for (let i = 0; i < 9; i++) body += USCC_BODY[Math.floor(random() * USCC_BODY.length)]
  return body + usccCheckChar(body)
}

export function enterpriseName(random: Random, district: DemoDistrict): string {
  const city = district.city.replace(/市$/, '')
  return `${city}${pick(random, BRAND)}${pick(random, TRADE)}有限公司`
}

export function streetAddress(random: Random, district: DemoDistrict): { district: string; street: string; full: string } {
  const street = `${pick(random, district.roads)} ${1 + Math.floor(random() * 300)} 号${random() < 0.5 ? ` ${1 + Math.floor(random() * 20)}-${101 + Math.floor(random() * 1800)}` : ''}`
  return { district: district.name, street, full: `${district.province}${district.city}${district.name}${street}` }
}
