/**
 * A case change, or a rating, as the platform's event (docs/upstream.md
 * "POST /api/v1/events"): the 办件 data items the step carries, read from
 * the change as recorded (its timeline details, the case image at 受理). The
 * ID numbers are sealed with the caller's `seal` (the local cipher) and kept
 * beside the body, never in it: the outbox row holds no ID number in clear.
 */
import { gradeLabels, reasonLabels, visitLabels, type RatingReason, type RatingVisit } from '../../domain/ratings'
import type { NewApplicant } from '../../store/caseRecords'
import { idTypeNames, idTypeOfKind, resultNames, stepNames, stepOfAction, type IdType } from '../../domain/upstream/upstreamCodes'
import type { UpstreamEventPayload } from '../../upstream/upstreamLane'
import type { UpstreamEventBody, WireApplicant } from '../../domain/upstream/upstreamMessages'
import type { CaseChange } from '../cases/caseChanges'

export interface UpstreamStation {
  id: string
  name: string
  hall: string
  regionCode: string
}

/** What the event names the case by: the platform's number (an online case's) or ours, and the item. */
export interface CaseFacts {
  caseNo: string
  platformCaseNo: string
  itemCode: string
  itemName: string
  department: string
}

export type Seal = (idNumber: string) => string

type Details = Record<string, unknown>

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

function commonPart(facts: CaseFacts, station: UpstreamStation, eventId: string, seq: number, at: string, operator: string): Omit<UpstreamEventBody, 'step' | 'stepName'> {
  return {
    eventId,
    caseNo: facts.platformCaseNo,
    localCaseNo: facts.caseNo,
    seq,
    at,
    operator,
    station: { id: station.id, name: station.name, hall: station.hall, regionCode: station.regionCode },
    // 实施编码: the catalog carries no implementation code yet; region + item stands in for it (docs/upstream.md, Unverified).
    item: { code: facts.itemCode, implementCode: `${station.regionCode}${facts.itemCode}`, name: facts.itemName },
    department: facts.department,
  }
}

function idTypeOf(a: NewApplicant): IdType {
  if (a.kind === 'person') return idTypeOfKind(a.idKind)
  return a.uscc ? 'uscc' : 'none'
}

/** The applicant as the wire carries it, ID numbers left out (sealed beside the body). */
export function wireApplicant(a: NewApplicant): WireApplicant {
  const idType = idTypeOf(a)
  return { kind: a.kind, name: a.name, idType, idTypeName: idTypeNames[idType], idNumber: null, uscc: a.uscc, handlerName: a.handlerName, handlerIdNumber: null, phone: a.phone }
}

/** The step's own fields; null for an action the platform does not record. */
function stepFields(change: CaseChange): Partial<UpstreamEventBody> | null {
  const details: Details = change.timeline.details ?? {}
  switch (change.action) {
    case 'accept': {
      const image = change.image
      // Without the image the platform would get a 受理 with no applicant: a wiring fault, not an event to send half.
      if (!image) throw new Error(`upstream: accept of ${change.caseNo} recorded without its case image`)
      return { applicant: wireApplicant(image.applicant), acceptedAt: image.acceptedAt, promisedDays: image.promisedDays, promisedDate: image.deadline, deliveryMethod: image.delivery }
    }
    case 'requestSupplement': {
      const missing = Array.isArray(details.missingMaterials) ? (details.missingMaterials as Array<{ materialId?: unknown; name?: unknown }>) : []
      return { supplement: { materials: missing.map((m) => ({ id: String(m.materialId ?? ''), name: String(m.name ?? '') })), note: change.timeline.note, dueDate: str(details.supplementDueDate) } }
    }
    case 'supply':
      return str(details.deadline) ? { newPromisedDate: str(details.deadline)! } : {}
    case 'approve': {
      const c = details.certificate as { type?: unknown; number?: unknown; issuedOn?: unknown } | undefined
      const certificate = c ? { type: String(c.type), number: String(c.number), issuedOn: String(c.issuedOn) } : null
      return { result: { code: 'approve', name: resultNames.approve, certificate } }
    }
    case 'reject':
      return {
        result: {
          code: 'reject',
          name: resultNames.reject,
          refusal: details.refusal === 'notAccepted' ? 'notAccepted' : 'notPermitted',
          reason: change.timeline.note,
          legalBasis: str(details.legalBasis),
        },
      }
    case 'collect': {
      const c = (details.collector ?? {}) as { role?: unknown; name?: unknown; id?: unknown }
      return { collector: { role: String(c.role ?? ''), name: String(c.name ?? ''), idNumber: String(c.id ?? '') } }
    }
    case 'handOver':
    case 'deliver':
      return { shipment: { waybillNo: str(details.waybillNo) } }
    case 'produce':
      return {}
    default:
      return null
  }
}

/** The event for a change, or null when the platform does not record that action (开始审查, 寄递下单, 撤回…). */
export function upstreamEventOf(change: CaseChange, seq: number, eventId: string, facts: CaseFacts, station: UpstreamStation, seal: Seal): UpstreamEventPayload | null {
  const step = stepOfAction[change.action]
  if (step === undefined) return null
  const fields = stepFields(change)
  if (fields === null) return null
  const body: UpstreamEventBody = { ...commonPart(facts, station, eventId, seq, change.at, change.operator), step, stepName: stepNames[step], ...fields }
  const applicant = change.action === 'accept' ? change.image?.applicant : undefined
  return {
    body,
    idSealed: applicant?.idNumber ? seal(applicant.idNumber) : null,
    handlerIdSealed: applicant?.handlerIdNumber ? seal(applicant.handlerIdNumber) : null,
  }
}

export interface RatingFacts {
  visit: RatingVisit
  grade: number
  reasons: readonly RatingReason[]
  text: string | null
  signed: boolean
  staff: string | null
  ratedAt: string
}

/** 评价: `seq` is the number of the last timeline step before it (the visit it rates). */
export function upstreamRatingOf(rating: RatingFacts, seq: number, eventId: string, facts: CaseFacts, station: UpstreamStation): UpstreamEventPayload {
  const grade = rating.grade as keyof typeof gradeLabels
  const body: UpstreamEventBody = {
    ...commonPart(facts, station, eventId, Math.max(1, seq), rating.ratedAt, rating.staff ?? '评价人'),
    step: 'rate',
    stepName: stepNames.rate,
    rating: {
      visit: rating.visit,
      visitName: visitLabels[rating.visit],
      grade: rating.grade,
      gradeName: gradeLabels[grade],
      reasons: rating.reasons.map((r) => reasonLabels[r]),
      text: rating.text,
      signed: rating.signed,
    },
  }
  return { body, idSealed: null, handlerIdSealed: null }
}
