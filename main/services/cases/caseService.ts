/**
 * Cases after intake: every transition checked by the state machine and
 * recorded (timeline row, audit row, then `case.changed` once committed)
 * through the CaseChangeRecorder in one transaction; the 补正
 * pause that stops the clock; the queue and the case page.
 */
import { AppError } from '../../domain/errors'
import { clockOf } from '../../domain/caseClock'
import { actionLabels, caseStates, deskOnlyActions, isOpen, nextState, type CaseAction, type CaseState } from '../../domain/caseMachine'
import { DEFAULT_CASE_NUMBER_FORMAT } from '../../domain/caseNumber'
import { checkIdNumber } from '../../domain/idNumber'
import { isPlainDate, type PlainDate } from '../../domain/plainDate'
import { classifyScanText } from '../../domain/scanText'
import { countPause, provisionalNote, replanDeadline, type ProvisionalMark } from '../../domain/provisionalDeadline'
import type { CaseSummary } from '../../store/caseRecords'
import type { Store } from '../../store/store'
import type { SessionService } from '../system/session'
import type { CalendarService } from './calendarService'
import type { CaseChangeRecorder } from './caseChanges'
import { DaysLeftCounter, toCaseDetail, toCaseRow, type CaseDetail, type CaseRow } from './caseViews'
import { todayOn, type HallClock } from './hallClock'
import { utcTimestamp } from '../../domain/timestamps'
import { requireOperator } from './operator'
import { maskIdNumber } from '../../domain/masking'
import { seesFullIdNumbers } from '../../domain/access'
import { recordView, viewActions } from '../audit/personalDataViews'
import { queueQuery, type QueueRequest } from './queueQuery'
import { certificateTypeOf, departmentItemCodes, reviewOutcome, type ReviewCatalog, type ReviewFields } from './reviewDecision'

export interface CaseServiceDeps {
  store: Store
  calendar: CalendarService
  session: SessionService
  changes: CaseChangeRecorder
  clock: HallClock
  stationId: string
  caseNumberFormat?: string
  /** The item's certificate (准予) and the department's name (the notices); absent: nothing is required. */
  catalog?: ReviewCatalog
}

export interface TransitionRequest extends ReviewFields {
  caseNo: string
  action: CaseAction
  note?: string
  /** requestSupplement: the day the applicant must supply by (补正期限). */
  promiseDate?: string
}

export type ScanClassification =
  | { kind: 'case'; caseNo: string; exists: boolean; state: CaseState | null }
  | { kind: 'uscc'; uscc: string }
  | { kind: 'waybill'; carrier: 'sf' | 'ems'; waybillNo: string }
  | { kind: 'unknown'; text: string }

const openStates: readonly CaseState[] = caseStates.filter(isOpen)

export class CaseService {
  private readonly format: string

  constructor(private readonly deps: CaseServiceDeps) {
    this.format = deps.caseNumberFormat ?? DEFAULT_CASE_NUMBER_FORMAT
  }

  /** The case page shows the full ID number: only to a signed-in operator. */
  get(caseNo: string): CaseDetail {
    requireOperator(this.deps.session)
    const detail = this.deps.store.cases.detail(caseNo)
    if (!detail) throw new AppError('NOT_FOUND', `没有编号为 ${caseNo} 的办件`, 'caseNo')
    const today = todayOn(this.deps.clock)
    const certificate = this.deps.store.certificates.ofCase(detail.id)
    return toCaseDetail(detail, today, new DaysLeftCounter(this.deps.calendar.calendar(), today), {
      certificateType: certificateTypeOf(this.deps.catalog, detail.itemCode) ?? null,
      certificate: certificate ? { type: certificate.type, number: certificate.number, issuedOn: certificate.issuedOn } : null,
    })
  }

  /** The case page as a screen asks for it (`cases.get`): its full ID numbers make it a view of personal data, audited. */
  view(caseNo: string): CaseDetail {
    const operator = requireOperator(this.deps.session)
    const detail = this.forViewer(this.get(caseNo))
    const shown = [detail.applicant.idNumber, detail.applicant.handlerIdNumber].filter((id): id is string => id !== null)
    if (shown.length > 0) {
      const at = utcTimestamp(this.deps.clock.now())
      recordView(this.deps.store, { at, operator, stationId: this.deps.stationId, action: viewActions.idNumber, caseNo, details: { command: 'cases.get', idNumbers: shown.map(maskIdNumber) } })
    }
    return detail
  }

  /**
   * The case as the operator in hand may see it: a role that serves nobody
   * face to face (the courier desk) gets the ID numbers masked, never whole.
   */
  forViewer(detail: CaseDetail): CaseDetail {
    const role = this.deps.session.get().role
    if (role === null || seesFullIdNumbers(role)) return detail
    const a = detail.applicant
    return {
      ...detail,
      applicant: { ...a, idNumber: a.idNumber === null ? null : maskIdNumber(a.idNumber), handlerIdNumber: a.handlerIdNumber === null ? null : maskIdNumber(a.handlerIdNumber) },
    }
  }

