/**
 * The simulated carrier's order book (specs/dispatch.md §C1): create with the
 * carrier's field checks and serviceability, idempotent on the order id in
 * either of the two behaviours seen for SF (8016, or the first order's reply),
 * search, cancel (idempotent), and routes from the timeline. Business answers
 * only; the HTTP envelope, auth and faults are the server's.
 */
import { isValidWaybillNo, makeSfWaybillNo } from '../domain/dispatch/waybillCheck'
import { routesAt, type Scenario } from './carrierSimTimeline'

export type DuplicateOrderMode = 'reject_8016' | 'return_first'

export interface SimSettings {
  /** First waybill serial of each partner (12 digits at most). */
  seed: number
  duplicateOrderMode: DuplicateOrderMode
  /** Receiver counties the carrier does not serve (筛单 result 3). */
  unserviceableCounties: string[]
  /** Pickup happens by itself this long after create; null = only on /__sim/pickup. */
  autoPickupAfterMs: number | null
}

export interface InnerReply {
  success: boolean
  errorCode: string
  errorMsg: string | null
  msgData: unknown
  /** This call stored a new order (GET /__sim/calls counts them); its waybill, null when not serviceable. */
  stored?: { waybillNo: string | null }
}

/** A refusal at the gateway (the envelope's apiResultCode), e.g. too many waybills in one query. */
export class SimApiError extends Error {
  constructor(
    readonly apiResultCode: string,
    message: string,
  ) {
    super(message)
  }
}

export interface SimOrder {
  partnerId: string
  orderId: string
  waybillNo: string | null
  filterResult: 1 | 2 | 3
  status: 'created' | 'cancelled'
  createdAtMs: number
  pickupAtMs: number | null
  scenario: Scenario
  places: { origin: string; dest: string }
  /** The reply to the first create, returned again in return_first mode. */
  reply: Record<string, unknown>
}

// Area codes for the route label (SIM): a few real ones, the rest derived so runs are reproducible.
const CITY_CODES: Record<string, string> = {
  北京市: '010', 上海市: '021', 天津市: '022', 重庆市: '023', 广州市: '020', 深圳市: '755', 南京市: '025',
  武汉市: '027', 成都市: '028', 西安市: '029', 杭州市: '571', 徐州市: '516', 苏州市: '512',
}

function stableNumber(text: string, modulo: number): number {
  let h = 7
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) % 1_000_003
  return h % modulo
}

function cityCode(city: string): string {
  return CITY_CODES[city] ?? String(100 + stableNumber(city, 900))
}

const ok = (msgData: unknown, stored?: InnerReply['stored']): InnerReply => ({ success: true, errorCode: 'S0000', errorMsg: null, msgData, ...(stored ? { stored } : {}) })
const fail = (errorCode: string, errorMsg: string): InnerReply => ({ success: false, errorCode, errorMsg, msgData: null })

type Json = Record<string, unknown>
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '')

/** The create checks of §C1, each refusal naming the field in Chinese. */
function createProblem(msg: Json): InnerReply | null {
  const orderId = str(msg.orderId)
  if (!/^[\x20-\x7e]{1,64}$/.test(orderId)) return fail('SIM_FIELD_orderId', '订单号 orderId 应为 1–64 位 ASCII 字符')
  const contacts = Array.isArray(msg.contactInfoList) ? (msg.contactInfoList as Json[]) : []
  const senders = contacts.filter((c) => Number(c?.contactType) === 1)
  const receivers = contacts.filter((c) => Number(c?.contactType) === 2)
  if (senders.length !== 1 || receivers.length !== 1) return fail('SIM_FIELD_contactInfoList', `联系人 contactInfoList 应有寄件人、收件人各 1 个，实为 ${senders.length} 个、${receivers.length} 个`)
  for (const key of ['province', 'city', 'county', 'address'] as const) {
    if (!str(receivers[0]![key])) return fail(`SIM_FIELD_${key}`, `收件人 ${key} 不能为空`)
  }
  for (const [who, c] of [['寄件人', senders[0]!], ['收件人', receivers[0]!]] as const) {
    if (!str(c.mobile) && !str(c.tel)) return fail('SIM_FIELD_mobile', `${who}需要手机 mobile 或电话 tel`)
  }
  if (Number(msg.payMethod ?? 1) === 1 && !str(msg.monthlyCard)) return fail('SIM_FIELD_monthlyCard', '寄付月结（payMethod 1）需要月结卡号 monthlyCard')
  if (msg.totalWeight !== undefined && !(Number(msg.totalWeight) > 0)) return fail('SIM_FIELD_totalWeight', '重量 totalWeight 应大于 0')
  const cargo = Array.isArray(msg.cargoDetails) ? (msg.cargoDetails as Json[])[0] : undefined
  if (!cargo || !str(cargo.name)) return fail('SIM_FIELD_cargoDetails', '托寄物 cargoDetails[0].name 不能为空')
  return null
}

