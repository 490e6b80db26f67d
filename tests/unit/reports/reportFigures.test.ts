import { describe, expect, it } from 'vitest'
import type { CaseState } from '../../../main/domain/caseMachine'
import { buildReportFigures, deadlineVerdict, referenceDay, type ReportCaseRow, type ReportInputs } from '../../../main/domain/reports/reportFigures'
import { periodBounds } from '../../../main/domain/reports/reportPeriods'
import { shippedCalendar } from '../../fixtures/calendarBuilder'

const calendar = shippedCalendar()

function aRow(overrides: Partial<ReportCaseRow> = {}): ReportCaseRow {
  return {
    caseNo: '320300202603020010001',
    itemCode: 'XK90001001',
    itemName: '个体工商户设立登记',
    department: '市场监督管理局',
    state: 'accepted',
    operator: 'A001',
    stationId: '001',
    acceptedDate: '2026-03-02',
    deadline: '2026-03-03',
    decided: false,
    decidedDate: null,
    deferred: false,
    ...overrides,
  }
}

function inputs(cases: ReportCaseRow[], overrides: Partial<ReportInputs> = {}): ReportInputs {
  return {
    period: 'day',
    bounds: periodBounds('day', '2026-03-02'),
    today: '2026-03-20',
    generatedAt: '2026-03-20T02:00:00.000Z',
    cases,
    ratingsByGrade: {},
    openFollowUps: 0,
    supplementRequests: 0,
    express: { shipped: 0, delivered: 0, exceptions: 0 },
    operatorNames: new Map(),
    stationNames: new Map(),
    ...overrides,
  }
}

const decidedOn = (date: string, state: CaseState = 'ready'): Partial<ReportCaseRow> => ({ state, decided: true, decidedDate: date })

describe('on time and overdue', () => {
  it('counts a case decided on its due date as on time, and one decided the working day after as overdue by one day', () => {
    expect(deadlineVerdict(aRow({ deadline: '2026-03-03', ...decidedOn('2026-03-03') }), '2026-03-31', calendar)).toEqual({ kind: 'onTime' })
    expect(deadlineVerdict(aRow({ deadline: '2026-03-03', ...decidedOn('2026-03-04') }), '2026-03-31', calendar)).toEqual({ kind: 'overdue', daysOver: 1, open: false })
  })

  it('counts days over in working days, so a holiday between the due date and the decision is not one of them', () => {
    // Due Wednesday 2025-09-30; 国庆节、中秋节 runs 1–8 October (11 October is a 调休 Saturday).
    // Decided Thursday 2025-10-09: the first working day after the holiday is one day late, not nine.
    const verdict = deadlineVerdict(aRow({ acceptedDate: '2025-09-29', deadline: '2025-09-30', ...decidedOn('2025-10-09', 'rejected') }), '2025-10-31', calendar)
    expect(verdict).toEqual({ kind: 'overdue', daysOver: 1, open: false })
  })

  it('calls a decision on the weekend after a Friday due date late by one day, never by none', () => {
    expect(deadlineVerdict(aRow({ deadline: '2026-03-06', ...decidedOn('2026-03-07') }), '2026-03-31', calendar)).toEqual({ kind: 'overdue', daysOver: 1, open: false })
  })

  it('counts an undecided case as overdue once the reference day is past its due date, by working days to that day', () => {
    const open = aRow({ state: 'in_review', deadline: '2025-09-30' })
    expect(deadlineVerdict(open, '2025-09-30', calendar)).toEqual({ kind: 'none' })
    expect(deadlineVerdict(open, '2025-10-09', calendar)).toEqual({ kind: 'overdue', daysOver: 1, open: true })
    // 9, 10, 11 (the 调休 Saturday) and 13 October: four working days; 12 October is a Sunday.
    expect(deadlineVerdict(open, '2025-10-13', calendar)).toEqual({ kind: 'overdue', daysOver: 4, open: true })
  })

  it('leaves a withdrawn case out of both counts', () => {
    expect(deadlineVerdict(aRow({ state: 'withdrawn', deadline: '2026-03-03' }), '2026-03-31', calendar)).toEqual({ kind: 'none' })
  })

  it('judges a period not over yet by today, not by its last day', () => {
    const week = periodBounds('week', '2026-03-04')
    expect(referenceDay(week, '2026-03-04')).toBe('2026-03-04')
    expect(referenceDay(week, '2026-03-20')).toBe('2026-03-08')
  })
})

