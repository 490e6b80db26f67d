/**
 * 统计: the supervisor's reports for a day, a week or a month. Computed on a
 * read-only connection in a worker (main/services/reports), so the counter
 * never waits while a supervisor looks.
 */
import { z } from 'zod'
import { caseStates } from '../domain/caseMachine'
import { plainDateSchema } from '../domain/intakeForm'
import { defineCommands } from './define'
import { pdfFileSchema, printPreviewSchema } from './printing'

export const reportPeriodSchema = z.enum(['day', 'week', 'month'], { error: '统计周期应为 day（日）、week（周）或 month（月）' })
export type ReportPeriod = z.infer<typeof reportPeriodSchema>

const stateSchema = z.enum(caseStates)

/** One row of a "by something" table: a key, its label and how many cases. */
export const reportCountRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
})
export type ReportCountRow = z.infer<typeof reportCountRowSchema>

export const overdueCaseSchema = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string().nullable(),
  acceptedDate: z.string(),
  dueDate: z.string(),
  /** Working days past the due date: at the decision for a late one, up to the report's last day for one still open. */
  daysOver: z.number().int(),
  state: stateSchema,
  /** true while the case is still undecided. */
  open: z.boolean(),
})
export type OverdueCase = z.infer<typeof overdueCaseSchema>

export const reportSchema = z.object({
  period: reportPeriodSchema,
  /** The days covered, both included (hall dates, YYYY-MM-DD): a day; Monday–Sunday; the 1st to the month's last day. */
  from: z.string(),
  to: z.string(),
  /** When it was computed (UTC, …Z). */
  generatedAt: z.string(),
  /** Cases accepted in the period (the same count as the queue's date filter over these days). */
  accepted: z.number().int(),
  /** The cases accepted in the period, by their state now. Every state appears, zeros included. */
  byState: z.array(reportCountRowSchema),
  byItem: z.array(reportCountRowSchema),
  byDepartment: z.array(reportCountRowSchema),
  /** By the operator who accepted. */
  byOperator: z.array(reportCountRowSchema),
  /** By the station (window) that accepted. */
  byWindow: z.array(reportCountRowSchema),
  /** Accepted cases per day of the period (key and label: the date). */
  byDay: z.array(reportCountRowSchema),
  /**
   * Over the cases accepted in the period. Decided: 不予办理, or the certificate produced (ready) — when the
   * promise clock stops; a withdrawn case is neither on time nor overdue. "The report's last day" is today
   * while the period is not over yet. Rules in main/domain/reports/reportFigures.ts.
   */
  deadlines: z.object({
    /** Cases of the period decided by their due date. */
    onTime: z.number().int(),
    /** Decided after the due date, or undecided with the due date passed by the report's last day. */
    overdue: z.number().int(),
    /** onTime / (onTime + overdue), 0–1; null when neither has any case. */
    onTimeShare: z.number().nullable(),
    overdueCases: z.array(overdueCaseSchema),
  }),
  /** Average working days from acceptance to decision, over the period's decided cases; null when none was decided. */
  averageHandlingDays: z.number().nullable(),
  /** 容缺受理: accepted with materials deferred. */
  deferredIntakes: z.number().int(),
  /** 补正: supplement requests made in the period. */
  supplementRequests: z.number().int(),
  ratings: z.object({
    /** Ratings given in the period, by grade 5 … 1 (every grade appears). */
    byGrade: z.array(reportCountRowSchema),
    negative: z.number().int(),
    /** 差评 follow-ups still open now. */
    openFollowUps: z.number().int(),
  }),
  express: z.object({
    /** Shipments created in the period. */
    shipped: z.number().int(),
    delivered: z.number().int(),
    /** Shipments with a carrier exception in the period. */
    exceptions: z.number().int(),
  }),
})
export type Report = z.infer<typeof reportSchema>

export const reportsCommands = defineCommands({
  'reports.get': {
    summary: 'The report for a day, week or month containing a date (supervisor)',
    input: z.object({ period: reportPeriodSchema, date: plainDateSchema }).strict(),
    output: reportSchema,
  },
  'reports.csv': {
    summary: 'The report as CSV text (UTF-8 with BOM, so Excel opens it), with a file name',
    input: z.object({ period: reportPeriodSchema, date: plainDateSchema }).strict(),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  'reports.dailySheet': {
    summary: 'The A4 daily summary for a date (its counts and the audit chain head), laid out as it prints',
    input: z.object({ date: plainDateSchema }).strict(),
    output: printPreviewSchema,
  },
  'reports.dailySheetPdf': {
    summary: 'The A4 daily summary for a date as a PDF file made by Chromium',
    input: z.object({ date: plainDateSchema, isInline: z.boolean().default(false) }).strict(),
    output: pdfFileSchema,
  },
})
