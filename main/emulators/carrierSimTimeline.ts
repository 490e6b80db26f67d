/**
 * The simulated carrier's tracking (specs/dispatch.md §C1): a fixed timeline
 * after the pickup moment, bent by a per-waybill scenario. Events are those
 * whose time has come on the simulator's clock, so a test moves a parcel by
 * advancing that clock, never by waiting. Codes marked SIM are ours.
 */

export const scenarios = ['normal', 'refused', 'not_home', 'lost', 'early_scan', 'out_of_order'] as const
export type Scenario = (typeof scenarios)[number]

const HOUR = 3_600_000

interface Step {
  afterMs: number
  opCode: string
  remark: (p: Places) => string
  at: 'origin' | 'dest'
}

interface Places {
  origin: string
  dest: string
}

const PICKED_UP: Step = { afterMs: 0, opCode: '50', remark: () => '顺丰速运 已收取快件', at: 'origin' }
const LINE_HAUL: Step[] = [
  PICKED_UP,
  { afterMs: 2 * HOUR, opCode: '30', remark: (p) => `快件在【${p.origin}集散中心】完成分拣`, at: 'origin' },
  { afterMs: 3 * HOUR, opCode: '36', remark: (p) => `快件离开【${p.origin}集散中心】`, at: 'origin' },
  { afterMs: 10 * HOUR, opCode: '31', remark: (p) => `快件到达【${p.dest}中转场】`, at: 'dest' },
]
const TO_OUTLET: Step[] = [
  { afterMs: 20 * HOUR, opCode: '130', remark: (p) => `快件到达【${p.dest}营业点】，即将派件`, at: 'dest' },
  { afterMs: 22 * HOUR, opCode: '44', remark: () => '快件派送中，派件员：王** 138****0000', at: 'dest' },
]
const signed = (afterMs: number): Step => ({ afterMs, opCode: '80', remark: () => '已签收，签收人：本人', at: 'dest' })

const STEPS: Record<Scenario, Step[]> = {
  normal: [...LINE_HAUL, ...TO_OUTLET, signed(24 * HOUR)],
  early_scan: [...LINE_HAUL, ...TO_OUTLET, signed(24 * HOUR)],
  out_of_order: [...LINE_HAUL, ...TO_OUTLET, signed(24 * HOUR)],
  refused: [
    ...LINE_HAUL,
    ...TO_OUTLET,
    { afterMs: 23 * HOUR, opCode: '70', remark: () => '派件不成功：收件人拒收', at: 'dest' },
    { afterMs: 26 * HOUR, opCode: '631', remark: () => '快件已退回', at: 'dest' },
  ],
  not_home: [
    ...LINE_HAUL,
    ...TO_OUTLET,
    { afterMs: 23 * HOUR, opCode: '70', remark: () => '派件不成功：收件人不在，电话无人接听', at: 'dest' },
    { afterMs: 46 * HOUR, opCode: '44', remark: () => '快件再次派送中，派件员：王** 138****0000', at: 'dest' },
    signed(48 * HOUR),
  ],
  lost: [...LINE_HAUL, { afterMs: 72 * HOUR, opCode: '99', remark: () => '快件异常：转运途中遗失，正在核查', at: 'dest' }],
}

export interface SimRoute {
  /** Stable per waybill and step: pushes carry it, and a repeated push has the same id. */
  id: string
  atMs: number
  acceptTime: string
  acceptAddress: string
  opCode: string
  remark: string
}

/** `2025-03-18 10:32:00`: SF's acceptTime, China wall time (UTC+8, no daylight saving). */
export function chinaWallTime(ms: number): string {
  const iso = new Date(ms + 8 * HOUR).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
}

/** Every event of the waybill's timeline up to `nowMs`, in the order the carrier lists them. */
export function routesAt(waybillNo: string, pickupAtMs: number | null, scenario: Scenario, places: Places, nowMs: number): SimRoute[] {
  if (pickupAtMs === null) return []
  const routes: SimRoute[] = []
  STEPS[scenario].forEach((step, index) => {
    const atMs = pickupAtMs + step.afterMs
    if (atMs > nowMs) return
    routes.push({
      id: `${waybillNo}-${String(index + 1).padStart(2, '0')}`,
      atMs,
      acceptTime: chinaWallTime(atMs),
      acceptAddress: step.at === 'origin' ? places.origin : places.dest,
      opCode: step.opCode,
      remark: step.remark(places),
    })
  })
  if (scenario === 'out_of_order') {
    // The carrier's list is not always in time order: 31 (arrived) listed before 30 (sorted).
    const sorted = routes.findIndex((r) => r.opCode === '30')
    const arrived = routes.findIndex((r) => r.opCode === '31')
    if (sorted >= 0 && arrived >= 0) [routes[sorted], routes[arrived]] = [routes[arrived]!, routes[sorted]!]
  }
  return routes
}