describe('a report from its rows', () => {
  it('lists every state, zeros included, and counts by item, department, operator, window and day', () => {
    const rows = [
      aRow({ caseNo: 'A1', state: 'accepted', operator: 'A001' }),
      aRow({ caseNo: 'A2', state: 'accepted', operator: 'A002', itemCode: 'GG90003001', itemName: '个人所得税纳税记录开具', department: '税务局' }),
      aRow({ caseNo: 'A3', state: 'in_review', operator: 'A001', stationId: '002' }),
    ]
    const r = buildReportFigures(inputs(rows, { operatorNames: new Map([['A001', '王芳']]), stationNames: new Map([['001', '综合受理 1 号窗口']]) }), calendar)
    expect(r.accepted).toBe(3)
    expect(r.byState).toHaveLength(11)
    expect(r.byState.find((s) => s.key === 'accepted')).toEqual({ key: 'accepted', label: '已受理', count: 2 })
    expect(r.byState.find((s) => s.key === 'withdrawn')?.count).toBe(0)
    expect(r.byItem).toEqual([
      { key: 'XK90001001', label: '个体工商户设立登记', count: 2 },
      { key: 'GG90003001', label: '个人所得税纳税记录开具', count: 1 },
    ])
    expect(r.byDepartment.map((d) => [d.label, d.count])).toEqual([['市场监督管理局', 2], ['税务局', 1]])
    expect(r.byOperator).toEqual([{ key: 'A001', label: '王芳', count: 2 }, { key: 'A002', label: 'A002', count: 1 }])
    expect(r.byWindow).toEqual([{ key: '001', label: '综合受理 1 号窗口', count: 2 }, { key: '002', label: '002 号工作站', count: 1 }])
    expect(r.byDay).toEqual([{ key: '2026-03-02', label: '2026-03-02', count: 3 }])
  })

  it('gives the on-time share and the average handling time in working days over the decided cases', () => {
    const rows = [
      aRow({ caseNo: 'B1', deadline: '2026-03-03', ...decidedOn('2026-03-03') }), // 1 working day, on time
      aRow({ caseNo: 'B2', deadline: '2026-03-03', ...decidedOn('2026-03-06', 'rejected') }), // 4 working days, 3 over
      aRow({ caseNo: 'B3', deadline: '2026-03-03', state: 'in_review' }), // open, overdue by the 20th
      aRow({ caseNo: 'B4', deadline: '2026-03-03', state: 'withdrawn' }),
    ]
    const r = buildReportFigures(inputs(rows, { today: '2026-03-20', bounds: periodBounds('day', '2026-03-02') }), calendar)
    // A daily report's reference day is its own day: B3 is not yet overdue on 2 March.
    expect(r.deadlines).toMatchObject({ onTime: 1, overdue: 1, onTimeShare: 0.5 })
    expect(r.deadlines.overdueCases).toEqual([
      { caseNo: 'B2', itemName: '个体工商户设立登记', departmentName: '市场监督管理局', acceptedDate: '2026-03-02', dueDate: '2026-03-03', daysOver: 3, state: 'rejected', open: false },
    ])
    expect(r.averageHandlingDays).toBe(2.5)
    const month = buildReportFigures(inputs(rows, { period: 'month', today: '2026-03-20', bounds: periodBounds('month', '2026-03-02') }), calendar)
    expect(month.deadlines).toMatchObject({ onTime: 1, overdue: 2 })
    expect(month.deadlines.overdueCases.map((c) => [c.caseNo, c.daysOver, c.open])).toEqual([['B3', 13, true], ['B2', 3, false]])
  })

  it('has no share and no average when nothing was decided or overdue', () => {
    const r = buildReportFigures(inputs([aRow()]), calendar)
    expect(r.deadlines.onTimeShare).toBeNull()
    expect(r.averageHandlingDays).toBeNull()
  })

  it('lists the ratings by grade 5 to 1 with every grade present, and counts 1 and 2 as 差评', () => {
    const r = buildReportFigures(inputs([], { ratingsByGrade: { 5: 7, 2: 1, 1: 2 }, openFollowUps: 3 }), calendar)
    expect(r.ratings.byGrade.map((g) => [g.key, g.count])).toEqual([['5', 7], ['4', 0], ['3', 0], ['2', 1], ['1', 2]])
    expect(r.ratings.negative).toBe(3)
    expect(r.ratings.openFollowUps).toBe(3)
  })

  it('counts 容缺 intakes among the period’s cases', () => {
    const r = buildReportFigures(inputs([aRow({ deferred: true }), aRow({ caseNo: 'X2' })]), calendar)
    expect(r.deferredIntakes).toBe(1)
  })
})
