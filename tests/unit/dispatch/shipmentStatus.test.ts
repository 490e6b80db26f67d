import { describe, expect, it } from 'vitest'
import { applyStatus, canCancel, foldEvents, isTerminal, STATUS_RANK, trackingDedupKey } from '../../../main/domain/dispatch/shipmentStatus'

const at = (hour: number): string => `2025-03-18T${String(hour).padStart(2, '0')}:00:00+08:00`

describe('shipment status machine', () => {
  it('moves only to a higher rank', () => {
    expect(applyStatus('handed_over', 'in_transit', true)).toMatchObject({ applied: true, status: 'in_transit' })
    expect(applyStatus('out_for_delivery', 'in_transit', true)).toMatchObject({ applied: false, status: 'out_for_delivery', why: 'not_higher' })
  })

  it('keeps terminal states: a late event after delivery is stored, not applied', () => {
    for (const terminal of ['delivered', 'returned', 'cancelled'] as const) {
      expect(isTerminal(terminal)).toBe(true)
      expect(applyStatus(terminal, 'failed', true)).toMatchObject({ applied: false, status: terminal, why: 'terminal' })
    }
  })

  it('lets a newer delivery attempt follow a failure, but not an older one', () => {
    expect(STATUS_RANK.failed).toBeGreaterThan(STATUS_RANK.out_for_delivery)
    expect(applyStatus('failed', 'out_for_delivery', true)).toMatchObject({ applied: true, status: 'out_for_delivery' })
    expect(applyStatus('failed', 'in_transit', false)).toMatchObject({ applied: false, why: 'older_than_failure' })
  })

  it('treats an informational code as no change', () => {
    expect(applyStatus('in_transit', null, true)).toMatchObject({ applied: false, why: 'informational' })
  })

  it('flags a pickup scanned before the handover was closed', () => {
    expect(applyStatus('label_printed', 'in_transit', true)).toEqual({ applied: true, status: 'in_transit', handoverMissing: true })
    expect(applyStatus('handed_over', 'in_transit', true)).toEqual({ applied: true, status: 'in_transit', handoverMissing: false })
  })

  it('applies events by time, not by arrival: a not-home day ends delivered', () => {
    const events = [
      { at: at(16), status: 'delivered' as const },
      { at: at(9), status: 'in_transit' as const },
      { at: at(13), status: 'failed' as const },
      { at: at(12), status: 'out_for_delivery' as const },
      { at: at(15), status: 'out_for_delivery' as const },
    ]
    const result = foldEvents({ status: 'handed_over', at: at(8) }, events)
    expect(result.status).toBe('delivered')
    expect(result.statusAt).toBe(at(16))
    expect(result.steps.map((s) => s.outcome.status)).toEqual(['in_transit', 'out_for_delivery', 'failed', 'out_for_delivery', 'delivered'])
  })

  it('does not let an out-of-order older event undo a failure', () => {
    const result = foldEvents({ status: 'failed', at: at(13) }, [{ at: at(12), status: 'out_for_delivery' as const }])
    expect(result.status).toBe('failed')
  })

  it('allows cancel only before handover', () => {
    expect(canCancel('created')).toBe(true)
    expect(canCancel('label_printed')).toBe(true)
    expect(canCancel('handed_over')).toBe(false)
    expect(canCancel('in_transit')).toBe(false)
  })

  it('dedups by the carrier event id when there is one, else by the event facts', () => {
    const facts = { code: '50', at: at(9), location: '徐州市' }
    expect(trackingDedupKey('SF1000000000011', { ...facts, carrierEventId: 'R1' })).toBe('id:R1')
    expect(trackingDedupKey('SF1000000000011', facts)).toBe(trackingDedupKey('SF1000000000011', { ...facts }))
    expect(trackingDedupKey('SF1000000000011', facts)).not.toBe(trackingDedupKey('SF1000000000011', { ...facts, code: '30' }))
  })
})
