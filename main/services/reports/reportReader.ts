/**
 * Reports as data, read through the worker: what the 统计 screen, the CSV
 * export and `reports daily` in the CLI all ask for. No session here — who
 * may ask is the dispatcher's business (main/domain/access.ts).
 */
import { AppError } from '../../domain/errors'
import { isPlainDate, plainDateOf, type PlainDate } from '../../domain/plainDate'
import { reportCsv, reportCsvFileName } from '../../domain/reports/reportCsv'
import type { ReportFigures } from '../../domain/reports/reportFigures'
import type { ReportPeriod } from '../../domain/reports/reportPeriods'
import { utcTimestamp } from '../../domain/timestamps'
import type { HallClock } from '../cases/hallClock'
import type { DailySheetFacts, ReportRequest } from './reportCompute'
import type { ProbeAnswer } from './reportWorker'
import { ReportWorkerClient } from './reportWorkerClient'

export interface ReportReaderOptions {
  /** The station's database file and data directory (its calendar folder). */
  databaseFile: string
  dataDir: string
  shippedCalendarDir: string
  clock: HallClock
  /** Window names by station id, for the by-window table. */
  stationNames?: ReadonlyMap<string, string>
}

export class ReportReader {
  private readonly worker: ReportWorkerClient

  constructor(private readonly options: ReportReaderOptions) {
    this.worker = new ReportWorkerClient({ file: options.databaseFile, dataDir: options.dataDir, shippedCalendarDir: options.shippedCalendarDir })
  }

  async report(period: ReportPeriod, date: PlainDate): Promise<ReportFigures> {
    return this.worker.request<ReportFigures>({ type: 'report', request: this.request(period, date) })
  }

  async csv(period: ReportPeriod, date: PlainDate): Promise<{ fileName: string; text: string }> {
    const report = await this.report(period, date)
    return { fileName: reportCsvFileName(report), text: reportCsv(report) }
  }

  /** A day's report with the audit chain's head from the same snapshot (the A4 daily summary). */
  async dailyFacts(date: PlainDate): Promise<DailySheetFacts> {
    return this.worker.request<DailySheetFacts>({ type: 'dailySheet', request: this.request('day', date) })
  }

  /** The worker's thread and whether its connection refuses a write. */
  probe(): Promise<ProbeAnswer> {
    return this.worker.request<ProbeAnswer>({ type: 'probe' })
  }

  stop(): Promise<void> {
    return this.worker.stop()
  }

  private request(period: ReportPeriod, date: PlainDate): ReportRequest {
    if (!isPlainDate(date)) throw new AppError('BAD_INPUT', `统计日期“${date}”不是有效日期（应为 YYYY-MM-DD）`, 'date')
    const now = this.options.clock.now()
    return { period, date, today: plainDateOf(now), generatedAt: utcTimestamp(now), stationNames: [...(this.options.stationNames ?? new Map<string, string>())] }
  }
}
