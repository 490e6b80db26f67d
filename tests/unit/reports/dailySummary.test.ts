import { describe, expect, it } from 'vitest'
import { buildDailySummary, DAILY_SUMMARY_LIMITS, type DailySummaryData } from '../../../main/domain/print/dailySummary'
import { buildPrintDocument, parsePrintData } from '../../../main/domain/print/printKinds'
import { buildReportFigures } from '../../../main/domain/reports/reportFigures'
import { periodBounds } from '../../../main/domain/reports/reportPeriods'
import { dailySummaryOf } from '../../../main/services/reports/reportsService'
import { shippedCalendar } from '../../fixtures/calendarBuilder'

const HASH = 'ab'.repeat(32)

function aSheet(overrides: Partial<DailySummaryData> = {}): DailySummaryData {
  return {
    hallName: '示范市政务服务中心',
    windowName: '综合受理 1 号窗口',
    date: '2026-03-03',
    generatedAt: '2026-03-03 17:30',
    operator: '陈静 T0106',
    accepted: 12,
    byState: [{ label: '已受理', count: 12 }],
    deadlines: { onTime: 3, overdue: 1, onTimeShare: 0.75 },
    averageHandlingDays: 1.5,
    deferredIntakes: 2,
    supplementRequests: 1,
    ratings: { byGrade: [{ label: '5 星 非常满意', count: 4 }], negative: 0, openFollowUps: 1 },
    express: { shipped: 2, delivered: 1, exceptions: 0 },
    byItem: [{ label: '个体工商户设立登记', count: 12 }],
    itemsMore: 0,
    overdueCases: [],
    overdueMore: 0,
    audit: { head: { seq: 1234, hash: HASH }, anchor: { seq: 1234, signedAt: '2026-03-03 17:30' } },
    ...overrides,
  }
}

describe('the A4 daily summary', () => {
  it('shows the day’s figures and the audit chain’s head with the command that checks it', () => {
    const doc = buildDailySummary(aSheet())
    expect(doc).toMatchObject({ format: 'a4', title: '统计日报 2026-03-03' })
    expect(doc.html).toContain('<b>受理件数：</b>12<')
    expect(doc.html).toContain('<b>按时办结率：</b>75.0%<')
    expect(doc.html).toContain(`第 1234 条 <span class="hash">${HASH}</span>`)
    expect(doc.html).toContain('已签名至第 1234 条（2026-03-03 17:30）')
    expect(doc.html).toContain(`audit verify --data 数据目录 --anchor 1234:${HASH}`)
    expect(doc.fragment).toContain('值班长（签名）')
  })

  it('says why there is no anchor, and escapes what people and catalogs typed', () => {
    const doc = buildDailySummary(aSheet({ byItem: [{ label: '<b>事项</b>', count: 1 }], audit: { head: null, anchor: null, anchorNote: '找不到审计锚点文件' } }))
    expect(doc.html).toContain('&lt;b&gt;事项&lt;/b&gt;')
    expect(doc.html).toContain('审计链为空')
    expect(doc.html).toContain('<b>签名锚点：</b>无（找不到审计锚点文件）')
  })

  it('refuses a hash that is not one, naming the field', () => {
    const parsed = parsePrintData('dailySummary', aSheet({ audit: { head: { seq: 1, hash: 'not-a-hash' }, anchor: null } }))
    expect(parsed).toMatchObject({ ok: false, field: 'audit.head.hash' })
  })

  it('lists the first items and overdue cases of a long day and counts the rest', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      caseNo: `32030020260303001${String(i + 1).padStart(4, '0')}`,
      itemCode: `XK9000${String(i).padStart(4, '0')}`,
      itemName: `事项 ${i}`,
      department: '市场监督管理局',
      state: 'in_review' as const,
      operator: 'A001',
      stationId: '001',
      acceptedDate: '2026-03-03',
      deadline: '2026-03-02',
      decided: false,
      decidedDate: null,
      deferred: false,
    }))
    const report = buildReportFigures(
      { period: 'day', bounds: periodBounds('day', '2026-03-03'), today: '2026-03-10', generatedAt: '2026-03-03T09:00:00.000Z', cases: rows, ratingsByGrade: {}, openFollowUps: 0, supplementRequests: 0, express: { shipped: 0, delivered: 0, exceptions: 0 }, operatorNames: new Map(), stationNames: new Map() },
      shippedCalendar(),
    )
    const data = dailySummaryOf({ report, head: { seq: 9, hash: HASH } }, { hallName: '示范市政务服务中心', windowName: '1 号窗口', operator: '陈静', anchored: { kind: 'refused', reason: '签名不符' } })
    expect(data.byItem).toHaveLength(DAILY_SUMMARY_LIMITS.items)
    expect(data.itemsMore).toBe(40 - DAILY_SUMMARY_LIMITS.items)
    expect(data.overdueCases).toHaveLength(DAILY_SUMMARY_LIMITS.overdue)
    expect(data.overdueMore).toBe(40 - DAILY_SUMMARY_LIMITS.overdue)
    expect(data.audit).toEqual({ head: { seq: 9, hash: HASH }, anchor: null, anchorNote: '锚点未更新：签名不符' })
    expect(parsePrintData('dailySummary', data).ok).toBe(true)
    const doc = buildPrintDocument('dailySummary', data)
    expect(doc.html).toContain(`另有 ${40 - DAILY_SUMMARY_LIMITS.overdue} 件逾期办件未列出`)
  })
})
