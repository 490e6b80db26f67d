import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/domain/errors'
import {
  allowedActions,
  caseActions,
  caseStates,
  isClockStopped,
  isOpen,
  nextState,
  stateLabels,
  type CaseAction,
  type CaseState,
} from '../../../main/domain/caseMachine'

function run(actions: CaseAction[], from: CaseState = 'accepted'): CaseState {
  return actions.reduce<CaseState>((state, action) => nextState(state, action), from)
}

describe('case lifecycle', () => {
  it('goes from acceptance to collection at the window', () => {
    expect(run(['startReview', 'approve', 'produce', 'collect'])).toBe('collected')
  })

  it('goes from acceptance to delivery by express', () => {
    expect(run(['startReview', 'approve', 'produce', 'ship', 'handOver', 'deliver'])).toBe('delivered')
  })

  it('returns to review when the requested supplement is supplied, as often as needed', () => {
    expect(run(['startReview', 'requestSupplement'])).toBe('needs_supplement')
    expect(run(['startReview', 'requestSupplement', 'supply', 'requestSupplement', 'supply', 'approve'])).toBe('approved')
  })

  it('goes back from shipping to ready when the shipment is cancelled (取消寄递), and not once handed over', () => {
    expect(run(['startReview', 'approve', 'produce', 'ship', 'unship'])).toBe('ready')
    expect(run(['startReview', 'approve', 'produce', 'ship', 'unship', 'ship', 'handOver'])).toBe('handed_over')
    expect(() => nextState('handed_over', 'unship')).toThrowError(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }))
    expect(() => nextState('ready', 'unship')).toThrowError(/不能执行“取消寄递”/)
  })

  it('allows withdrawal before the certificate is produced, and not after', () => {
    for (const state of ['accepted', 'in_review', 'needs_supplement', 'approved'] as const) {
      expect(nextState(state, 'withdraw')).toBe('withdrawn')
    }
    for (const state of ['ready', 'shipping', 'handed_over', 'collected', 'delivered', 'rejected'] as const) {
      expect(() => nextState(state, 'withdraw')).toThrow(AppError)
    }
  })

  it('treats rejected, collected, delivered and withdrawn as final', () => {
    for (const state of ['rejected', 'collected', 'delivered', 'withdrawn'] as const) {
      expect(allowedActions(state)).toEqual([])
      expect(isOpen(state)).toBe(false)
    }
    expect(isOpen('accepted')).toBe(true)
    expect(isOpen('handed_over')).toBe(true)
  })

  it('names both states in Chinese when a transition is illegal', () => {
    let error: unknown
    try {
      nextState('collected', 'requestSupplement')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('ILLEGAL_TRANSITION')
    expect((error as AppError).message).toBe('办件已出件（collected），不能执行“补正”转为待补正（needs_supplement），该状态已办结')
  })

  it('lists what can be done instead when the state is not final', () => {
    expect(() => nextState('in_review', 'collect')).toThrowError(
      '办件审查中（in_review），不能执行“窗口领取”转为已出件（collected）；当前可执行：“准予”、“不予”、“补正”、“撤回”',
    )
  })

  it('agrees with allowedActions for every state and action', () => {
    for (const state of caseStates) {
      for (const action of caseActions) {
        const allowed = allowedActions(state).includes(action)
        if (allowed) expect(caseStates).toContain(nextState(state, action))
        else expect(() => nextState(state, action)).toThrowError(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }))
      }
    }
  })

  it('can reach every state from acceptance', () => {
    const seen = new Set<CaseState>(['accepted'])
    const queue: CaseState[] = ['accepted']
    while (queue.length > 0) {
      const state = queue.shift()!
      for (const action of allowedActions(state)) {
        const next = nextState(state, action)
        if (!seen.has(next)) {
          seen.add(next)
          queue.push(next)
        }
      }
    }
    expect([...seen].sort()).toEqual([...caseStates].sort())
  })

  it('stops the clock only while waiting for supplement', () => {
    expect(caseStates.filter(isClockStopped)).toEqual(['needs_supplement'])
  })

  it('has a Chinese label for every state', () => {
    for (const state of caseStates) expect(stateLabels[state]).toMatch(/\p{Script=Han}/u)
  })
})
