import { describe, expect, it } from 'vitest'
import { SfRouteCodeMapper, sfRouteStatus } from '../../../main/domain/dispatch/sfRouteCodes'

describe('SF route codes', () => {
  it('maps pickup, out for delivery, signed and returned', () => {
    expect(sfRouteStatus('50')).toBe('in_transit')
    expect(sfRouteStatus('44')).toBe('out_for_delivery')
    expect(sfRouteStatus('80')).toBe('delivered')
    expect(sfRouteStatus('631')).toBe('returned')
  })

  it('keeps sorting and line-haul codes informational', () => {
    for (const code of ['30', '31', '36', '130']) expect(sfRouteStatus(code)).toBeNull()
  })

  it('gives a failed delivery its reason from the remark', () => {
    const mapper = new SfRouteCodeMapper()
    expect(mapper.map('70', '派件不成功：收件人拒收')).toEqual({ status: 'failed', reason: 'consignee_refused', isKnown: true })
    expect(mapper.map('70', '派件不成功：收件人不在，电话无人接听').reason).toBe('consignee_not_available')
    expect(mapper.map('99', '快件异常：转运途中遗失').reason).toBe('carrier_lost')
  })

  it('counts an unknown code instead of failing, and changes nothing with it', () => {
    const mapper = new SfRouteCodeMapper()
    expect(mapper.map('8000', '?')).toEqual({ status: null, isKnown: false })
    mapper.map('8000')
    mapper.map('50')
    expect([...mapper.unmapped]).toEqual([['8000', 2]])
  })
})
