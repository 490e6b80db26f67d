/**
 * The shapes shipments, handover batches and tracking events are written and
 * read in at the store's edge (tables in migrations/012_shipments.ts).
 */
import type { NormalStatus } from '../domain/dispatch/shipmentStatus'

export interface ShipmentRecipient {
  name: string
  /** In full: the carrier needs it. Masked on labels, lists and paper. */
  phone: string
  province: string
  city: string
  district: string
  address: string
  /** GB/T 2260 code from the division check (main/domain/divisionCheck.ts). */
  divisionCode: string
}

/** What a carrier gave for printing the label ourselves (SF routeLabelInfo). */
export interface ShipmentRouteLabel {
  destRouteLabel?: string
  codingMapping?: string
  originCode?: string
  destCode?: string
  productName?: string
  qrPayload?: string
}

export interface ShipmentRecord {
  id: number
  caseNo: string
  caseId: number | null
  carrier: string
  orderSeq: number
  generation: number
  clientOrderId: string
  waybillNo: string | null
  status: NormalStatus
  statusRank: number
  statusAt: string
  payloadHash: string | null
  recipient: ShipmentRecipient
  routeLabel: ShipmentRouteLabel | null
  labelPrints: number
  batchId: number | null
  lastErrorClass: string | null
  lastError: string | null
  exceptionReason: string | null
  operator: string
  stationId: string
  createdAt: string
  updatedAt: string
}

export interface NewShipment {
  caseNo: string
  caseId?: number | null
  carrier: string
  recipient: ShipmentRecipient
  /** SHA-256 of the canonical create payload: tells a genuine duplicate from a conflict (§B3). */
  payloadHash?: string | null
  operator: string
  /** Three digits; part of the client order id. */
  stationId: string
  at: Date
}

export interface TrackingEventInput {
  /** The carrier's event id (SF push `id`) when it gives one. */
  carrierEventId?: string
  /** ISO 8601 with offset, as the carrier reported it; stored as UTC. */
  at: string
  code: string
  status: NormalStatus | null
  description: string
  location?: string
}

export interface TrackingEventRecord {
  shipmentId: number
  dedupKey: string
  at: string
  code: string
  status: NormalStatus | null
  description: string
  location: string | null
  receivedAt: string
}

export interface HandoverItemRecord {
  batchId: number
  shipmentId: number
  waybillNo: string
  caseNo: string
  recipientName: string
  status: NormalStatus
  scannedAt: string
}

export interface HandoverBatchRecord {
  id: number
  carrier: string
  stationId: string
  operator: string
  openedAt: string
  closedAt: string | null
  courierName: string | null
  courierIdMasked: string | null
  courierPhoneMasked: string | null
  signatureFile: string | null
  signatureSha256: string | null
  docSha256: string | null
  closedBy: string | null
  items: HandoverItemRecord[]
}

export interface BatchClosing {
  courierName: string
  /** Full or masked: the store keeps it masked only (3203**********1234). */
  courierIdNumber: string
  /** Full or masked: the store keeps it masked only (139****1111). */
  courierPhone: string | null
  signatureFile: string
  signatureSha256: string
  operator: string
  at: Date
}