  list(request: QueueRequest): { rows: CaseRow[]; nextCursor: string | null } {
    const today = todayOn(this.deps.clock)
    const q = queueQuery(request, today, this.format, this.departmentItems)
    const found = this.deps.store.queue.page(q.filter, q.sort, q.after, q.limit + 1)
    const page = found.slice(0, q.limit)
    const days = new DaysLeftCounter(this.deps.calendar.calendar(), today)
    const last = page[page.length - 1]
    return { rows: page.map((s) => toCaseRow(s, today, days)), nextCursor: found.length > q.limit && last ? q.cursorAfter(last) : null }
  }

  count(request: Omit<QueueRequest, 'after' | 'limit' | 'sort'>): { count: number } {
    const q = queueQuery({ ...request, limit: 1 }, todayOn(this.deps.clock), this.format, this.departmentItems)
    return { count: this.deps.store.queue.count(q.filter) }
  }

  /** Open cases where this ID number is the applicant's or the handler's (the card tap "anywhere"). */
  findByIdNumber(idNumber: string): CaseRow[] {
    requireOperator(this.deps.session)
    const check = checkIdNumber(idNumber, { today: todayOn(this.deps.clock) })
    if (!check.valid) throw new AppError('INVALID_ID_NUMBER', `身份证号码有误：${check.reason}`, 'idNumber')
    const today = todayOn(this.deps.clock)
    const days = new DaysLeftCounter(this.deps.calendar.calendar(), today)
    const rows = this.deps.store.cases.byIdNumber(check.normalized, openStates, 50).map((s) => toCaseRow(s, today, days))
    // Found or not, the search itself says something about the person: audited.
    recordView(this.deps.store, {
      at: utcTimestamp(this.deps.clock.now()),
      operator: requireOperator(this.deps.session),
      stationId: this.deps.stationId,
      action: viewActions.lookup,
      details: { command: 'cases.findByIdNumber', idNumber: maskIdNumber(check.normalized), found: rows.map((r) => r.caseNo) },
    })
    return rows
  }

  classifyScan(text: string): ScanClassification {
    const kind = classifyScanText(text, this.format)
    if (kind.kind !== 'case') return kind
    const found = this.deps.store.cases.summary(kind.caseNo)
    return { kind: 'case', caseNo: kind.caseNo, exists: found !== undefined, state: found?.state ?? null }
  }

  transition(input: TransitionRequest): CaseDetail {
    // 窗口领取 checks the collector, the certificate number and takes the signature: the output window's command does it.
    if (input.action === 'collect') {
      this.checkedNextState(this.mustFind(input.caseNo), 'collect')
      throw new AppError('ILLEGAL_TRANSITION', `办件 ${input.caseNo}：“窗口领取”须在出件窗口（Alt+3）办理，核验领取人和证照编号，由领取人签名`, 'action')
    }
    return this.get(this.apply(input))
  }

  /** The transition itself; returns the case number. The seeder calls it directly to skip building the page. */
  apply(input: TransitionRequest): string {
    const operator = requireOperator(this.deps.session)
    const { store, stationId } = this.deps
    const current = this.mustFind(input.caseNo)
    const to = this.checkedNextState(current, input.action)
    const note = input.note?.trim() ? input.note.trim() : null
    const { certificate, legalBasis, refusal, missingMaterials } = input
    // The reason, legal basis, certificate or missing materials the decision owes the applicant (domain/reviewDecisions.ts).
    const fields = { certificate, legalBasis, refusal, missingMaterials }
    const review = reviewOutcome({ current, action: input.action, note, fields, today: todayOn(this.deps.clock), store, catalog: this.deps.catalog })
    if (deskOnlyActions.has(input.action)) {
      throw new AppError('ILLEGAL_TRANSITION', `办件 ${current.caseNo}：“${actionLabels[input.action]}”须在寄递台办理（同时取消承运商订单）`, 'action')
    }
    if (input.action === 'ship' && current.delivery !== 'express') {
      throw new AppError('BAD_INPUT', `办件 ${current.caseNo} 受理时选择窗口领取，没有快递收件信息，不能寄递`, 'action')
    }
    const now = this.deps.clock.now()
    const today = todayOn(this.deps.clock)
    const at = utcTimestamp(now)
    const clock = this.clockChange(current, input.action, today, input.promiseDate)
    const timelineDetails = clock.details === null && review.details === null ? null : { ...clock.details, ...review.details }
    const details: Record<string, unknown> = { action: input.action, from: current.state, to, ...timelineDetails }

    this.deps.changes.transaction(({ record }) => {
      const updated = store.cases.updateState({ id: current.id, expectedVersion: current.version, state: to, clock: clockOf(to), updatedAt: at, ...clock.update })
      if (!updated) throw new AppError('CONFLICT', `办件 ${current.caseNo} 刚被其他操作更新，请刷新后重试`, 'caseNo')
      if (review.certificate) store.certificates.record({ caseId: current.id, caseNo: current.caseNo, ...review.certificate, recordedAt: at, operator, stationId })
      record({
        caseId: current.id,
        caseNo: current.caseNo,
        action: input.action,
        from: current.state,
        to,
        at,
        operator,
        stationId,
        timeline: { note, details: timelineDetails },
        audit: [{ action: 'case.transition', details: note === null ? details : { ...details, note } }],
      })
    })
    return current.caseNo
  }

