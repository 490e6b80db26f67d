/**
 * 好差评 (国办发〔2019〕51号): the applicant rates each visit once (一次一评),
 * on the customer-facing panel the clerk offers it on; a 差评 opens a
 * follow-up for the supervisor with a due date in working days and a light.
 */
import { z } from 'zod'
import { RATING_TEXT_MAX, ratingReasons, ratingVisits } from '../domain/ratings'
import { defineCommands, defineEvents } from './define'

const caseNoSchema = z.string().trim().min(1, '请输入办件编号').max(40, '办件编号最长 40 个字符')
const visitSchema = z.enum(ratingVisits, { error: '评价环节应为 intake（受理）或 output（出件）' })
const lightSchema = z.enum(['green', 'yellow', 'red'])
const provisionalNoteSchema = z.object({ missingYears: z.array(z.number()), reason: z.string() })

export const ratingSchema = z.object({
  caseNo: z.string(),
  visit: visitSchema,
  /** 5 非常满意 … 1 非常不满意. */
  grade: z.number().int(),
  gradeLabel: z.string(),
  /** 差评: grade 1 or 2. */
  isNegative: z.boolean(),
  reasons: z.array(z.enum(ratingReasons)),
  text: z.string().nullable(),
  /** false: the applicant rated anonymously (no return visit possible). */
  signed: z.boolean(),
  /** Who served the applicant. */
  staff: z.string().nullable(),
  ratedAt: z.string(),
})

const returnVisitSchema = z.object({ at: z.string(), by: z.string(), note: z.string(), signed: z.boolean() })

/** A 差评's follow-up (整改) as the supervisor's list shows it. */
export const followUpSchema = z.object({
  caseNo: z.string(),
  visit: visitSchema,
  grade: z.number().int(),
  gradeLabel: z.string(),
  reasons: z.array(z.enum(ratingReasons)),
  text: z.string().nullable(),
  signed: z.boolean(),
  staff: z.string().nullable(),
  ratedAt: z.string(),
  openedOn: z.string(),
  /** Working days the station gave (5–15). */
  days: z.number().int(),
  dueDate: z.string(),
  /** open: 整改中; closed: 已办结. */
  state: z.enum(['open', 'closed']),
  light: lightSchema.nullable(),
  workingDaysLeft: z.number().int().nullable(),
  provisional: provisionalNoteSchema.nullable(),
  itemName: z.string().nullable(),
  /** Masked, as in every list; the case page has them in full. */
  applicantName: z.string().nullable(),
  applicantPhone: z.string().nullable(),
  returnVisit: returnVisitSchema.nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
})

/** What the customer-facing panel shows while a rating is offered. */
export const ratingOfferSchema = z.object({
  caseNo: z.string(),
  visit: visitSchema,
  itemName: z.string(),
  /** Masked (张*梅): the panel faces the hall. */
  applicantName: z.string(),
  staff: z.string().nullable(),
  offeredAt: z.string(),
})

export const ratingPanelStateSchema = z.object({
  offer: ratingOfferSchema.nullable(),
  /** Customer panels (second windows) attached to this station now. */
  panels: z.number().int(),
})

const visitKey = { caseNo: caseNoSchema, visit: visitSchema }
const noteSchema = z.string().trim().min(2, '请写明情况（至少 2 个字）').max(RATING_TEXT_MAX, `最长 ${RATING_TEXT_MAX} 字`)

export const ratingsCommands = defineCommands({
  'ratings.submit': {
    summary: 'The applicant rates one visit (一次一评); a 差评 needs a reason and opens a follow-up',
    input: z
      .object({
        ...visitKey,
        grade: z.number({ error: '评价等级应为 1–5 的整数' }).int('评价等级应为 1–5 的整数').min(1, '评价等级最低为 1（非常不满意）').max(5, '评价等级最高为 5（非常满意）'),
        reasons: z.array(z.enum(ratingReasons, { error: `原因应为 ${ratingReasons.join('、')} 之一` })).max(ratingReasons.length).optional(),
        text: z.string().max(RATING_TEXT_MAX, `评价内容最长 ${RATING_TEXT_MAX} 字`).optional(),
        /** The applicant leaves no name or contact: no return visit can be made. */
        anonymous: z.boolean().optional(),
      })
      .strict(),
    output: ratingSchema.extend({ followUp: followUpSchema.nullable() }),
  },
  'ratings.followUps': {
    summary: 'The open 差评 follow-ups, oldest first, with due date and light',
    input: z.object({}).strict(),
    output: z.array(followUpSchema),
  },
  'ratings.forCase': {
    summary: "A case's ratings, each with its follow-up",
    input: z.object({ caseNo: caseNoSchema }).strict(),
    output: z.array(ratingSchema.extend({ followUp: followUpSchema.nullable() })),
  },
  'ratings.offer': {
    summary: 'Put the rating of a visit on the customer-facing panel',
    input: z.object(visitKey).strict(),
    output: ratingPanelStateSchema,
  },
  'ratings.withdraw': {
    summary: 'Take the offered rating off the customer-facing panel (the applicant declined)',
    input: z.object({}).strict(),
    output: ratingPanelStateSchema,
  },
  'ratings.pending': {
    summary: 'The rating offered now, if any, and how many customer panels are attached',
    input: z.object({}).strict(),
    output: ratingPanelStateSchema,
  },
  'ratings.panel': {
    summary: 'A customer-facing panel attaches (on opening) or leaves (on closing)',
    input: z.object({ panelId: z.string().trim().min(8).max(64), present: z.boolean() }).strict(),
    output: ratingPanelStateSchema,
  },
  'ratings.recordReturnVisit': {
    summary: "Record the return visit (回访) of a 差评 and close its follow-up",
    input: z.object({ ...visitKey, note: noteSchema, signed: z.boolean().optional() }).strict(),
    output: followUpSchema,
  },
  'ratings.closeFollowUp': {
    summary: 'Close an anonymous 差评 follow-up with what was put right (a signed one needs its return visit)',
    input: z.object({ ...visitKey, note: noteSchema }).strict(),
    output: followUpSchema,
  },
})

export const ratingsEvents = defineEvents({
  /** The offered rating changed (offered, rated, withdrawn) or a panel came or went. */
  'ratings.panelChanged': ratingPanelStateSchema,
  /** A rating was given or a follow-up moved. */
  'ratings.changed': z.object({ caseNo: z.string(), visit: visitSchema, grade: z.number().int(), followUpState: z.enum(['open', 'closed']).nullable() }),
})
