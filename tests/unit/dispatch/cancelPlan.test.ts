import { describe, expect, it } from 'vitest'
import { cancelRefusal, planCancel, type CreateRowFacts } from '../../../main/domain/dispatch/cancelPlan'

const row = (over: Partial<CreateRowFacts> = {}): CreateRowFacts => ({ state: 'waiting', uncertain: false, lastErrorClass: null, ...over })
const http = { carrier: 'http' as const, isCancelPending: false }

describe('how a shipment is cancelled', () => {
  it('asks the carrier once it has made the order (a waybill is bound)', () => {
    expect(planCancel({ ...http, status: 'created', createRow: row({ state: 'done' }) })).toEqual({ kind: 'carrier', dropCreate: false })
    expect(planCancel({ ...http, status: 'label_printed', createRow: row({ state: 'done' }) })).toEqual({ kind: 'carrier', dropCreate: false })
  })

  it('cancels at once, dropping the create, when no create can have reached the carrier', () => {
    expect(planCancel({ ...http, status: 'queued', createRow: row() })).toEqual({ kind: 'local', dropCreate: true })
    // Throttled or refused before sending: the carrier knows nothing of it.
    expect(planCancel({ ...http, status: 'queued', createRow: row({ lastErrorClass: 'rate_limited' }) })).toEqual({ kind: 'local', dropCreate: true })
    expect(planCancel({ ...http, status: 'queued', createRow: row({ state: 'parked', lastErrorClass: 'validation' }) })).toEqual({ kind: 'local', dropCreate: true })
    expect(planCancel({ ...http, status: 'queued', createRow: null })).toEqual({ kind: 'local', dropCreate: false })
  })

  it('asks the carrier when a create may have reached it, and drops that create so it is not sent again', () => {
    expect(planCancel({ ...http, status: 'queued', createRow: row({ uncertain: true, lastErrorClass: 'unknown_outcome' }) })).toEqual({ kind: 'carrier', dropCreate: true })
    expect(planCancel({ ...http, status: 'queued', createRow: row({ state: 'parked', lastErrorClass: 'conflict' }) })).toEqual({ kind: 'carrier', dropCreate: true })
  })

  it('asks the carrier, after the create, when the create is in flight right now', () => {
    expect(planCancel({ ...http, status: 'queued', createRow: row({ state: 'leased' }) })).toEqual({ kind: 'carrier', dropCreate: false })
  })

  it('never asks anyone about a pre-printed waybill', () => {
    expect(planCancel({ carrier: 'manual', isCancelPending: false, status: 'label_printed', createRow: null })).toEqual({ kind: 'local', dropCreate: false })
  })

  it('refuses once the courier has the parcel, when already cancelled, and while a cancel is on its way', () => {
    expect(planCancel({ ...http, status: 'handed_over', createRow: row({ state: 'done' }) })).toEqual({ kind: 'refuse', why: 'too_late' })
    expect(planCancel({ ...http, status: 'in_transit', createRow: row({ state: 'done' }) })).toEqual({ kind: 'refuse', why: 'too_late' })
    expect(planCancel({ ...http, status: 'cancelled', createRow: null })).toEqual({ kind: 'refuse', why: 'cancelled' })
    expect(planCancel({ carrier: 'http', isCancelPending: true, status: 'created', createRow: row({ state: 'done' }) })).toEqual({ kind: 'refuse', why: 'pending' })
    expect(cancelRefusal('too_late', '320300202603020010001', 'in_transit')).toBe('办件 320300202603020010001 的快件已运输中，寄递台不能再取消：请联系承运商拦截')
  })
})
