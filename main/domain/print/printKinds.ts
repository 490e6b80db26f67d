/**
 * Every printable kind in one table: its input schema, which printer it goes
 * to, and how it becomes a document. The print service, the contract and the
 * queue all look kinds up here, so adding a document is one entry.
 */
import { z } from 'zod'
import { buildHandoverList, buildMaterialsChecklist, handoverListDataSchema, materialsChecklistDataSchema } from './a4Documents'
import { buildDailySummary, dailySummaryDataSchema } from './dailySummary'
import { buildAcceptanceReceipt, buildOutputReceipt, buildSupplementNotice } from './counterReceipts'
import { buildOneTimeNotice, buildRefusalNotice, oneTimeNoticeDataSchema, refusalNoticeDataSchema } from './decisionNotices'
import type { A4Document, LabelDocument, PrintMarks, ReceiptDocument } from './printDocument'
import { acceptanceReceiptDataSchema, outputReceiptDataSchema, supplementNoticeDataSchema } from './receiptData'
import { waybillLabelDataSchema } from './waybillData'
import { buildWaybillLabel, buildWaybillReceipt } from './waybillLabel'

export const printKindSchema = z.enum(['acceptanceReceipt', 'outputReceipt', 'supplementNotice', 'waybillLabel', 'materialsChecklist', 'handoverList', 'refusalNotice', 'oneTimeNotice', 'dailySummary'])
export type PrintKind = z.infer<typeof printKindSchema>

/** Where a kind prints: the 80 mm roll, the 100 mm label printer, or an A4 sheet. */
export type PrintTarget = 'receipt' | 'label' | 'a4'

/** What a receipt or label printer takes (a label kind becomes a receipt on an ESC/POS label printer). */
export type PrinterDocument = ReceiptDocument | LabelDocument
type DocumentFor<T extends PrintTarget> = T extends 'a4' ? A4Document : PrinterDocument

export interface BuildOptions {
  marks?: PrintMarks
  /** Receipt columns (48 on 80 mm, 32 on 58 mm). */
  receiptColumns?: number
  /** A label printer in ESC/POS mode gets the label reflowed as a receipt. */
  labelAs?: 'label' | 'receipt'
}

interface KindSpec<T extends PrintTarget = PrintTarget> {
  target: T
  /** Chinese name for messages and the job list. */
  title: string
  schema: z.ZodType
  build(data: unknown, options: BuildOptions): DocumentFor<T>
}

const spec = <T extends PrintTarget, S extends z.ZodType>(
  target: T,
  title: string,
  schema: S,
  build: (data: z.output<S>, options: BuildOptions) => DocumentFor<T>,
): KindSpec<T> => ({ target, title, schema, build: (data, options) => build(data as z.output<S>, options) })

export const printKinds = {
  acceptanceReceipt: spec('receipt', '受理回执', acceptanceReceiptDataSchema, (d, o) =>
    buildAcceptanceReceipt(d, { columns: o.receiptColumns, marks: o.marks }),
  ),
  outputReceipt: spec('receipt', '出件回执', outputReceiptDataSchema, (d, o) => buildOutputReceipt(d, { columns: o.receiptColumns, marks: o.marks })),
  supplementNotice: spec('receipt', '补正告知', supplementNoticeDataSchema, (d, o) =>
    buildSupplementNotice(d, { columns: o.receiptColumns, marks: o.marks }),
  ),
  waybillLabel: spec('label', '快递面单', waybillLabelDataSchema, (d, o) =>
    o.labelAs === 'receipt' ? buildWaybillReceipt(d, { columns: o.receiptColumns, marks: o.marks }) : buildWaybillLabel(d, o.marks),
  ),
  materialsChecklist: spec('a4', '申请材料清单', materialsChecklistDataSchema, (d) => buildMaterialsChecklist(d)),
  handoverList: spec('a4', '快递交接清单', handoverListDataSchema, (d) => buildHandoverList(d)),
  refusalNotice: spec('a4', '不予办理决定书', refusalNoticeDataSchema, (d) => buildRefusalNotice(d)),
  oneTimeNotice: spec('a4', '补正材料一次性告知书', oneTimeNoticeDataSchema, (d) => buildOneTimeNotice(d)),
  dailySummary: spec('a4', '统计日报', dailySummaryDataSchema, (d) => buildDailySummary(d)),
} satisfies Record<PrintKind, KindSpec>

type Kinds = typeof printKinds
/** Kinds a receipt or label printer prints (the print queue's); the rest are A4 sheets. */
export type PrinterKind = { [K in PrintKind]: Kinds[K]['target'] extends 'a4' ? never : K }[PrintKind]
export type A4Kind = Exclude<PrintKind, PrinterKind>

/** True for a kind the print queue takes; false for an A4 sheet or a kind this version does not know (an old row). */
export function isPrinterKind(kind: string): kind is PrinterKind {
  return Object.hasOwn(printKinds, kind) && printKinds[kind as PrintKind].target !== 'a4'
}

export function isA4Kind(kind: PrintKind): kind is A4Kind {
  return printKinds[kind].target === 'a4'
}

/** Validates raw data for a kind; the error names the first bad field. */
export function parsePrintData(kind: PrintKind, data: unknown): { ok: true; data: unknown } | { ok: false; field: string; message: string } {
  const parsed = printKinds[kind].schema.safeParse(data)
  if (parsed.success) return { ok: true, data: parsed.data }
  const issue = parsed.error.issues[0]
  const field = issue ? issue.path.map(String).join('.') : ''
  return { ok: false, field, message: `${printKinds[kind].title}数据有误 — ${field || '(根)'}：${issue?.message ?? '不合法'}` }
}

/** Builds a document from data already validated by parsePrintData. */
export function buildPrintDocument<K extends PrintKind>(kind: K, data: unknown, options: BuildOptions = {}): ReturnType<Kinds[K]['build']> {
  return printKinds[kind].build(data, options) as ReturnType<Kinds[K]['build']>
}
