import { describe, expect, it } from 'vitest'
import { actionKeys, actionOfKey } from '../../../renderer/screens/cases/caseActionKeys'
import { daysLeftOf, detailHasChange, emptyFilters, exactCaseMatch, isFiltered, movedIndex, patchRow, rowLight, toListFilters, type CaseRow } from '../../../renderer/screens/cases/queueModel'

function aRow(caseNo: string, over: Partial<CaseRow> = {}): CaseRow {
  return {
    caseNo,
    itemCode: 'XK00201001',
    itemName: '企业设立登记',
    department: '市场监督管理局',
    state: 'accepted',
    stateLabel: '已受理',
    clock: 'running',
    light: 'green',
    workingDaysLeft: 3,
    acceptedAt: '2026-11-26T10:00:00.000+08:00',
    deadline: '2026-12-01',
    deadlineProvisional: null,
    applicantKind: 'person',
    applicantName: '张三',
    applicantId: '3203**********2313',
    phoneMasked: '139****5678',
    delivery: 'window',
    stationId: '001',
    operator: 'A001',
    agent: null,
    ...over,
  }
}

describe('the queue filters', () => {
  it('send only what is set, the search trimmed', () => {
    expect(toListFilters(emptyFilters)).toEqual({})
    expect(isFiltered({ ...emptyFilters, sort: 'deadline' })).toBe(false)
    expect(toListFilters({ ...emptyFilters, text: '  张三 ', states: ['in_review'], light: 'red', acceptedFrom: '2026-11-01', itemCode: null })).toEqual({
      text: '张三',
      states: ['in_review'],
      light: 'red',
      acceptedFrom: '2026-11-01',
    })
  })
})

describe('a row’s clock', () => {
  it('counts working days left, today, or overdue while running', () => {
    expect(daysLeftOf({ clock: 'running', workingDaysLeft: 2 })).toEqual({ kind: 'left', count: 2 })
    expect(daysLeftOf({ clock: 'running', workingDaysLeft: 0 })).toEqual({ kind: 'today' })
    expect(daysLeftOf({ clock: 'running', workingDaysLeft: -3 })).toEqual({ kind: 'overdue', count: 3 })
    expect(daysLeftOf({ clock: 'running', workingDaysLeft: null })).toBeNull()
  })

  it('says paused while 补正 stops the clock and shows it grey', () => {
    expect(daysLeftOf({ clock: 'paused', workingDaysLeft: null })).toEqual({ kind: 'paused' })
    expect(rowLight({ clock: 'paused', light: null })).toBe('paused')
    expect(rowLight({ clock: 'running', light: 'yellow' })).toBe('yellow')
    expect(rowLight({ clock: 'stopped', light: null })).toBeNull()
  })
})

describe('finding and moving in the list', () => {
  const rows = [aRow('320300202611260010001'), aRow('320300202611260010002')]

  it('opens a case when the search is exactly its number, spaces and case aside', () => {
    expect(exactCaseMatch(' 3203002026 11260010002 ', rows)?.caseNo).toBe('320300202611260010002')
    expect(exactCaseMatch('32030020261126001000', rows)).toBeUndefined()
  })

  it('moves the active row within the list and never past its ends', () => {
    expect(movedIndex('ArrowDown', -1, 5, 10)).toBe(0)
    expect(movedIndex('ArrowDown', 4, 5, 10)).toBe(4)
    expect(movedIndex('ArrowUp', 0, 5, 10)).toBe(0)
    expect(movedIndex('PageDown', 1, 50, 10)).toBe(11)
    expect(movedIndex('End', 0, 50, 10)).toBe(49)
    expect(movedIndex('Home', 30, 50, 10)).toBe(0)
    expect(movedIndex('a', 0, 50, 10)).toBeNull()
    expect(movedIndex('ArrowDown', -1, 0, 10)).toBeNull()
  })

  it('replaces a changed row in place', () => {
    const patched = patchRow(rows, aRow('320300202611260010002', { state: 'in_review' }))
    expect(patched.map((r) => r.state)).toEqual(['accepted', 'in_review'])
  })
})

describe('case action keys', () => {
  it('gives each action its own letter', () => {
    const letters = Object.values(actionKeys)
    expect(new Set(letters).size).toBe(letters.length)
    expect(letters).not.toContain('S') // the search
  })

  it('acts only on an action the case allows now', () => {
    const press = (code: string) => ({ code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false })
    expect(actionOfKey(press('KeyB'), ['approve', 'requestSupplement'])).toBe('requestSupplement')
    expect(actionOfKey(press('KeyQ'), ['approve', 'requestSupplement'])).toBeNull()
    expect(actionOfKey({ ...press('KeyY'), altKey: false }, ['approve'])).toBeNull()
  })
})

describe('refreshing the case page on a push', () => {
  const timeline = [{ at: '2026-03-02T09:30:00.000+08:00', action: 'accept' }, { at: '2026-03-02T10:00:00.000+08:00', action: 'startReview' }]
  const detail = { caseNo: '320300202603020010001', timeline } as unknown as Parameters<typeof detailHasChange>[0]

  it('skips the reload for a change the page already shows (its own transition answer)', () => {
    expect(detailHasChange(detail, { caseNo: '320300202603020010001', at: '2026-03-02T10:00:00.000+08:00', action: 'startReview' })).toBe(true)
  })

  it('reloads for a change made elsewhere, for another case, or before anything is shown', () => {
    expect(detailHasChange(detail, { caseNo: '320300202603020010001', at: '2026-03-02T11:00:00.000+08:00', action: 'approve' })).toBe(false)
    expect(detailHasChange(detail, { caseNo: '320300202603020010002', at: '2026-03-02T10:00:00.000+08:00', action: 'startReview' })).toBe(false)
    expect(detailHasChange(null, { caseNo: '320300202603020010001', at: '2026-03-02T10:00:00.000+08:00', action: 'startReview' })).toBe(false)
  })
})
