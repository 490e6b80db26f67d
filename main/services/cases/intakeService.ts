/**
 * Intake (一窗综合受理): drafts that survive a restart, and Accept — one
 * transaction that numbers the case and writes it with its applicant,
 * materials, first timeline event and audit rows, the draft's photos and the
 * receipt print job, then drops the draft. Either all of it is on disk or
 * none of it is; `case.changed` goes out only after it is.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../../domain/errors'
import { agentDelivery, requireAgentItem, requireAuthorisation, type AgentMark } from '../../domain/agentCase'
import { DEFAULT_CASE_NUMBER_FORMAT, validateCaseNumberFormat } from '../../domain/caseNumber'
import { intakeFormSchema, type IntakeForm } from '../../domain/intakeForm'
import { maskIdNumber, maskName, maskPhone } from '../../domain/masking'
import { planDeadline, provisionalNote, type ProvisionalNote } from '../../domain/provisionalDeadline'
import type { DeliveryMethod, ExpressAddress, NewApplicant, NewMaterial } from '../../store/caseRecords'
import type { Store } from '../../store/store'
import type { SessionService } from '../system/session'
import type { AgentStation } from '../agent/agentStation'
import type { CalendarService } from './calendarService'
import type { CaseChangeRecorder } from './caseChanges'
import type { CatalogService } from './catalogService'
import { acceptedCaseImage, nextCaseNo } from './acceptedCase'
import { applicantIdShown } from './caseViews'
import { todayOn, type HallClock } from './hallClock'
import { utcTimestamp } from '../../domain/timestamps'
import { checkApplicantFields, validateIntake, type ApplicantChecks } from './intakeValidation'
import { checkedIntakeAgent, recordIntakeAgent } from '../output/intakeAgent'
import { requireOperator } from './operator'

/** Everything a receipt or an outbox entry needs about a case just accepted. */
export interface AcceptedCase {
  caseId: number
  caseNo: string
  item: { code: string; name: string; department: string; promisedDays: number }
  acceptedAt: string
  acceptedDate: string
  deadline: string
  /** 暂定: the deadline counted a year whose holiday notice is not imported as weekends only. */
  deadlineProvisional: ProvisionalNote | null
  operator: string
  stationId: string
  applicant: {
    kind: NewApplicant['kind']
    name: string
    idMasked: string | null
    uscc: string | null
    phoneMasked: string
    /** Enterprise: the person handling it at the counter (经办人), ID masked. */
    handler: { name: string; idMasked: string } | null
  }
  materials: NewMaterial[]
  fee: { cents: number; name: string; receiptNo: string } | null
  delivery: DeliveryMethod
  express: ExpressAddress | null
  /** 代办: the bank branch and clerk that took it; null at a hall window. */
  agent: AgentMark | null
}

/** Printing's part of an acceptance; runs inside the accept transaction, a throw rolls the whole acceptance back. */
export interface AcceptanceReceipts {
  /** Queues the acceptance receipt (受理回执) job for the case just written. */
  queueFor(accepted: AcceptedCase): void
}

/** The material photos' part of an acceptance; inside the accept transaction like the receipt. */
export interface DraftPhotos {
  /** The draft's photos become the case's, their hashes joining the audit chain. */
  adoptFor(accepted: AcceptedCase): void
}

export interface IntakeServiceDeps {
  store: Store
  changes: CaseChangeRecorder
  /** null where nothing prints (CLI, seeder, bench): no receipt job is written. */
  receipts: AcceptanceReceipts | null
  /** null where no photos are taken (CLI, seeder, bench). */
  draftPhotos: DraftPhotos | null
  catalog: CatalogService
  calendar: CalendarService
  session: SessionService
  clock: HallClock
  stationId: string
  regionCode: string
  caseNumberFormat?: string
  /** A bank branch's station (profile `agent`): agent-allowed items only, the authorisation required; null elsewhere. */
  agent?: AgentStation | null
}

export interface DraftView {
  draftId: string
  form: IntakeForm
  savedAt: string
}

export interface AcceptResult {
  caseNo: string
  deadline: string
  acceptedAt: string
  promisedDays: number
  /** 暂定 and why, when a year the deadline reaches has no holiday calendar yet. */
  deadlineProvisional: ProvisionalNote | null
  /** 容缺: what the applicant still owes, by when. */
  deferred: Array<{ materialId: string; name: string; promiseDate: string }>
  /** true when this draft had been accepted already (a double Enter): the same case, nothing new written. */
  alreadyAccepted: boolean
}

