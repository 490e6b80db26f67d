import { describe, expect, it } from 'vitest'
import type { OperatorViewDto } from '../../../main/contract/operators'
import { moveSelection, operatorName, operatorState, withOperator } from '../../../renderer/screens/settings/operatorRows'

function anOperator(overrides: Partial<OperatorViewDto> = {}): OperatorViewDto {
  return { id: 'A0123', name: '王晓明', role: 'window', disabled: false, lockedUntil: null, hasCard: false, createdAt: '2026-03-02T01:00:00.000Z', ...overrides }
}

describe('the account list on 设置', () => {
  it('says in use, disabled, or locked until when — disabled whatever its lock', () => {
    expect(operatorState(anOperator())).toEqual({ kind: 'inUse' })
    expect(operatorState(anOperator({ lockedUntil: '2026-03-02T01:05:00.000Z' }))).toEqual({ kind: 'locked', until: '2026-03-02T01:05:00.000Z' })
    expect(operatorState(anOperator({ disabled: true, lockedUntil: '2026-03-02T01:05:00.000Z' }))).toEqual({ kind: 'disabled' })
    expect(operatorName(anOperator())).toBe('王晓明 A0123')
  })

  it('replaces a changed account in place and puts a new one last', () => {
    const list = [anOperator(), anOperator({ id: 'B0042', name: '陈静', role: 'supervisor' })]
    expect(withOperator(list, anOperator({ disabled: true })).map((o) => [o.id, o.disabled])).toEqual([
      ['A0123', true],
      ['B0042', false],
    ])
    expect(withOperator(list, anOperator({ id: 'W0201' })).map((o) => o.id)).toEqual(['A0123', 'B0042', 'W0201'])
  })

  it('moves the selection by ↑↓, from the first row when none is picked, and stops at either end', () => {
    const list = [anOperator(), anOperator({ id: 'B0042' }), anOperator({ id: 'C0310' })]
    expect(moveSelection(list, null, 1)).toBe('A0123')
    expect(moveSelection(list, 'A0123', 1)).toBe('B0042')
    expect(moveSelection(list, 'C0310', 1)).toBe('C0310')
    expect(moveSelection(list, 'A0123', -1)).toBe('A0123')
    expect(moveSelection([], null, 1)).toBeNull()
  })
})
