import { describe, expect, it } from 'vitest'
import { checkUscc, usccCheckChar } from '../../../main/domain/uscc'
import { aUscc } from '../../fixtures/registrationNumbers'

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a published enterprise code (华为技术有限公司)', () => {
    expect(checkUscc('914403001922038216')).toEqual({ valid: true, normalized: '914403001922038216' })
  })

  it('accepts codes of several registration authorities built with their check character', () => {
    const codes = [
      aUscc('91320300MA1MXXXXX'), // enterprise, registered in 徐州
      aUscc('92320302MA1T2Y5K0'), // individual business (个体工商户)
      aUscc('52320300509999999'), // private non-enterprise unit (民政)
      aUscc('12100000400000624'), // public institution at the central level
    ]
    for (const code of codes) {
      expect(checkUscc(code)).toEqual({ valid: true, normalized: code })
      expect(usccCheckChar(code)).toBe(code[17])
    }
  })

  it('accepts lower case and spaces and returns the upper-case code', () => {
    const code = aUscc('91320300MA1MXXXXX')
    expect(checkUscc(` ${code.slice(0, 9).toLowerCase()} ${code.slice(9).toLowerCase()}`)).toEqual({ valid: true, normalized: code })
  })

  it('names the expected check character when the last one is wrong', () => {
    expect(checkUscc('914403001922038217')).toEqual({ valid: false, reason: '校验位应为 6，实为 7' })
  })

  it('rejects the letters the standard leaves out, saying which ones those are', () => {
    const result = checkUscc('91440300192203821O')
    expect(result).toEqual({ valid: false, reason: '第 18 位“O”不是有效字符（代码不使用 I、O、S、V、Z）' })
    expect(checkUscc('9144030019220382I6').valid).toBe(false)
  })

  it('rejects a registration authority that does not exist', () => {
    expect(checkUscc(aUscc('B1440300192203821'))).toEqual({ valid: false, reason: '第 1 位登记管理部门代码“B”不存在' })
  })

  it('rejects an organisation type the authority does not issue', () => {
    const result = checkUscc(aUscc('94440300192203821'))
    expect(result).toEqual({
      valid: false,
      reason: '第 2 位机构类别代码“4”不属于登记管理部门“工商（市场监管）”（9），应为 1、2、3 之一',
    })
  })

  it('requires a six-digit region code with a real province', () => {
    expect(checkUscc(aUscc('9144A300192203821'))).toEqual({ valid: false, reason: '第 3–8 位行政区划码“44A300”应为 6 位数字' })
    expect(checkUscc(aUscc('91990300192203821'))).toEqual({ valid: false, reason: '第 3–8 位行政区划码 990300 的省级代码 99 不存在' })
  })

  it('says how long the code is when it has the wrong length', () => {
    expect(checkUscc('91440300192203821')).toEqual({ valid: false, reason: '统一社会信用代码应为 18 位，实为 17 位' })
    expect(checkUscc('   ')).toEqual({ valid: false, reason: '请输入统一社会信用代码' })
  })
})
