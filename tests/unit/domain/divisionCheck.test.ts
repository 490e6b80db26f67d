import { describe, expect, it } from 'vitest'
import { checkDivision, divisionByCode } from '../../../main/domain/divisionCheck'
import { nationalDivisions } from '../../../main/domain/nationalDivisions'

const tree = nationalDivisions()
const check = (province: string, city: string, district: string) => checkDivision({ province, city, district }, tree)

describe('checking a recipient’s 省/市/区县 against the national divisions (GB/T 2260)', () => {
  it('accepts a valid triple and gives its district code and full names', () => {
    expect(check('江苏省', '徐州市', '鼓楼区')).toEqual({ ok: true, code: '320302', names: { province: '江苏省', city: '徐州市', district: '鼓楼区' } })
    expect(check('广东省', '深圳市', '南山区')).toMatchObject({ ok: true, code: '440305' })
  })

  it('names the city that is not in the province, and where it is', () => {
    expect(check('江苏省', '杭州市', '西湖区')).toEqual({ ok: false, field: 'city', message: '城市“杭州市”不在江苏省的行政区划中（“杭州市”属于浙江省）' })
  })

  it('names the district that is not in the city', () => {
    expect(check('江苏省', '徐州市', '朝阳区')).toEqual({ ok: false, field: 'district', message: '区县“朝阳区”不在徐州市的行政区划中' })
  })

  it('names a province that does not exist', () => {
    expect(check('江酥省', '徐州市', '鼓楼区')).toMatchObject({ ok: false, field: 'province', message: expect.stringContaining('省份“江酥省”不在全国行政区划中') })
    expect(check('', '徐州市', '鼓楼区')).toMatchObject({ ok: false, field: 'province' })
  })

  it('accepts the short forms people write when they name one division, and gives the full names', () => {
    expect(check('江苏', '徐州', '鼓楼')).toMatchObject({ ok: true, code: '320302', names: { province: '江苏省', city: '徐州市', district: '鼓楼区' } })
    expect(check('广西', '南宁', '青秀')).toMatchObject({ ok: true, names: { province: '广西壮族自治区', city: '南宁市', district: '青秀区' } })
    expect(check('新疆', '乌鲁木齐', '天山区')).toMatchObject({ ok: true, names: { province: '新疆维吾尔自治区' } })
    expect(check('吉林', '延边', '延吉')).toMatchObject({ ok: true, names: { city: '延边朝鲜族自治州', district: '延吉市' } })
    expect(check(' 江苏省 ', '徐 州市', '鼓楼区')).toMatchObject({ ok: true, code: '320302' })
  })

  it('refuses a short form that fits two divisions, naming both', () => {
    // The data lists 长泰县 (abolished 2021) beside 长泰区.
    expect(check('福建省', '漳州市', '长泰')).toEqual({ ok: false, field: 'district', message: '“长泰”可能是 长泰县、长泰区，请写全称' })
    expect(check('福建省', '漳州市', '长泰区')).toMatchObject({ ok: true })
  })

  it('takes no single character as a short form', () => {
    expect(check('江苏省', '徐州市', '丰')).toMatchObject({ ok: false, field: 'district' })
    expect(check('江苏省', '徐州市', '丰县')).toMatchObject({ ok: true, code: '320321' })
  })

  it('knows province-level cities, written with their own name or 市辖区 as the city', () => {
    expect(check('北京市', '北京市', '朝阳区')).toMatchObject({ ok: true, code: '110105' })
    expect(check('北京', '北京', '朝阳区')).toMatchObject({ ok: true, code: '110105', names: { city: '北京市' } })
    expect(check('上海市', '市辖区', '浦东新区')).toMatchObject({ ok: true, code: '310115' })
    expect(check('北京市', '北京市', '鼓楼区')).toMatchObject({ ok: false, field: 'district' })
  })

  it('takes a town for the district where a city has no districts, and county-level cities under the province', () => {
    expect(check('广东省', '东莞市', '东城街道')).toMatchObject({ ok: true, code: '441900', names: { district: '东城街道' } })
    expect(check('湖北省', '仙桃市', '干河街道')).toMatchObject({ ok: true, code: '429004' })
    expect(check('广东省', '东莞市', '')).toMatchObject({ ok: false, field: 'district' })
  })

  it('finds a division by its code', () => {
    expect(divisionByCode(tree, '320300')).toMatchObject({ province: { name: '江苏省' }, node: { name: '徐州市' } })
    expect(divisionByCode(tree, '320302')).toMatchObject({ city: { name: '徐州市' }, node: { name: '鼓楼区' } })
    expect(divisionByCode(tree, '999999')).toBeNull()
  })
})
