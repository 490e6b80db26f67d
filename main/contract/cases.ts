/**
 * Intake (受理) and Cases (办件): the catalog, live applicant checks, drafts,
 * Accept, the queue, the case page, transitions, the working-day clock and
 * scan classification. No command carries an operator: writes record the
 * signed-in one (`session.signIn`) and fail with FORBIDDEN when nobody is.
 */
import { z } from 'zod'
import { caseActions, caseStates } from '../domain/caseMachine'
import { intakeFormSchema, plainDateSchema } from '../domain/intakeForm'
import { certificateInputSchema, LEGAL_BASIS_MAX, refusalKinds } from '../domain/reviewDecisions'
import { defineCommands, defineEvents } from './define'

const caseStateSchema = z.enum(caseStates)
const caseActionSchema = z.enum(caseActions)
const caseNoSchema = z.string().trim().min(1, '请输入办件编号').max(40, '办件编号最长 40 个字符')
const none = z.object({}).strict()

const feeSchema = z.object({ amountCents: z.number(), feeName: z.string(), basis: z.string().optional() })
const materialSchema = z.object({
  id: z.string(),
  name: z.string(),
  form: z.enum(['original', 'copy', 'original_and_copy']),
  copies: z.number(),
  required: z.boolean(),
  note: z.string().optional(),
})
export const catalogItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  department: z.string(),
  departmentName: z.string(),
  promisedDays: z.number(),
  legalDays: z.number(),
  materials: z.array(materialSchema),
  fee: feeSchema.nullable(),
  delivery: z.array(z.enum(['window', 'express'])),
  agentAllowed: z.boolean(),
  keywords: z.array(z.string()),
  category: z.string().optional(),
  /** 设立登记: the applicant is an enterprise being set up — its proposed name and the handler, no 统一社会信用代码. */
  establishment: z.boolean(),
  /** The certificate approval issues (证照类型); null: none. */
  certificate: z.object({ type: z.string() }).nullable(),
})

const fieldCheckSchema = z.object({ valid: z.boolean(), normalized: z.string().nullable(), reason: z.string().nullable() })

/** 暂定: the deadline counted these years, whose holiday notice is not imported, as Monday–Friday only. */
const provisionalNoteSchema = z.object({ missingYears: z.array(z.number()), reason: z.string() })

const draftSchema = z.object({ draftId: z.string(), form: intakeFormSchema, savedAt: z.string() })

export const caseRowSchema = z.object({
  caseNo: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  state: caseStateSchema,
  stateLabel: z.string(),
  clock: z.enum(['running', 'paused', 'stopped']),
  light: z.enum(['green', 'yellow', 'red']).nullable(),
  workingDaysLeft: z.number().nullable(),
  acceptedAt: z.string(),
  deadline: z.string(),
  deadlineProvisional: provisionalNoteSchema.nullable(),
  applicantKind: z.enum(['person', 'enterprise']),
  applicantName: z.string(),
  applicantId: z.string().nullable(),
  phoneMasked: z.string(),
  delivery: z.enum(['window', 'express']),
  stationId: z.string(),
  operator: z.string(),
  /** 代办: the bank branch and its clerk that took the case, and the authorisation photo's SHA-256; null at a hall window. */
  agent: z.object({ branchName: z.string(), branchCode: z.string(), agentName: z.string(), authorisationSha256: z.string() }).nullable(),
})
export type CaseRowView = z.infer<typeof caseRowSchema>

const expressSchema = z.object({ recipient: z.string(), phone: z.string(), province: z.string(), city: z.string(), district: z.string(), address: z.string() })