export class SimOrderBook {
  private readonly orders = new Map<string, SimOrder>()
  private readonly byWaybill = new Map<string, SimOrder>()
  private readonly serials = new Map<string, number>()

  constructor(private readonly settings: () => SimSettings) {}

  list(): SimOrder[] {
    return [...this.orders.values()]
  }

  byWaybillNo(waybillNo: string): SimOrder | undefined {
    return this.byWaybill.get(waybillNo)
  }

  clear(): void {
    this.orders.clear()
    this.byWaybill.clear()
    this.serials.clear()
  }

  /** The moment the courier took the parcel, on the sim clock (auto pickup and early scans included). */
  pickupAt(order: SimOrder): number | null {
    if (order.pickupAtMs !== null) return order.pickupAtMs
    if (order.scenario === 'early_scan') return order.createdAtMs
    const auto = this.settings().autoPickupAfterMs
    return auto === null ? null : order.createdAtMs + auto
  }

  routesOf(order: SimOrder, nowMs: number): ReturnType<typeof routesAt> {
    return order.waybillNo && order.status !== 'cancelled' ? routesAt(order.waybillNo, this.pickupAt(order), order.scenario, order.places, nowMs) : []
  }

  create(partnerId: string, msg: Json, nowMs: number): InnerReply {
    const orderId = str(msg.orderId)
    const existing = this.orders.get(`${partnerId}|${orderId}`)
    if (existing) {
      if (existing.status === 'cancelled') return fail('8016', '重复下单：该订单已取消，订单号不能再用')
      return this.settings().duplicateOrderMode === 'return_first' ? ok(existing.reply) : fail('8016', '重复下单')
    }
    const problem = createProblem(msg)
    if (problem) return problem
    const contacts = msg.contactInfoList as Json[]
    const sender = contacts.find((c) => Number(c.contactType) === 1)!
    const receiver = contacts.find((c) => Number(c.contactType) === 2)!
    const county = str(receiver.county)
    const originCode = cityCode(str(sender.city))
    const destCode = cityCode(str(receiver.city))
    const filterResult = this.settings().unserviceableCounties.includes(county) ? 3 : 2
    const waybillNo = filterResult === 3 ? null : this.nextWaybill(partnerId)
    const reply: Json = { orderId, originCode, destCode, filterResult, waybillNoInfoList: waybillNo ? [{ waybillType: 1, waybillNo }] : [] }
    if (waybillNo && Number(msg.isReturnRoutelabel) === 1) {
      reply.routeLabelInfo = [
        {
          code: '1000',
          routeLabelData: {
            waybillNo,
            sourceTransferCode: originCode,
            destCityCode: destCode,
            destRouteLabel: `${destCode}W-${String(stableNumber(county, 1000)).padStart(3, '0')}`,
            codingMapping: `${'ABCDEFGHJKLMNPQRSTUVWXYZ'[stableNumber(str(receiver.address), 24)]}${String(stableNumber(county + str(receiver.address), 100)).padStart(2, '0')}`,
            proCode: Number(msg.expressTypeId) === 1 ? 'T4' : 'T6',
            twoDimensionCode: `MMM={'k1':'${originCode}','k2':'${destCode}','k5':'${waybillNo}'}`,
          },
        },
      ]
    }
    const order: SimOrder = {
      partnerId,
      orderId,
      waybillNo,
      filterResult,
      status: 'created',
      createdAtMs: nowMs,
      pickupAtMs: null,
      scenario: 'normal',
      places: { origin: str(sender.city) || '始发地', dest: str(receiver.city) || '目的地' },
      reply,
    }
    this.orders.set(`${partnerId}|${orderId}`, order)
    if (waybillNo) this.byWaybill.set(waybillNo, order)
    return ok(reply, { waybillNo })
  }