export class IntakeService {
  private readonly format: string

  constructor(private readonly deps: IntakeServiceDeps) {
    this.format = deps.caseNumberFormat ?? DEFAULT_CASE_NUMBER_FORMAT
    validateCaseNumberFormat(this.format)
  }

  /** Live checks for the form as the clerk types: no write, no operator needed. */
  checkApplicant(input: { idNumber?: string; uscc?: string; phone?: string }): ApplicantChecks {
    return checkApplicantFields(input, todayOn(this.deps.clock))
  }

  saveDraft(input: { draftId?: string; form: IntakeForm }): DraftView {
    const operator = requireOperator(this.deps.session)
    const { store, stationId } = this.deps
    const draftId = input.draftId ?? store.drafts.current(stationId, operator)?.id ?? randomUUID()
    const existing = input.draftId ? store.drafts.get(input.draftId) : undefined
    if (existing && existing.stationId !== stationId) throw new AppError('FORBIDDEN', `草稿 ${draftId} 属于窗口 ${existing.stationId}，不能在本窗口修改`, 'draftId')
    if (store.cases.byDraftId(draftId)) throw new AppError('CONFLICT', `草稿 ${draftId} 已受理，不能再修改；请新建受理`, 'draftId')
    const savedAt = utcTimestamp(this.deps.clock.now())
    store.drafts.save({ id: draftId, stationId, operator, data: JSON.stringify(input.form), at: savedAt })
    return { draftId, form: input.form, savedAt }
  }

  /** The signed-in operator's latest draft at this station, or null. */
  currentDraft(): DraftView | null {
    const operator = requireOperator(this.deps.session)
    const draft = this.deps.store.drafts.current(this.deps.stationId, operator)
    return draft ? { draftId: draft.id, form: parseStoredForm(draft.data), savedAt: draft.updatedAt } : null
  }

  discardDraft(input: { draftId?: string }): { discarded: boolean } {
    const operator = requireOperator(this.deps.session)
    const id = input.draftId ?? this.deps.store.drafts.current(this.deps.stationId, operator)?.id
    return { discarded: id !== undefined && this.deps.store.drafts.delete(id) }
  }