export const caseDetailSchema = caseRowSchema.extend({
  acceptedDate: z.string(),
  promisedDays: z.number(),
  pausedDays: z.number(),
  pausedSince: z.string().nullable(),
  version: z.number(),
  fee: z.object({ cents: z.number(), name: z.string(), receiptNo: z.string() }).nullable(),
  note: z.string().nullable(),
  applicant: z.object({
    kind: z.enum(['person', 'enterprise']),
    name: z.string(),
    phone: z.string(),
    address: z.string().nullable(),
    idNumber: z.string().nullable(),
    idKind: z.string().nullable(),
    uscc: z.string().nullable(),
    handlerName: z.string().nullable(),
    handlerIdNumber: z.string().nullable(),
  }),
  materials: z.array(
    z.object({
      materialId: z.string(),
      name: z.string(),
      form: z.enum(['original', 'copy', 'original_and_copy']),
      copies: z.number(),
      required: z.boolean(),
      receivedCopies: z.number(),
      status: z.enum(['received', 'deferred', 'absent']),
      promiseDate: z.string().nullable(),
      suppliedAt: z.string().nullable(),
    }),
  ),
  express: expressSchema.nullable(),
  timeline: z.array(
    z.object({
      at: z.string(),
      operator: z.string(),
      stationId: z.string(),
      action: z.string(),
      actionLabel: z.string(),
      fromState: caseStateSchema.nullable(),
      toState: caseStateSchema,
      toStateLabel: z.string(),
      note: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  allowedActions: z.array(z.object({ action: caseActionSchema, label: z.string(), needsNote: z.boolean() })),
  /** The certificate the item issues per the catalog (准予 then needs its number); null: none, or the item left the catalog. */
  certificateType: z.string().nullable(),
  /** The certificate recorded at 准予 (the output window checks the collector's against it); null until then, or where none is issued. */
  certificate: z.object({ type: z.string(), number: z.string(), issuedOn: z.string() }).nullable(),
})
export type CaseDetailView = z.infer<typeof caseDetailSchema>

export const queueFiltersSchema = z
  .object({
    states: z.array(caseStateSchema).max(caseStates.length, '状态重复'),
    itemCode: z.string().trim().max(40, '事项编码最长 40 个字符'),
    /** The catalog department the case was routed to (a review station's queue). */
    department: z.string().trim().min(1, '请输入部门代码').max(20, '部门代码最长 20 个字符'),
    /** 代办: only (true) or none of (false) the cases bank branches took. */
    agent: z.boolean(),
    /** 代办: one branch's cases, by its code. */
    branchCode: z.string().trim().min(1, '请输入网点代码').max(20, '网点代码最长 20 个字符'),
    light: z.enum(['green', 'yellow', 'red', 'paused']),
    acceptedFrom: plainDateSchema,
    acceptedTo: plainDateSchema,
    text: z.string().trim().max(50, '搜索内容最长 50 个字符'),
  })
  .partial()
  .strict()

const queueSortSchema = z.enum(['newest', 'oldest', 'deadline'])

export const casesCommands = defineCommands({
  'catalog.info': {
    summary: 'Which service catalog is in use (imported or the shipped sample), its version and size',
    input: none,
    output: z.object({ version: z.string(), hallName: z.string(), source: z.string(), itemCount: z.number(), from: z.enum(['imported', 'shipped']) }),
  },
  'catalog.search': {
    summary: 'Service items matching Chinese, pinyin, pinyin initials or a code prefix, best first',
    input: z.object({ query: z.string().max(50, '搜索内容最长 50 个字符').default(''), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.array(catalogItemSchema),
  },
  'catalog.item': {
    summary: 'One service item with its materials checklist, fee and delivery options',
    input: z.object({ code: z.string().trim().min(1, '请输入事项编码').max(40, '事项编码最长 40 个字符') }).strict(),
    output: catalogItemSchema,
  },
  'catalog.departments': {
    summary: 'Departments of the catalog with their item counts',
    input: none,
    output: z.array(z.object({ code: z.string(), name: z.string(), itemCount: z.number() })),
  },
  'applicant.check': {
    summary: 'Live validation of an ID number, USCC and phone for the intake form (writes nothing)',
    input: z
      .object({
        idNumber: z.string().max(32, '身份证号码最长 32 个字符'),
        uscc: z.string().max(32, '统一社会信用代码最长 32 个字符'),
        phone: z.string().max(32, '电话最长 32 个字符'),
      })
      .partial()
      .strict(),
    output: z.object({
      idNumber: fieldCheckSchema
        .extend({ birthDate: z.string().nullable(), gender: z.enum(['male', 'female']).nullable(), kind: z.string().nullable(), masked: z.string().nullable() })
        .optional(),
      uscc: fieldCheckSchema.optional(),
      phone: fieldCheckSchema.extend({ kind: z.enum(['mobile', 'landline']).nullable() }).optional(),
    }),
  },
  'drafts.save': {
    summary: "Save the intake form as typed (the operator's current draft unless draftId is given); survives a restart",
    input: z.object({ draftId: z.uuid('草稿编号应为 UUID').optional(), form: intakeFormSchema }).strict(),
    output: draftSchema,
  },
  'drafts.current': {
    summary: "The signed-in operator's latest draft at this station, or null",
    input: none,
    output: draftSchema.nullable(),
  },
  'drafts.discard': {
    summary: 'Throw a draft away (the current one when no draftId)',
    input: z.object({ draftId: z.uuid('草稿编号应为 UUID').optional() }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
  'cases.accept': {
    summary: 'Accept (受理): number and store the case in one transaction, drop the draft; idempotent per draftId',
    input: z
      .object({ draftId: z.uuid('草稿编号应为 UUID').optional(), form: intakeFormSchema.optional() })
      .strict()
      .refine((v) => v.draftId !== undefined || v.form !== undefined, '需要草稿编号（draftId）或表单（form）'),
    output: z.object({
      caseNo: z.string(),
      deadline: z.string(),
      deadlineProvisional: provisionalNoteSchema.nullable(),
      acceptedAt: z.string(),
      promisedDays: z.number(),
      deferred: z.array(z.object({ materialId: z.string(), name: z.string(), promiseDate: z.string() })),
      alreadyAccepted: z.boolean(),
    }),
  },
  'cases.list': {
    summary: 'One page of the queue (keyset: pass nextCursor as after for the next page)',
    input: z
      .object({
        filters: queueFiltersSchema.optional(),
        sort: queueSortSchema.default('newest'),
        after: z.string().max(200, '翻页游标无效').nullable().optional(),
        limit: z.number().int().min(1).max(200, '每页最多 200 条').default(50),
      })
      .strict(),
    output: z.object({ rows: z.array(caseRowSchema), nextCursor: z.string().nullable() }),
  },
  'cases.count': {
    summary: 'How many cases match the filters',
    input: z.object({ filters: queueFiltersSchema.optional() }).strict(),
    output: z.object({ count: z.number() }),
  },
  'cases.get': {
    summary: 'The case page: applicant (full ID number), materials, fee, delivery, timeline, allowed actions',
    input: z.object({ caseNo: caseNoSchema }).strict(),
    output: caseDetailSchema,
  },
  'cases.transition': {
    summary: 'Apply one action to a case (补正 stops the clock and needs the missing materials or a note; reject needs a note and the legal basis; approve records the certificate)',
    input: z
      .object({
        caseNo: caseNoSchema,
        action: caseActionSchema,
        note: z.string().trim().max(500, '说明最长 500 个字符').optional(),
        /** requestSupplement: the date the applicant must supply by (补正期限). */
        promiseDate: plainDateSchema.optional(),
        /** approve: the certificate issued (证照), required where the catalog item issues one; `issuedOn` defaults to today. */
        certificate: certificateInputSchema.optional(),
        /** reject: the legal basis of the refusal, printed on the notice (required with reject). */
        legalBasis: z.string().trim().max(LEGAL_BASIS_MAX, `法律依据最长 ${LEGAL_BASIS_MAX} 个字符`).optional(),
        /** reject: 不予许可 (default) or 不予受理 — the notice's title. */
        refusal: z.enum(refusalKinds).optional(),
        /** requestSupplement: the materials to supply, by id from the case's checklist (the note adds anything else). */
        missingMaterials: z.array(z.string().trim().min(1).max(40)).max(80, '材料最多 80 项').optional(),
      })
      .strict(),
    output: caseDetailSchema,
  },
  'cases.receiveMaterials': {
    summary: 'Record deferred (容缺) materials brought in after acceptance',
    input: z.object({ caseNo: caseNoSchema, materialIds: z.array(z.string().trim().min(1).max(40)).min(1, '请选择补交的材料').max(100) }).strict(),
    output: caseDetailSchema,
  },
  'cases.findByIdNumber': {
    summary: "Open cases of a person (applicant or handler) by ID number: the card tap on any screen",
    input: z.object({ idNumber: z.string().trim().min(1, '请输入身份证号码').max(32, '身份证号码最长 32 个字符') }).strict(),
    output: z.object({ rows: z.array(caseRowSchema) }),
  },
  'calendar.deadline': {
    summary: 'The date N working days after a date (holidays and 调休 included); provisional, naming the year, where a year has no calendar',
    input: z.object({ date: plainDateSchema, days: z.number().int().min(0, '工作日数不能为负').max(365, '工作日数最多 365') }).strict(),
    output: z.object({ deadline: z.string(), provisional: provisionalNoteSchema.nullable() }),
  },
  'calendar.years': {
    summary: 'Holiday calendar years loaded, and where each comes from',
    input: none,
    output: z.array(z.object({ year: z.number(), source: z.string(), from: z.enum(['shipped', 'data_dir', 'imported']) })),
  },
  'scan.classify': {
    summary: 'What a scanned code is: a case number (and whether it exists), a USCC, a waybill, or unknown',
    input: z.object({ text: z.string().min(1, '条码内容为空').max(256, '条码最长 256 个字符') }).strict(),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('case'), caseNo: z.string(), exists: z.boolean(), state: caseStateSchema.nullable() }),
      z.object({ kind: z.literal('uscc'), uscc: z.string() }),
      z.object({ kind: z.literal('waybill'), carrier: z.enum(['sf', 'ems']), waybillNo: z.string() }),
      z.object({ kind: z.literal('unknown'), text: z.string() }),
    ]),
  },
})

export const casesEvents = defineEvents({
  /** Any write to a case: accepted (previousState null), a transition, or deferred materials received. */
  'case.changed': z.object({
    caseNo: z.string(),
    state: caseStateSchema,
    previousState: caseStateSchema.nullable(),
    action: z.string(),
    at: z.string(),
    operator: z.string(),
    stationId: z.string(),
  }),
})
