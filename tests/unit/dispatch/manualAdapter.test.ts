import { describe, expect, it } from 'vitest'
import { CarrierError } from '../../../main/dispatch/carrierAdapter'
import { ManualAdapter } from '../../../main/dispatch/manualAdapter'
import { shipmentRequest } from '../../fixtures/carrierSimHarness'

const ctx = { requestId: 't', deadlineMs: Number.MAX_SAFE_INTEGER, now: () => new Date('2025-03-18T02:00:00Z') }

async function refusal(promise: Promise<unknown>): Promise<CarrierError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(CarrierError)
  return err as CarrierError
}

describe('manual carrier (pre-printed waybills)', () => {
  it('binds a scanned waybill whose check digit holds, as the scanner sent it', async () => {
    const created = await new ManualAdapter().createShipment(shipmentRequest({ preprintedWaybillNo: 'sf7444400043261\r\n' }), ctx)
    expect(created).toMatchObject({ carrier: 'manual', waybillNo: 'SF7444400043261', serviceable: 'yes' })
  })

  it('refuses a bad check digit with a Chinese sentence naming the expected digit, permanently', async () => {
    const err = await refusal(new ManualAdapter().createShipment(shipmentRequest({ preprintedWaybillNo: 'SF7444400043262' }), ctx))
    expect(err.cls).toBe('validation')
    expect(err.retryable).toBe(false)
    expect(err.detail.field).toBe('waybillNo')
    expect(err.message).toBe('运单号 SF7444400043262 校验位不符（末位应为 1，实为 2）：可能扫错或面单印错，请重新扫描或换一张面单')
  })

  it('asks for a scan when no waybill was given', async () => {
    const err = await refusal(new ManualAdapter().createShipment(shipmentRequest(), ctx))
    expect(err.message).toBe('手工面单模式需要先扫描预印面单上的运单号')
  })

  it('has no tracking, and says so as unsupported', async () => {
    const adapter = new ManualAdapter()
    expect(adapter.capabilities.trackPoll).toBe(false)
    expect((await refusal(adapter.track())).cls).toBe('unsupported')
  })

  it('validates the same numbers the simulator issues', () => {
    const adapter = new ManualAdapter()
    expect(adapter.validateWaybillNo('SF1000000000011')).toBe(true)
    expect(adapter.validateWaybillNo('SF1000000000012')).toBe(false)
  })
})
