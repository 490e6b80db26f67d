/** 统计 handlers: one line each, the report service does the work (in its worker). */
import type { Handler } from '../dispatcher'

export const reportsGet: Handler<'reports.get'> = (input, { services }) => services.reports.get(input)
export const reportsCsv: Handler<'reports.csv'> = (input, { services }) => services.reports.csv(input)
export const reportsDailySheet: Handler<'reports.dailySheet'> = (input, { services }) => services.reports.dailySheet(input)
export const reportsDailySheetPdf: Handler<'reports.dailySheetPdf'> = (input, { services }) => services.reports.dailySheetPdf(input)
