/**
 * What is asked of the carrier for one shipment, fixed when the case is
 * shipped: the request travels in the outbox row, so every attempt sends the
 * same order, and its business part is hashed onto the shipment row. A
 * carrier's "order id already used" is then a genuine duplicate (same hash:
 * adopt the waybill) or a conflict (the row asks for something else).
 */
import { createHash } from 'node:crypto'
import type { Party, ShipmentRequest } from '../../dispatch/carrierAdapter'
import type { ShipmentRecipient } from '../../store/shipmentRecords'

/** The outbox row of a create (lane `carrier`, kind `shipment.create`). */
export interface CreatePayload {
  shipmentId: number
  request: ShipmentRequest
}

export const CARRIER_LANE = 'carrier'
export const CREATE_KIND = 'shipment.create'

/** One create per client order id, however often it is enqueued. */
export const createKey = (clientOrderId: string): string => `${CREATE_KIND}:${clientOrderId}`

/** The outbox row of a cancel (lane `carrier`, kind `shipment.cancel`). */
export interface CancelPayload {
  shipmentId: number
  clientOrderId: string
  /** The waybill when one was bound at the time (the carrier checks it belongs to the order). */
  waybillNo: string | null
  reason: string
  operator: string
}

export const CANCEL_KIND = 'shipment.cancel'

/** One cancel per shipment and generation: the client order id carries both. */
export const cancelKey = (clientOrderId: string): string => `${CANCEL_KIND}:${clientOrderId}`

type BusinessPart = Pick<ShipmentRequest, 'service' | 'payment' | 'sender' | 'recipient' | 'parcels'>

function recipientParty(r: ShipmentRecipient): Party {
  const phone = r.phone.trim()
  return {
    name: r.name,
    ...(/^1\d{10}$/.test(phone) ? { mobile: phone } : { tel: phone }),
    province: r.province,
    city: r.city,
    county: r.district,
    address: r.address,
  }
}

/** 证照 in a document envelope, 200 g, sender pays (the account is the carrier config's). */
export function businessPart(recipient: ShipmentRecipient, sender: Party): BusinessPart {
  return {
    service: 'standard',
    payment: { paidBy: 'sender' },
    sender,
    recipient: recipientParty(recipient),
    parcels: [{ weightGrams: 200, contents: '证照', isDocument: true, count: 1 }],
  }
}

/** JSON with every object's keys sorted: the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

export function payloadHash(part: BusinessPart): string {
  return createHash('sha256').update(canonical(part)).digest('hex')
}

/** The hash of the order a create row would send. */
export function requestHash(request: ShipmentRequest): string {
  const { service, payment, sender, recipient, parcels } = request
  return payloadHash({ service, payment, sender, recipient, parcels })
}

export function createRequest(shipment: { id: number; clientOrderId: string; caseNo: string }, part: BusinessPart): ShipmentRequest {
  return { shipmentId: String(shipment.id), clientOrderId: shipment.clientOrderId, caseNo: shipment.caseNo, ...part }
}
