/**
 * One interface for every carrier (specs/dispatch.md §B1, trimmed to what the
 * desk uses): create, find by our order id, cancel, track, and the waybill
 * check for pre-printed scans. Adapters are stateless apart from an auth-token
 * cache and make one attempt per call; the outbox owns persistence and retries
 * and acts only on the class of a CarrierError (main/domain/dispatch/carrierErrors.ts).
 */
import type { CarrierCode } from '../domain/dispatch/carrierErrors'
import type { IncidentReason } from '../domain/dispatch/sfRouteCodes'
import type { NormalStatus } from '../domain/dispatch/shipmentStatus'

export type { CarrierCode, ErrorClass } from '../domain/dispatch/carrierErrors'
export { CarrierError, isCarrierError } from '../domain/dispatch/carrierErrors'
export type { IncidentReason } from '../domain/dispatch/sfRouteCodes'
export type { NormalStatus } from '../domain/dispatch/shipmentStatus'

/** An address, Chinese-shaped (SF and EMS need province, city and county apart). */
export interface Party {
  name: string
  /** 单位: the hall's name for the sender. */
  company?: string
  /** At least one of mobile and tel; stored in full, masked on paper. */
  mobile?: string
  tel?: string
  province: string
  city: string
  county: string
  /** 详细地址: street, building, room. */
  address: string
  postCode?: string
}

export interface ParcelSpec {
  /** Integer grams in our database; adapters convert. */
  weightGrams: number
  /** 托寄物, e.g. 证照. */
  contents: string
  isDocument: boolean
  count: number
}

export interface ShipmentRequest {
  shipmentId: string
  /** Sent as the carrier's order id; the idempotency key of the create (never generated here). */
  clientOrderId: string
  /** 受理编号. */
  caseNo: string
  service: 'standard' | 'express' | 'gov_doc'
  /** 月结卡号 in accountNo when the sender pays monthly. */
  payment: { paidBy: 'sender' | 'recipient' | 'third_party'; accountNo?: string }
  sender: Party
  recipient: Party
  /** v1: exactly one. */
  parcels: ParcelSpec[]
  /** The manual carrier binds this scanned pre-printed waybill instead of asking anyone. */
  preprintedWaybillNo?: string
}

/** What a self-rendered label needs from the carrier (SF routeLabelData). */
export interface RouteLabelData {
  waybillNo: string
  /** 大头笔 / 目的地代码. */
  destRouteLabel?: string
  codingMapping?: string
  originCode?: string
  destCode?: string
  proCode?: string
  /** SF twoDimensionCode or a tracking URL. */
  qrPayload?: string
}

export interface CreatedShipment {
  carrier: CarrierCode
  clientOrderId: string
  waybillNo: string
  routeLabel?: RouteLabelData
  /** SF filterResult 2 / 1 (人工确认); 3 (不可收派) is a validation error, never a created shipment. */
  serviceable: 'yes' | 'manual_review'
  /** The carrier reports the order cancelled (a lookup after an uncertain cancel). */
  isCancelled?: boolean
  /** The carrier's reply with secrets removed, for the audit. */
  raw: unknown
}

export interface TrackingEvent {
  /** SF push `id`; absent on polls (the dedup key is built from the event's facts). */
  carrierEventId?: string
  /** ISO 8601 with +08:00 (the carrier's wall time in China). */
  at: string
  /** The carrier's code (SF opCode). */
  code: string
  /** Null: informational only. */
  status: NormalStatus | null
  reason?: IncidentReason
  /** The carrier's words (remark), as given. */
  description: string
  location?: string
}

export interface TrackingSnapshot {
  waybillNo: string
  events: TrackingEvent[]
  /** The latest mapped status among the events (by time), or null when none maps. */
  status: NormalStatus | null
  isDelivered: boolean
}

export interface Capabilities {
  createShipment: boolean
  cancel: boolean
  label: 'carrier' | 'self' | 'both'
  trackPoll: boolean
  trackPush: boolean
  /** native = the carrier dedups by clientOrderId; reconcile = look it up after an uncertain create. */
  idempotentCreate: 'native' | 'reconcile'
  maxTrackBatch: number
}

export interface CallCtx {
  /** Our correlation id for logs (the carrier's requestID is a fresh UUID per attempt). */
  requestId: string
  /** Absolute, on the real clock (Date.now()): the attempt times out when it passes. */
  deadlineMs: number
  signal?: AbortSignal
  /** The clock the carrier's timestamp is taken from (settable in tests and demo). */
  now(): Date
}

export interface PushParse {
  events: Array<{ waybillNo: string; clientOrderId?: string; event: TrackingEvent }>
  /** What to answer the carrier: anything but its success reply makes it resend. */
  ack: { status: number; body: string }
}

export interface CarrierAdapter {
  readonly code: CarrierCode
  readonly capabilities: Capabilities
  createShipment(req: ShipmentRequest, ctx: CallCtx): Promise<CreatedShipment>
  /** Null when the carrier has no order with this id (so a create may be sent). */
  findByClientOrderId(clientOrderId: string, ctx: CallCtx): Promise<CreatedShipment | null>
  cancelShipment(ref: { clientOrderId: string; waybillNo?: string }, ctx: CallCtx): Promise<'cancelled' | 'already_cancelled'>
  track(waybillNos: string[], ctx: CallCtx): Promise<TrackingSnapshot[]>
  parsePush?(body: Uint8Array, headers: Record<string, string>): PushParse
  /** Pattern and check digit, for pre-printed scans. */
  validateWaybillNo(no: string): boolean
}
