/**
 * A return or failed delivery as the courier desk shows it: the carrier's own
 * words, and what staff should do next. The next step is read from the
 * words (SF remarks say 拒收, 地址不详, 无人…), so one table serves every
 * carrier whose remarks are Chinese; an unknown reason still gets a step.
 */
import type { NormalStatus } from './shipmentStatus'

const STEPS: ReadonlyArray<{ words: RegExp; step: string }> = [
  { words: /拒收/, step: '联系收件人核实是否拒收；确认后改为窗口领取，或按新地址重新寄递' },
  { words: /地址(不详|错误|有误)|查无此人|地址/, step: '联系收件人核实地址后重新寄递' },
  { words: /不在|无人|联系不上|电话无人接听|电话/, step: '联系收件人约定派送时间，或请其到快递网点自取' },
  { words: /丢失|遗失|破损/, step: '联系承运商核查并登记理赔；证件遗失须按规定补办后重新寄递' },
  { words: /自取|暂存|驿站/, step: '通知收件人到快递网点或驿站自取' },
]

/** True for the statuses the desk lists as exceptions. */
export function isDeliveryException(status: NormalStatus): boolean {
  return status === 'failed' || status === 'returned'
}

/** What staff do next about a failed or returned parcel, from the carrier's words. */
export function exceptionNextStep(status: NormalStatus, carrierWords: string): string {
  const found = STEPS.find((s) => s.words.test(carrierWords))
  if (status === 'returned') {
    return found ? `退件到站后${found.step}` : '退件到站后通知申请人到窗口领取，或联系收件人核实地址后重新寄递'
  }
  return found?.step ?? '联系承运商核实原因，并联系收件人核实地址后重新寄递'
}