  accept(input: { draftId?: string; form?: IntakeForm }): AcceptResult {
    const operator = requireOperator(this.deps.session)
    const { store, stationId } = this.deps
    if (input.draftId) {
      const done = store.cases.byDraftId(input.draftId)
      if (done) {
        return { caseNo: done.caseNo, deadline: done.deadline, deadlineProvisional: provisionalNote(done.provisional), acceptedAt: done.acceptedAt, promisedDays: done.promisedDays, deferred: [], alreadyAccepted: true }
      }
    }
    const form = input.form ?? this.draftForm(input.draftId)
    if (!form.itemCode) throw new AppError('BAD_INPUT', '请选择办理事项', 'itemCode')
    const item = this.deps.catalog.item(form.itemCode)
    const now = this.deps.clock.now()
    const today = todayOn(this.deps.clock)
    const calendar = this.deps.calendar.calendar()
    const station = this.deps.agent ?? null
    if (station) requireAgentItem(item, station.branch)
    // Everything that can be refused is refused here, before the transaction opens. A year with no
    // holiday calendar is not a reason to refuse: 容缺 promise dates there are checked against weekends only.
    // 代办: certificates go by express unless the form chose otherwise.
    const v = validateIntake(station ? { ...form, delivery: agentDelivery(form, item) } : form, item, today, calendar.provisional())
    const collectionAgent = checkedIntakeAgent(form, today)
    const agent: AgentMark | null = station
      ? { ...station.branch, agentName: operator, authorisationSha256: requireAuthorisation(form, input.draftId ? station.authorisationPhoto(input.draftId) : null) }
      : null
    // A deadline reaching such a year is provisional (暂定), marked, and recounted when the year is imported.
    const plan = planDeadline({ calendar, acceptedDate: today, promisedDays: item.promisedDays })
    const { deadline } = plan
    const deadlineProvisional = provisionalNote(plan.provisional)
    const acceptedAt = utcTimestamp(now)
    const a = v.applicant
    // Everything about the case but its number and row id, which the transaction assigns.
    const facts: Omit<AcceptedCase, 'caseId' | 'caseNo'> = {
      item: { code: item.code, name: item.name, department: item.departmentName, promisedDays: item.promisedDays },
      acceptedAt,
      acceptedDate: today,
      deadline,
      deadlineProvisional,
      operator,
      stationId,
      applicant: {
        kind: a.kind,
        name: a.name,
        idMasked: a.idNumber ? maskIdNumber(a.idNumber) : null,
        uscc: a.uscc,
        phoneMasked: maskPhone(a.phone),
        handler: a.handlerName && a.handlerIdNumber ? { name: a.handlerName, idMasked: maskIdNumber(a.handlerIdNumber) } : null,
      },
      materials: v.materials,
      fee: v.fee,
      delivery: v.delivery,
      express: v.express,
      agent,
    }
    const deferred = v.materials.filter((m) => m.status === 'deferred').map((m) => ({ materialId: m.materialId, name: m.name, promiseDate: m.promiseDate ?? '' }))

    const accepted = this.deps.changes.transaction(({ record }): AcceptedCase => {
      const caseNo = nextCaseNo(store.sequences, { format: this.format, regionCode: this.deps.regionCode, stationId }, today)
      const image = acceptedCaseImage(item, plan, {
        caseNo,
        stationId,
        operator,
        acceptedAt,
        acceptedDate: today,
        delivery: v.delivery,
        fee: v.fee,
        note: v.note,
        draftId: input.draftId ?? null,
        applicant: a,
        materials: v.materials,
        express: v.express,
        agent,
      })
      const caseId = store.cases.insert(image)
      const result: AcceptedCase = { ...facts, caseId, caseNo }
      const owed = deferred.map((d) => ({ materialId: d.materialId, promiseDate: d.promiseDate }))
      record({
        caseId,
        caseNo,
        action: 'accept',
        from: null,
        to: 'accepted',
        at: acceptedAt,
        operator,
        stationId,
        image,
        timeline: {
          note: v.note,
          details: owed.length > 0 || deadlineProvisional ? { ...(owed.length > 0 ? { deferred: owed } : {}), ...(deadlineProvisional ? { deadlineProvisional } : {}) } : null,
        },
        audit: [
          {
            action: 'case.accept',
            details: {
              itemCode: item.code,
              itemName: item.name,
              applicant: { kind: a.kind, name: maskName(a.name), id: applicantIdShown(result.applicant), source: v.identitySource },
              deadline,
              ...(deadlineProvisional ? { deadlineProvisionalYears: deadlineProvisional.missingYears } : {}),
              promisedDays: item.promisedDays,
              delivery: v.delivery,
              deferred: owed,
              draftId: input.draftId ?? null,
              ...(agent ? { agent } : {}),
            },
          },
          ...(v.fee ? [{ action: 'payment.record', details: { cents: v.fee.cents, feeName: v.fee.name, receiptNo: v.fee.receiptNo } }] : []),
        ],
      })
      // The photos' audit row follows the acceptance's in the chain; then the receipt job.
      this.deps.draftPhotos?.adoptFor(result)
      // After the photos: the agent's row names the newest 委托书 photo the case now holds.
      if (collectionAgent) recordIntakeAgent(store, result, collectionAgent)
      this.deps.receipts?.queueFor(result)
      if (input.draftId) store.drafts.delete(input.draftId)
      return result
    })

    return { caseNo: accepted.caseNo, deadline, deadlineProvisional, acceptedAt, promisedDays: item.promisedDays, deferred, alreadyAccepted: false }
  }

  private draftForm(draftId: string | undefined): IntakeForm {
    if (!draftId) throw new AppError('BAD_INPUT', '受理需要草稿编号（draftId）或完整表单（form）')
    const draft = this.deps.store.drafts.get(draftId)
    if (!draft) throw new AppError('NOT_FOUND', `草稿 ${draftId} 不存在（已受理或已放弃？）`, 'draftId')
    if (draft.stationId !== this.deps.stationId) throw new AppError('FORBIDDEN', `草稿 ${draftId} 属于窗口 ${draft.stationId}`, 'draftId')
    return parseStoredForm(draft.data)
  }
}

/** A stored draft is re-checked: a form saved by an older build may not fit today's schema. */
function parseStoredForm(text: string): IntakeForm {
  const parsed = intakeFormSchema.safeParse(JSON.parse(text) as unknown)
  return parsed.success ? parsed.data : {}
}
