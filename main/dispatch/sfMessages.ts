/**
 * SF's business messages (the `msgData` JSON, specs/dispatch.md §A2): our
 * request turned into a create order, and the carrier's replies — order,
 * routes, route pushes — turned into our types. No I/O here beyond shapes.
 */
import { CarrierError } from '../domain/dispatch/carrierErrors'
import type { SfRouteCodeMapper } from '../domain/dispatch/sfRouteCodes'
import type { CreatedShipment, Party, PushParse, RouteLabelData, ShipmentRequest, TrackingEvent, TrackingSnapshot } from './carrierAdapter'

const PAY_METHOD = { sender: 1, recipient: 2, third_party: 3 } as const

function contact(type: 1 | 2, party: Party): Record<string, unknown> {
  return {
    contactType: type,
    contact: party.name,
    ...(party.company ? { company: party.company } : {}),
    ...(party.mobile ? { mobile: party.mobile } : {}),
    ...(party.tel ? { tel: party.tel } : {}),
    country: 'CN',
    province: party.province,
    city: party.city,
    county: party.county,
    address: party.address,
    ...(party.postCode ? { postCode: party.postCode } : {}),
  }
}

export function buildCreateOrder(req: ShipmentRequest, account: { monthlyCard: string | undefined; expressTypeId: number }): Record<string, unknown> {
  const parcel = req.parcels[0]
  if (!parcel || req.parcels.length !== 1) {
    throw new CarrierError('validation', 'sf', 'PARCELS', `每个运单只能寄 1 件，收到 ${req.parcels.length} 件`, { field: 'parcels' })
  }
  const weightKg = Math.max(parcel.weightGrams, 1) / 1000
  const monthlyCard = req.payment.accountNo ?? account.monthlyCard
  return {
    language: 'zh-CN',
    orderId: req.clientOrderId,
    ...(req.payment.paidBy === 'sender' && monthlyCard ? { monthlyCard } : {}),
    payMethod: PAY_METHOD[req.payment.paidBy],
    expressTypeId: req.service === 'express' ? 1 : account.expressTypeId,
    parcelQty: 1,
    totalWeight: weightKg,
    isReturnRoutelabel: 1,
    cargoDetails: [{ name: parcel.contents, count: parcel.count, unit: '件', weight: weightKg }],
    contactInfoList: [contact(1, req.sender), contact(2, req.recipient)],
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined
}

/** The create / search reply as a created shipment; filterResult 3 is a refusal, a missing waybill an uncertainty. */
export function readCreatedOrder(msgData: Record<string, unknown>, clientOrderId: string, via: 'create' | 'find'): CreatedShipment {
  const echoed = optionalText(msgData.orderId)
  if (echoed && echoed !== clientOrderId) {
    throw new CarrierError('conflict', 'sf', 'ORDER_ID_MISMATCH', `承运商答复的订单号 ${echoed} 与请求的 ${clientOrderId} 不符`)
  }
  const filterResult = Number(msgData.filterResult ?? 2)
  if (filterResult === 3) {
    throw new CarrierError('validation', 'sf', 'FILTER_3', '收件地址不在承运商收派范围（筛单结果：不可收派）：请核对区县，或改为窗口领取', { field: 'recipient.county' })
  }
  const waybills = Array.isArray(msgData.waybillNoInfoList) ? msgData.waybillNoInfoList.map(asRecord) : []
  const master = waybills.find((w) => Number(w.waybillType) === 1) ?? waybills[0]
  const waybillNo = optionalText(master?.waybillNo)
  if (!waybillNo) {
    // The order exists but has no number yet (人工筛单): ask again later, never create a second one.
    throw new CarrierError(via === 'create' ? 'unknown_outcome' : 'transient', 'sf', 'NO_WAYBILL', `承运商已接单但尚未给运单号（筛单结果 ${filterResult}），稍后查询`)
  }
  const labelInfo = Array.isArray(msgData.routeLabelInfo) ? asRecord(asRecord(msgData.routeLabelInfo[0]).routeLabelData) : {}
  const routeLabel: RouteLabelData = { waybillNo }
  const pick = (key: keyof RouteLabelData, value: unknown): void => {
    const text = optionalText(value)
    if (text) routeLabel[key] = text
  }
  pick('destRouteLabel', labelInfo.destRouteLabel)
  pick('codingMapping', labelInfo.codingMapping)
  pick('originCode', labelInfo.sourceTransferCode ?? msgData.originCode)
  pick('destCode', labelInfo.destCityCode ?? msgData.destCode)
  pick('proCode', labelInfo.proCode)
  pick('qrPayload', labelInfo.twoDimensionCode)
  return {
    carrier: 'sf',
    clientOrderId,
    waybillNo,
    routeLabel,
    serviceable: filterResult === 1 ? 'manual_review' : 'yes',
    ...(msgData.orderStatus === 'cancelled' ? { isCancelled: true } : {}),
    raw: msgData,
  }
}

/** `2025-03-18 10:32:00` (China wall time) → `2025-03-18T10:32:00+08:00`. */
export function chinaTimeToIso(acceptTime: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(acceptTime.trim())
  return match ? `${match[1]}T${match[2]}+08:00` : acceptTime
}

function toEvent(route: Record<string, unknown>, mapper: SfRouteCodeMapper): TrackingEvent {
  const code = optionalText(route.opCode) ?? ''
  const description = optionalText(route.remark) ?? ''
  const mapped = mapper.map(code, description)
  const id = optionalText(route.id)
  const location = optionalText(route.acceptAddress)
  return {
    ...(id ? { carrierEventId: id } : {}),
    at: chinaTimeToIso(optionalText(route.acceptTime) ?? ''),
    code,
    status: mapped.status,
    ...(mapped.reason ? { reason: mapped.reason } : {}),
    description,
    ...(location ? { location } : {}),
  }
}

function snapshotOf(waybillNo: string, events: TrackingEvent[]): TrackingSnapshot {
  const byTime = events.map((e, i) => ({ e, i, ms: Date.parse(e.at) })).sort((a, b) => a.ms - b.ms || a.i - b.i)
  let status: TrackingSnapshot['status'] = null
  for (const { e } of byTime) if (e.status) status = e.status
  return { waybillNo, events, status, isDelivered: events.some((e) => e.status === 'delivered') }
}

/** One snapshot per asked waybill, in the order asked; a waybill the carrier left out has no events yet. */
export function readRoutes(msgData: Record<string, unknown>, asked: string[], mapper: SfRouteCodeMapper): TrackingSnapshot[] {
  const resps = Array.isArray(msgData.routeResps) ? msgData.routeResps.map(asRecord) : []
  const byWaybill = new Map<string, TrackingEvent[]>()
  for (const resp of resps) {
    const mailNo = optionalText(resp.mailNo)
    if (!mailNo) continue
    const routes = Array.isArray(resp.routes) ? resp.routes.map(asRecord) : []
    byWaybill.set(mailNo, routes.map((r) => toEvent(r, mapper)))
  }
  return asked.map((no) => snapshotOf(no, byWaybill.get(no) ?? []))
}

const ACK_OK = JSON.stringify({ return_code: '0000', return_msg: '成功' })

/** SF's route push `{"Body":{"WaybillRoute":[…]}}`; a body we cannot read is refused so SF sends it again. */
export function readPush(body: Uint8Array, mapper: SfRouteCodeMapper): PushParse {
  let routes: Record<string, unknown>[]
  try {
    const parsed = asRecord(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)))
    const list = asRecord(parsed.Body).WaybillRoute
    if (!Array.isArray(list)) throw new Error('no WaybillRoute')
    routes = list.map(asRecord)
  } catch {
    return { events: [], ack: { status: 400, body: JSON.stringify({ return_code: '1000', return_msg: '报文无法解析' }) } }
  }
  const events: PushParse['events'] = []
  for (const route of routes) {
    const waybillNo = optionalText(route.mailno)
    if (!waybillNo) continue
    const clientOrderId = optionalText(route.orderid)
    events.push({ waybillNo, ...(clientOrderId ? { clientOrderId } : {}), event: toEvent(route, mapper) })
  }
  return { events, ack: { status: 200, body: ACK_OK } }
}
