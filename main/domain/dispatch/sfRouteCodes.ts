/**
 * SF route opCodes → our statuses (specs/dispatch.md §A2, §B4). The codes come
 * from public client code, not an official table, so the mapping is data:
 * confirm it against 丰桥 during onboarding and change only this table. An
 * unknown code never crashes and never moves a parcel: it is informational and
 * counted, so diagnostics can show what the table is missing.
 */
import type { NormalStatus } from './shipmentStatus'

export type IncidentReason =
  | 'consignee_not_available'
  | 'consignee_refused'
  | 'address_incorrect'
  | 'carrier_damaged'
  | 'carrier_lost'
  | 'held_at_outlet'
  | 'unknown'

interface CodeEntry {
  /** Null: informational (sorting, departures) — shown in the timeline, changes nothing. */
  status: NormalStatus | null
  meaning: string
}

const SF_ROUTE_CODES: Readonly<Record<string, CodeEntry>> = {
  '50': { status: 'in_transit', meaning: '已收取快件' },
  '54': { status: 'in_transit', meaning: '上门收件' },
  '30': { status: null, meaning: '分拣' },
  '36': { status: null, meaning: '离开集散中心' },
  '31': { status: null, meaning: '到达中转场' },
  '407': { status: null, meaning: '发往下一站' },
  '501': { status: null, meaning: '中转' },
  '130': { status: null, meaning: '到达营业点，即将派件' },
  '44': { status: 'out_for_delivery', meaning: '派送中' },
  '70': { status: 'failed', meaning: '派件不成功' },
  '80': { status: 'delivered', meaning: '已签收' },
  '631': { status: 'returned', meaning: '快件已退回' },
  '99': { status: 'failed', meaning: '快件异常' },
}

/** What a remark says went wrong, for the exceptions list (the carrier's words stay beside it). */
function reasonOf(opCode: string, remark: string): IncidentReason | undefined {
  if (opCode === '99') return /丢失|遗失/.test(remark) ? 'carrier_lost' : /破损/.test(remark) ? 'carrier_damaged' : 'unknown'
  if (opCode !== '70' && opCode !== '631') return undefined
  if (/拒收/.test(remark)) return 'consignee_refused'
  if (/不在|无人|联系不上|电话无人接听/.test(remark)) return 'consignee_not_available'
  if (/地址(不详|错误|有误)/.test(remark)) return 'address_incorrect'
  if (/自取|暂存|驿站/.test(remark)) return 'held_at_outlet'
  return 'unknown'
}

export interface MappedRoute {
  status: NormalStatus | null
  reason?: IncidentReason
  /** False when the code is not in the table (counted in `unmapped`). */
  isKnown: boolean
}

/** Maps opCodes and counts the ones the table lacks; one per adapter instance. */
export class SfRouteCodeMapper {
  private readonly unmappedCounts = new Map<string, number>()

  map(opCode: string, remark = ''): MappedRoute {
    const entry = SF_ROUTE_CODES[opCode]
    if (!entry) {
      this.unmappedCounts.set(opCode, (this.unmappedCounts.get(opCode) ?? 0) + 1)
      return { status: null, isKnown: false }
    }
    const reason = reasonOf(opCode, remark)
    return reason ? { status: entry.status, reason, isKnown: true } : { status: entry.status, isKnown: true }
  }

  /** Codes seen that the table does not know, with how often: for diagnostics. */
  get unmapped(): ReadonlyMap<string, number> {
    return this.unmappedCounts
  }
}

/** The table's status for a code, without counting (tests, the simulator's docs). */
export function sfRouteStatus(opCode: string): NormalStatus | null | undefined {
  return SF_ROUTE_CODES[opCode]?.status
}
