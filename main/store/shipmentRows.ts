/** Rows of the shipment tables as SQLite returns them, and their records (JSON columns parsed). */
import type { NormalStatus } from '../domain/dispatch/shipmentStatus'
import type { ShipmentRecord, ShipmentRouteLabel, TrackingEventRecord } from './shipmentRecords'

export interface ShipmentRow {
  id: number
  case_no: string
  case_id: number | null
  carrier: string
  order_seq: number
  generation: number
  client_order_id: string
  waybill_no: string | null
  status: NormalStatus
  status_rank: number
  status_at: string
  payload_hash: string | null
  recipient: string
  route_label: string | null
  label_prints: number
  batch_id: number | null
  last_error_class: string | null
  last_error: string | null
  exception_reason: string | null
  operator: string
  station_id: string
  created_at: string
  updated_at: string
}

export const toShipment = (r: ShipmentRow): ShipmentRecord => ({
  id: r.id,
  caseNo: r.case_no,
  caseId: r.case_id,
  carrier: r.carrier,
  orderSeq: r.order_seq,
  generation: r.generation,
  clientOrderId: r.client_order_id,
  waybillNo: r.waybill_no,
  status: r.status,
  statusRank: r.status_rank,
  statusAt: r.status_at,
  payloadHash: r.payload_hash,
  recipient: JSON.parse(r.recipient) as ShipmentRecord['recipient'],
  routeLabel: r.route_label === null ? null : (JSON.parse(r.route_label) as ShipmentRouteLabel),
  labelPrints: r.label_prints,
  batchId: r.batch_id,
  lastErrorClass: r.last_error_class,
  lastError: r.last_error,
  exceptionReason: r.exception_reason,
  operator: r.operator,
  stationId: r.station_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export interface EventRow {
  shipment_id: number
  dedup_key: string
  at: string
  code: string
  status: NormalStatus | null
  description: string
  location: string | null
  received_at: string
}

export const toEvent = (r: EventRow): TrackingEventRecord => ({
  shipmentId: r.shipment_id,
  dedupKey: r.dedup_key,
  at: r.at,
  code: r.code,
  status: r.status,
  description: r.description,
  location: r.location,
  receivedAt: r.received_at,
})
