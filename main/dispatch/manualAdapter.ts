/**
 * The manual carrier (default, no network): the clerk scans a pre-printed
 * waybill and it is bound to the case once its check digit holds. Nothing is
 * asked of anyone, so a "create" is as idempotent as the local row it fills;
 * there is no tracking (the courier's own system has it).
 */
import { CarrierError } from '../domain/dispatch/carrierErrors'
import { describeWaybillProblem, normalizeWaybillNo, waybillProblem } from '../domain/dispatch/waybillCheck'
import type { CallCtx, Capabilities, CarrierAdapter, CreatedShipment, ShipmentRequest, TrackingSnapshot } from './carrierAdapter'

export class ManualAdapter implements CarrierAdapter {
  readonly code = 'manual' as const
  readonly capabilities: Capabilities = {
    createShipment: true,
    cancel: true,
    label: 'self',
    trackPoll: false,
    trackPush: false,
    idempotentCreate: 'native',
    maxTrackBatch: 0,
  }

  validateWaybillNo(no: string): boolean {
    return waybillProblem(no) === null
  }

  async createShipment(req: ShipmentRequest, ctx: CallCtx): Promise<CreatedShipment> {
    const scanned = req.preprintedWaybillNo
    if (!scanned?.trim()) {
      throw new CarrierError('validation', 'manual', 'WAYBILL_REQUIRED', '手工面单模式需要先扫描预印面单上的运单号', { field: 'waybillNo' })
    }
    const problem = waybillProblem(scanned)
    if (problem) throw new CarrierError('validation', 'manual', problem.kind === 'shape' ? 'WAYBILL_SHAPE' : 'WAYBILL_CHECK_DIGIT', describeWaybillProblem(problem), { field: 'waybillNo' })
    const waybillNo = normalizeWaybillNo(scanned)
    return {
      carrier: 'manual',
      clientOrderId: req.clientOrderId,
      waybillNo,
      routeLabel: { waybillNo },
      serviceable: 'yes',
      raw: { boundAt: ctx.now().toISOString(), scanned: waybillNo },
    }
  }

  /** No carrier holds our orders: the local shipment row is the only record. */
  async findByClientOrderId(): Promise<CreatedShipment | null> {
    return null
  }

  /** Unbinding a pre-printed waybill concerns no one else; the paper label is voided by hand. */
  async cancelShipment(): Promise<'cancelled'> {
    return 'cancelled'
  }

  async track(): Promise<TrackingSnapshot[]> {
    throw new CarrierError('unsupported', 'manual', 'NO_TRACKING', '手工面单不支持在线查询物流轨迹')
  }
}
