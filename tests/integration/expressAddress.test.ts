import { describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { checkDivision } from '../../main/domain/divisionCheck'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { nationalDivisions } from '../../main/domain/nationalDivisions'
import { districtsOf } from '../../main/services/cases/demoPeople'
import { aPersonForm, tableCounts } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'

const world = caseWorldsPerTest()

const express = (province: string, city: string, district: string): IntakeForm['delivery'] => ({
  method: 'express',
  recipient: '张建国',
  phone: '13951234567',
  province,
  city,
  district,
  address: '中山北路 12 号',
})

describe('an express delivery address at acceptance', () => {
  it.each([
    ['a province that does not exist', express('江酥省', '徐州市', '鼓楼区'), 'delivery.province', /省份“江酥省”不在全国行政区划中/],
    ['a city of another province', express('江苏省', '杭州市', '西湖区'), 'delivery.city', /城市“杭州市”不在江苏省的行政区划中（“杭州市”属于浙江省）/],
    ['a district of another city', express('江苏省', '徐州市', '朝阳区'), 'delivery.district', /区县“朝阳区”不在徐州市的行政区划中/],
  ])('is refused for %s, naming the field, and nothing is written', (_what, delivery, field, message) => {
    const w = world()
    const before = tableCounts(w.store)
    let error: unknown
    try {
      w.services.intake.accept({ form: aPersonForm({ delivery }) })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'BAD_INPUT', field })
    expect((error as AppError).message).toMatch(/^收件地址有误：/)
    expect((error as AppError).message).toMatch(message)
    expect(tableCounts(w.store)).toEqual(before)
  })

  it('is stored with the full names when the clerk typed short forms', () => {
    const w = world()
    const { caseNo } = w.services.intake.accept({ form: aPersonForm({ delivery: express('江苏', '徐州', '鼓楼') }) })
    expect(w.services.cases.get(caseNo).express).toMatchObject({ province: '江苏省', city: '徐州市', district: '鼓楼区' })
  })
})

describe('demo addresses for a hall outside Xuzhou', () => {
  it.each(['320100', '110000', '441900'])('are real districts of region %s, so seeded express cases pass the check', (regionCode) => {
    const districts = districtsOf(regionCode)
    expect(districts.length).toBeGreaterThan(0)
    for (const d of districts) {
      expect(checkDivision({ province: d.province, city: d.city, district: d.name }, nationalDivisions()), `${d.city}${d.name}`).toMatchObject({ ok: true })
      expect(d.code.startsWith(regionCode.slice(0, 2))).toBe(true)
    }
  })
})
