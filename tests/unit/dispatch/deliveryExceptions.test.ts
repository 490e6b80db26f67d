import { describe, expect, it } from 'vitest'
import { exceptionNextStep, isDeliveryException } from '../../../main/domain/dispatch/deliveryExceptions'

describe('a failed or returned delivery on the desk', () => {
  it.each([
    ['failed', '派件不成功：收件人拒收', /^联系收件人核实是否拒收/],
    ['failed', '派件不成功：地址不详', /^联系收件人核实地址后重新寄递$/],
    ['failed', '派件不成功：收件人不在，电话无人接听', /^联系收件人约定派送时间/],
    ['failed', '快件异常：转运途中遗失，正在核查', /^联系承运商核查并登记理赔/],
    ['failed', '派件不成功', /^联系承运商核实原因，并联系收件人核实地址后重新寄递$/],
    ['returned', '快件已退回', /^退件到站后通知申请人到窗口领取/],
    ['returned', '收件人拒收，快件已退回', /^退件到站后联系收件人核实是否拒收/],
  ] as const)('%s “%s” gets a next step the clerk can act on', (status, words, step) => {
    expect(exceptionNextStep(status, words)).toMatch(step)
  })

  it('is an exception only while failed or returned', () => {
    expect(isDeliveryException('failed')).toBe(true)
    expect(isDeliveryException('returned')).toBe(true)
    expect(isDeliveryException('out_for_delivery')).toBe(false)
    expect(isDeliveryException('delivered')).toBe(false)
  })
})