  /** 容缺 follow-up: deferred materials brought in later; no state change, but timeline and audit. */
  receiveMaterials(input: { caseNo: string; materialIds: string[] }): CaseDetail {
    const operator = requireOperator(this.deps.session)
    const { store, stationId } = this.deps
    const current = this.mustFind(input.caseNo)
    const at = utcTimestamp(this.deps.clock.now())
    this.deps.changes.transaction(({ record }) => {
      const supplied = store.cases.supplyMaterials(current.id, input.materialIds, at)
      const missing = input.materialIds.filter((id) => !supplied.includes(id))
      if (missing.length > 0) throw new AppError('BAD_INPUT', `办件 ${current.caseNo} 没有待补交（容缺）的材料 ${missing.join('、')}`, 'materialIds')
      record({
        caseId: current.id,
        caseNo: current.caseNo,
        action: 'supplyMaterials',
        from: current.state,
        to: current.state,
        at,
        operator,
        stationId,
        timeline: { note: null, details: { materialIds: supplied } },
        audit: [{ action: 'case.materials', details: { supplied } }],
      })
    })
    return this.get(current.caseNo)
  }

  private readonly departmentItems = (department: string): string[] => departmentItemCodes(this.deps.catalog, department)

  private mustFind(caseNo: string): CaseSummary {
    const found = this.deps.store.cases.summary(caseNo)
    if (!found) throw new AppError('NOT_FOUND', `没有编号为 ${caseNo} 的办件`, 'caseNo')
    return found
  }

  private checkedNextState(current: CaseSummary, action: CaseAction): CaseState {
    try {
      return nextState(current.state, action)
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, `办件 ${current.caseNo}：${err.message}`, 'action')
      throw err
    }
  }

  /**
   * 补正 stops the clock: the day it starts is recorded; on supply the working
   * days in between move the deadline (and the day it turns yellow) later.
   * A pause or deadline that reaches a year with no calendar is counted
   * provisionally and stays marked (暂定) until that year is imported.
   */
  private clockChange(
    current: CaseSummary,
    action: CaseAction,
    today: PlainDate,
    promiseDate: string | undefined,
  ): {
    update: { deadline: string; warnDate: string; provisional: ProvisionalMark | null; pausedDays: number; pausedSince: string | null }
    details: Record<string, unknown> | null
  } {
    const keep = { deadline: current.deadline, warnDate: current.warnDate, provisional: current.provisional, pausedDays: current.pausedDays, pausedSince: current.pausedSince }
    if (action === 'requestSupplement') {
      if (promiseDate !== undefined && (!isPlainDate(promiseDate) || promiseDate < today)) {
        throw new AppError('BAD_INPUT', `补正期限 ${promiseDate} 应为今天（${today}）或以后的日期`, 'promiseDate')
      }
      return { update: { ...keep, pausedSince: today }, details: { pausedSince: today, ...(promiseDate ? { supplementDueDate: promiseDate } : {}) } }
    }
    if (action === 'supply' || (action === 'withdraw' && current.clock === 'paused')) {
      const calendar = this.deps.calendar.calendar()
      const pause = countPause(calendar, current.pausedSince ?? today, today)
      const paused = pause.workingDays
      const pausedDays = current.pausedDays + paused
      if (action === 'withdraw') return { update: { ...keep, pausedDays, pausedSince: null }, details: { pausedWorkingDays: paused } }
      // Earlier provisional pauses are recounted too: their year may have been loaded since.
      const pauses = [...(current.provisional?.pauses ?? []), ...(pause.provisional ? [pause.provisional] : [])]
      const plan = replanDeadline({ calendar, acceptedDate: current.acceptedDate, promisedDays: current.promisedDays, pausedDays, provisional: { missingYears: [], pauses } })
      const note = provisionalNote(plan.provisional)
      return {
        update: { deadline: plan.deadline, warnDate: plan.warnDate, provisional: plan.provisional, pausedDays: plan.pausedDays, pausedSince: null },
        details: { pausedWorkingDays: paused, deadline: plan.deadline, ...(note ? { deadlineProvisional: note } : {}) },
      }
    }
    return { update: keep, details: null }
  }
}
