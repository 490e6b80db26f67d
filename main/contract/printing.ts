import { z } from 'zod'
import { printKindSchema } from '../domain/print/printKinds'
import { defineCommands, defineEvents } from './define'

export { printKindSchema }

export const printJobStateSchema = z.enum(['queued', 'printing', 'done', 'failed'])

/** One print job as screens see it: the job list, the case history, the `print.job` event. */
export const printJobSchema = z.object({
  id: z.number().int(),
  printer: z.enum(['receipt', 'label']),
  kind: printKindSchema,
  title: z.string(),
  caseNo: z.string().nullable(),
  state: printJobStateSchema,
  /** Set on a reprint: the first print's job id and the 补打 number. */
  reprintOf: z.number().int().nullable(),
  reprintNo: z.number().int().nullable(),
  /** Re-sent after a stop mid-print: a copy may already exist (the paper says 重发·可能重复). */
  isPossibleDuplicate: z.boolean(),
  attempts: z.number().int(),
  /** While waiting or failed: why, for staff (缺纸、连不上打印机…) and as a machine reason. */
  lastError: z.string().nullable(),
  lastErrorReason: z.string().nullable(),
  /** How it completed: on paper, or shown on screen (preview mode). */
  output: z.enum(['printer', 'preview']).nullable(),
  operator: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  printedAt: z.string().nullable(),
})
export type PrintJobView = z.infer<typeof printJobSchema>

export const printJobDetailSchema = printJobSchema.extend({
  history: z.array(z.object({ at: z.string(), state: z.string(), note: z.string().nullable() })),
})

/** A document laid out exactly as it prints. */
export const printPreviewSchema = z.object({
  kind: printKindSchema,
  title: z.string(),
  target: z.enum(['receipt', 'label', 'a4']),
  /** Scoped styles + markup, at printer scale (1 px = 1 dot; A4 in CSS mm). */
  html: z.string(),
  /** Natural width of the layout in px, for scaling the preview. */
  widthPx: z.number(),
})

/** An A4 sheet written as a PDF file by Chromium. */
export const pdfFileSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  base64: z.string().nullable(),
})

const a4KindSchema = z.enum(['materialsChecklist', 'handoverList', 'refusalNotice', 'oneTimeNotice'])
/** The A4 sheets drawn from one case as it stands (the handover list is a courier batch's). */
const caseA4Kinds: ReadonlySet<string> = new Set(['materialsChecklist', 'refusalNotice', 'oneTimeNotice'])

export const printingCommands = defineCommands({
  'print.preview': {
    summary: 'A document laid out exactly as it prints (receipt, label or A4), from data, a job, or a case number (its last print of that kind; the materials checklist from the case itself)',
    input: z
      .object({
        kind: printKindSchema.optional(),
        /** The document's data (see main/domain/print/*Data); checked against the kind's schema. */
        data: z.unknown().optional(),
        caseNo: z.string().trim().min(1).max(40).optional(),
        jobId: z.number().int().positive().optional(),
      })
      .strict()
      .superRefine((v, ctx) => {
        const sources = [v.data !== undefined, v.caseNo !== undefined, v.jobId !== undefined].filter(Boolean).length
        if (sources !== 1) ctx.addIssue({ code: 'custom', message: '请只给出 data、caseNo、jobId 其中之一', path: [] })
        else if (v.jobId === undefined && v.kind === undefined) ctx.addIssue({ code: 'custom', message: '按数据或办件预览时需要 kind', path: ['kind'] })
      }),
    output: printPreviewSchema,
  },
  'print.submit': {
    summary: 'Queue a receipt or label for printing (preview mode: completes as an on-screen preview)',
    input: z
      .object({
        kind: printKindSchema,
        data: z.unknown(),
        idempotencyKey: z.string().trim().min(8).max(80).optional(),
      })
      .strict(),
    output: printJobSchema,
  },
  'print.jobs': {
    summary: 'Print jobs, newest first, with their history; optionally of one case',
    input: z
      .object({
        caseNo: z.string().trim().min(1).max(40).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.array(printJobDetailSchema),
  },
  'print.reprint': {
    summary: 'Print a job’s document again, marked 补打 #n',
    input: z.object({ jobId: z.number().int().positive() }).strict(),
    output: printJobSchema,
  },
  'print.pdf': {
    summary: 'An A4 sheet (materials checklist, handover list, refusal notice, one-time supplement notice) as a PDF file made by Chromium; a case’s sheets by its case number',
    input: z
      .object({
        kind: a4KindSchema,
        data: z.unknown().optional(),
        /** materialsChecklist, refusalNotice, oneTimeNotice: drawn from the case as it stands (a notice from its last decision). */
        caseNo: z.string().trim().min(1).max(40).optional(),
        /** Also return the file's bytes as base64 (for a download in the browser). */
        isInline: z.boolean().default(false),
      })
      .strict()
      .refine((v) => (v.data === undefined) !== (v.caseNo === undefined), { message: '请给出 data 或 caseNo 其中之一' })
      .refine((v) => v.caseNo === undefined || caseA4Kinds.has(v.kind), { message: '快递交接清单按交接批次生成，请给出 data，不能按受理编号取得', path: ['caseNo'] }),
    output: pdfFileSchema,
  },
})

export const printingEvents = defineEvents({
  'print.job': printJobSchema,
})
