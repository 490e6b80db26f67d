/**
 * The platform's JSON bodies (docs/upstream.md) as schemas, shared by the
 * station (which builds events and reads notices) and the emulator (which
 * checks events and builds notices): one definition, so the two sides cannot
 * drift apart.
 */
import { z } from 'zod'
import { idTypes, upstreamSteps } from './upstreamCodes'

const text = (max: number): z.ZodString => z.string().max(max)

export const applicantSchema = z.object({
  kind: z.enum(['person', 'enterprise']),
  name: text(100).min(1),
  idType: z.enum(idTypes),
  idTypeName: text(30),
  /** Person: the full ID number (platform only); enterprise: null. */
  idNumber: text(40).nullable(),
  uscc: text(18).nullable(),
  handlerName: text(50).nullable(),
  handlerIdNumber: text(40).nullable(),
  phone: text(30),
})
export type WireApplicant = z.infer<typeof applicantSchema>

const certificateSchema = z.object({ type: text(30).min(1), number: text(60).min(1), issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })

export const resultSchema = z.object({
  code: z.enum(['approve', 'reject']),
  name: text(10).optional(),
  certificate: certificateSchema.nullable().optional(),
  refusal: z.enum(['notPermitted', 'notAccepted']).nullable().optional(),
  reason: text(500).nullable().optional(),
  legalBasis: text(300).nullable().optional(),
})
export type WireResult = z.infer<typeof resultSchema>

const expressSchema = z.object({ recipient: text(50).min(1), phone: text(30).min(1), province: text(20).min(1), city: text(30).min(1), district: text(30).min(1), address: text(200).min(1) })
export type WireExpress = z.infer<typeof expressSchema>

export const eventBodySchema = z.object({
  eventId: text(200).min(1),
  caseNo: text(60).min(1),
  localCaseNo: text(60).min(1),
  seq: z.number().int().min(1),
  step: z.enum(upstreamSteps),
  stepName: text(10),
  at: z.iso.datetime(),
  operator: text(80),
  station: z.object({ id: text(3), name: text(40), hall: text(60), regionCode: text(6) }),
  item: z.object({ code: text(40), implementCode: text(60), name: text(100) }),
  department: text(60),
  // accept
  applicant: applicantSchema.optional(),
  acceptedAt: z.iso.datetime().optional(),
  promisedDays: z.number().int().min(0).optional(),
  promisedDate: z.string().optional(),
  deliveryMethod: z.enum(['window', 'express']).optional(),
  // supplementRequest / supplementDone
  supplement: z.object({ materials: z.array(z.object({ id: text(40), name: text(100) })), note: text(500).nullable(), dueDate: z.string().nullable() }).optional(),
  newPromisedDate: z.string().optional(),
  // conclude
  result: resultSchema.optional(),
  // collect
  collector: z.object({ role: text(20), name: text(60), idNumber: text(40) }).optional(),
  // ship / deliver
  shipment: z.object({ waybillNo: text(40).nullable() }).optional(),
  // rate
  rating: z
    .object({ visit: z.enum(['intake', 'output']), visitName: text(10), grade: z.number().int().min(1).max(5), gradeName: text(10), reasons: z.array(text(20)), text: text(300).nullable(), signed: z.boolean() })
    .optional(),
})
export type UpstreamEventBody = z.infer<typeof eventBodySchema>

/** What the platform knows of an online 办件, carried on its notices. */
export const noticeCaseSchema = z.object({
  item: z.object({ code: text(40).min(1), name: text(100) }),
  department: text(60).optional(),
  applicant: applicantSchema,
  acceptedAt: z.iso.datetime(),
  promisedDate: z.string().optional(),
  deliveryMethod: z.enum(['window', 'express']),
  express: expressSchema.nullable().optional(),
})
export type NoticeCase = z.infer<typeof noticeCaseSchema>

export const noticeSchema = z.object({
  noticeId: text(80).min(1),
  caseNo: text(60).min(1),
  seq: z.number().int().min(1),
  kind: z.enum(['decided', 'ready']),
  at: z.iso.datetime(),
  operator: text(80).optional(),
  note: text(500).nullable().optional(),
  case: noticeCaseSchema,
  result: resultSchema.optional(),
})
export type UpstreamNotice = z.infer<typeof noticeSchema>

/** A feed page: notices are checked one by one (a bad one must not hide the others). */
export const feedPageSchema = z.object({ code: z.literal('OK'), notices: z.array(z.unknown()), cursor: z.string().min(1), more: z.boolean() })

export const registrationSchema = z.object({
  stationId: z.string().regex(/^\d{3}$/),
  keyId: text(80).min(1),
  /** base64 of the raw 32-byte Ed25519 public key. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  stationName: text(40),
  hallName: text(60),
  regionCode: text(6),
})
export type Registration = z.infer<typeof registrationSchema>

/** Every refusal: `{code, message}` (docs/upstream.md "Errors"). */
export const errorBodySchema = z.object({ code: z.string(), message: z.string().optional() })

export const EVENTS_PATH = '/api/v1/events'
export const NOTICES_PATH = '/api/v1/notices'
export const STATIONS_PATH = '/api/v1/stations'