  search(partnerId: string, msg: Json): InnerReply {
    const order = this.orders.get(`${partnerId}|${str(msg.orderId)}`)
    if (!order) return fail('SIM_ORDER_NOT_FOUND', `查无此订单：${str(msg.orderId)}`)
    return ok({ ...order.reply, orderStatus: order.status })
  }

  cancel(partnerId: string, msg: Json, nowMs: number): InnerReply {
    const order = this.orders.get(`${partnerId}|${str(msg.orderId)}`)
    if (!order) return fail('SIM_ORDER_NOT_FOUND', `查无此订单：${str(msg.orderId)}`)
    if (Number(msg.dealType) !== 2) return fail('SIM_FIELD_dealType', '取消订单需 dealType 为 2')
    const waybills = Array.isArray(msg.waybillNoInfoList) ? (msg.waybillNoInfoList as Json[]).map((w) => str(w?.waybillNo)) : []
    if (waybills.length > 0 && !waybills.includes(order.waybillNo ?? '')) return ok({ orderId: order.orderId, resStatus: 1 })
    if (order.status === 'cancelled') return ok({ orderId: order.orderId, resStatus: 2, alreadyCancelled: true })
    const pickup = this.pickupAt(order)
    if (pickup !== null && pickup <= nowMs) return fail('SIM_CANNOT_CANCEL_PICKED_UP', '快件已揽收，不能取消订单')
    order.status = 'cancelled'
    return ok({ orderId: order.orderId, resStatus: 2 })
  }

  routes(partnerId: string, msg: Json, nowMs: number): InnerReply {
    const numbers = (Array.isArray(msg.trackingNumber) ? msg.trackingNumber : [msg.trackingNumber]).map(str).filter(Boolean)
    if (numbers.length === 0 || numbers.length > 10) throw new SimApiError('A1001', `trackingNumber 应有 1–10 个，收到 ${numbers.length} 个`)
    const byOrderId = Number(msg.trackingType) === 2
    const bad: string[] = []
    const routeResps: Json[] = []
    for (const number of numbers) {
      if (!byOrderId && !isValidWaybillNo(number)) {
        bad.push(number)
        continue
      }
      const order = byOrderId ? this.orders.get(`${partnerId}|${number}`) : this.byWaybill.get(number)
      const mine = order && order.partnerId === partnerId ? order : undefined
      const routes = mine ? this.routesOf(mine, nowMs).map(({ acceptTime, acceptAddress, opCode, remark }) => ({ acceptTime, acceptAddress, opCode, remark })) : []
      routeResps.push({ mailNo: mine?.waybillNo ?? number, ...(byOrderId ? { orderId: number } : {}), routes })
    }
    const reply = ok({ routeResps })
    return bad.length > 0 ? { ...reply, errorMsg: `SIM_BAD_WAYBILL: ${bad.join(',')}` } : reply
  }

  private nextWaybill(partnerId: string): string {
    const serial = this.serials.get(partnerId) ?? this.settings().seed
    this.serials.set(partnerId, serial + 1)
    return makeSfWaybillNo(serial)
  }
}
