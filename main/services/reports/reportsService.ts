/**
 * 统计: the supervisor's reports (main/contract/reports.ts). Figures come
 * from the worker on its read-only connection (./reportReader.ts), so the
 * counter never waits while a supervisor looks; a report is no personal data
 * and leaves no audit row. The A4 daily summary adds the audit chain's head
 * and, printed as a PDF, gets its audit row like every A4 sheet.
 */
import type { CommandOutput, CommandParsedInput } from '../../contract'
import { DAILY_SUMMARY_LIMITS, type DailySummaryData } from '../../domain/print/dailySummary'
import { buildPrintDocument, parsePrintData } from '../../domain/print/printKinds'
import type { ReportFigures } from '../../domain/reports/reportFigures'
import { hallMoment, utcTimestamp } from '../../domain/timestamps'
import { AppError } from '../../domain/errors'
import type { AnchorAdvance } from '../../store/auditAnchor'
import { viewActions, type ViewEntry } from '../audit/personalDataViews'
import type { HallClock } from '../cases/hallClock'
import { A4_WIDTH_PX, type PrintService } from '../printing/printService'
import type { DailySheetFacts } from './reportCompute'
import type { ReportReader } from './reportReader'
import type { ProbeAnswer } from './reportWorker'

export interface ReportsServiceDeps {
  reader: ReportReader
  clock: HallClock
  hallName: string
  windowName: string
  stationId: string
  /** The signed-in operator (the sheet's 制表人, the audit row's operator); throws when nobody is. */
  currentOperator: () => string
  /** Moves the signed audit anchor to the head now (AuditAnchorService.anchorNow). */
  anchorNow: () => AnchorAdvance | null
  printing: Pick<PrintService, 'a4Pdf'>
  recordView: (entry: ViewEntry) => void
}

export class ReportsService {
  constructor(private readonly deps: ReportsServiceDeps) {}

  get(input: CommandParsedInput<'reports.get'>): Promise<CommandOutput<'reports.get'>> {
    return this.deps.reader.report(input.period, input.date)
  }

  csv(input: CommandParsedInput<'reports.csv'>): Promise<CommandOutput<'reports.csv'>> {
    return this.deps.reader.csv(input.period, input.date)
  }

  async dailySheet(input: CommandParsedInput<'reports.dailySheet'>): Promise<CommandOutput<'reports.dailySheet'>> {
    const data = await this.sheetData(input.date)
    const doc = buildPrintDocument('dailySummary', data)
    return { kind: 'dailySummary', title: doc.title, target: 'a4', html: doc.fragment, widthPx: A4_WIDTH_PX }
  }

  async dailySheetPdf(input: CommandParsedInput<'reports.dailySheetPdf'>): Promise<CommandOutput<'reports.dailySheetPdf'>> {
    const operator = this.deps.currentOperator()
    const data = await this.sheetData(input.date)
    const made = await this.deps.printing.a4Pdf({ kind: 'dailySummary', data, isInline: input.isInline })
    this.deps.recordView({
      at: utcTimestamp(this.deps.clock.now()),
      operator,
      stationId: this.deps.stationId,
      action: viewActions.document,
      caseNo: null,
      details: { command: 'reports.dailySheetPdf', kind: 'dailySummary', date: input.date, fileName: made.fileName, isInline: input.isInline, auditHead: data.audit.head },
    })
    return made
  }

  /** Where the reports run and whether their connection refuses a write (a self-check for diagnostics and tests). */
  probe(): Promise<ProbeAnswer> {
    return this.deps.reader.probe()
  }

  stop(): Promise<void> {
    return this.deps.reader.stop()
  }

  /** The sheet's data: the anchor moved to the head first, then the day's figures and the head from one snapshot. */
  private async sheetData(date: string): Promise<DailySummaryData> {
    const operator = this.deps.currentOperator()
    const anchored = this.deps.anchorNow()
    const facts = await this.deps.reader.dailyFacts(date)
    const data = dailySummaryOf(facts, { hallName: this.deps.hallName, windowName: this.deps.windowName, operator, anchored })
    const parsed = parsePrintData('dailySummary', data)
    if (!parsed.ok) throw new AppError('INTERNAL', parsed.message)
    return parsed.data as DailySummaryData
  }
}

function anchorOf(anchored: AnchorAdvance | null): Pick<DailySummaryData['audit'], 'anchor' | 'anchorNote'> {
  if (anchored === null) return { anchor: null, anchorNote: '审计锚点未能更新（数据库已关闭或写入失败）' }
  switch (anchored.kind) {
    case 'missing':
      return { anchor: null, anchorNote: '找不到审计锚点文件，请运行 audit verify 核对' }
    case 'refused':
      return { anchor: null, anchorNote: `锚点未更新：${anchored.reason}`.slice(0, 200) }
    default:
      return { anchor: { seq: anchored.anchor.seq, signedAt: hallMoment(anchored.anchor.at) } }
  }
}

/** A day's report as the A4 summary's data (long tables cut to the first rows, the rest counted). */
export function dailySummaryOf(facts: DailySheetFacts, on: { hallName: string; windowName: string; operator: string; anchored: AnchorAdvance | null }): DailySummaryData {
  const r: ReportFigures = facts.report
  return {
    hallName: on.hallName,
    windowName: on.windowName,
    date: r.from,
    generatedAt: hallMoment(r.generatedAt),
    operator: on.operator,
    accepted: r.accepted,
    byState: r.byState.map((s) => ({ label: s.label, count: s.count })),
    deadlines: { onTime: r.deadlines.onTime, overdue: r.deadlines.overdue, onTimeShare: r.deadlines.onTimeShare },
    averageHandlingDays: r.averageHandlingDays,
    deferredIntakes: r.deferredIntakes,
    supplementRequests: r.supplementRequests,
    ratings: { byGrade: r.ratings.byGrade.map((g) => ({ label: `${g.key} 星 ${g.label}`, count: g.count })), negative: r.ratings.negative, openFollowUps: r.ratings.openFollowUps },
    express: { ...r.express },
    byItem: r.byItem.slice(0, DAILY_SUMMARY_LIMITS.items).map((i) => ({ label: i.label, count: i.count })),
    itemsMore: Math.max(0, r.byItem.length - DAILY_SUMMARY_LIMITS.items),
    overdueCases: r.deadlines.overdueCases.slice(0, DAILY_SUMMARY_LIMITS.overdue).map((c) => ({ caseNo: c.caseNo, itemName: c.itemName, dueDate: c.dueDate, daysOver: c.daysOver, open: c.open })),
    overdueMore: Math.max(0, r.deadlines.overdueCases.length - DAILY_SUMMARY_LIMITS.overdue),
    audit: { head: facts.head, ...anchorOf(on.anchored) },
  }
}
