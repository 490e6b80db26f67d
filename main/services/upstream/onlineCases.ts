/**
 * A case applied online (不见面审批) arriving at this station: the first
 * notice of a 办件 the station does not know creates the case from what the
 * platform sent — the item from this station's catalog by its code, the
 * applicant, the delivery method — accepted at the platform's moment, with a
 * local case number (the barcode, the receipt and the queue work as for any
 * case) linked to the platform's 办件编号. Recorded through the
 * CaseChangeRecorder like an intake, inside the caller's transaction.
 */
import { AppError } from '../../domain/errors'
import { checkAnyIdNumber } from '../../domain/idNumber'
import { maskIdNumber, maskName } from '../../domain/masking'
import { plainDateOf } from '../../domain/plainDate'
import { planDeadline, provisionalNote } from '../../domain/provisionalDeadline'
import { hallMoment, utcTimestamp } from '../../domain/timestamps'
import { checkUscc } from '../../domain/uscc'
import type { NewApplicant } from '../../store/caseRecords'
import type { Store } from '../../store/store'
import type { UpstreamRepository } from '../../store/upstreamRepository'
import type { UpstreamNotice } from '../../domain/upstream/upstreamMessages'
import { acceptedCaseImage, nextCaseNo } from '../cases/acceptedCase'
import type { CalendarService } from '../cases/calendarService'
import type { CaseChangeScope } from '../cases/caseChanges'
import type { CatalogService } from '../cases/catalogService'
import { todayOn, type HallClock } from '../cases/hallClock'

export interface OnlineCaseDeps {
  store: Store
  repo: UpstreamRepository
  catalog: Pick<CatalogService, 'item'>
  calendar: Pick<CalendarService, 'calendar'>
  clock: HallClock
  stationId: string
  regionCode: string
  caseNumberFormat: string
}

const refuse = (notice: UpstreamNotice, what: string): AppError => new AppError('BAD_INPUT', `政务服务平台办件 ${notice.caseNo}（通知 ${notice.noticeId}）：${what}`)

function applicantOf(notice: UpstreamNotice, today: string): NewApplicant {
  const a = notice.case.applicant
  if (a.name.trim() === '') throw refuse(notice, '申请人姓名为空')
  const checkedId = (id: string | null, whose: string): string | null => {
    if (id === null || id.trim() === '') return null
    const check = checkAnyIdNumber(id, { today })
    if (!check.valid) throw refuse(notice, `${whose}证件号码有误：${check.reason}`)
    return check.normalized
  }
  const handlerIdNumber = checkedId(a.handlerIdNumber, '经办人')
  const base = { name: a.name.trim(), phone: a.phone, address: null, handlerName: a.handlerName, handlerIdNumber }
  if (a.kind === 'person') {
    const idNumber = checkedId(a.idNumber, '申请人')
    if (idNumber === null) throw refuse(notice, '个人申请人没有证件号码')
    const check = checkAnyIdNumber(idNumber, { today })
    return { kind: 'person', ...base, idNumber, idKind: check.valid ? check.kind : null, uscc: null }
  }
  let uscc: string | null = null
  if (a.uscc) {
    const check = checkUscc(a.uscc)
    if (!check.valid) throw refuse(notice, `统一社会信用代码有误：${check.reason}`)
    uscc = check.normalized
  }
  return { kind: 'enterprise', ...base, idNumber: null, idKind: null, uscc }
}

/** Creates the online case of `notice` (the 办件's first) and links it; answers the local case number. */
export function createOnlineCase(d: OnlineCaseDeps, scope: CaseChangeScope, notice: UpstreamNotice, operator: string): string {
  const c = notice.case
  let item: ReturnType<OnlineCaseDeps['catalog']['item']>
  try {
    item = d.catalog.item(c.item.code)
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', `政务服务平台办件 ${notice.caseNo} 的事项“${c.item.name}”（编码 ${c.item.code}）不在本站事项目录中：请导入含该事项的事项目录后运行 upstream notices --retry`)
    }
    throw err
  }
  const now = d.clock.now()
  const today = todayOn(d.clock)
  const at = utcTimestamp(now)
  const applicant = applicantOf(notice, today)
  const express = c.deliveryMethod === 'express' ? (c.express ?? null) : null
  if (c.deliveryMethod === 'express' && express === null) throw refuse(notice, '送达方式为邮政寄递，却没有收件地址')
  const acceptedAt = utcTimestamp(new Date(c.acceptedAt))
  const acceptedDate = plainDateOf(new Date(acceptedAt))
  const plan = planDeadline({ calendar: d.calendar.calendar(), acceptedDate, promisedDays: item.promisedDays })
  const caseNo = nextCaseNo(d.store.sequences, { format: d.caseNumberFormat, regionCode: d.regionCode, stationId: d.stationId }, today)
  const note = `网上申请（不见面审批）：政务服务平台办件编号 ${notice.caseNo}，${hallMoment(acceptedAt)} 受理`
  const image = acceptedCaseImage(item, plan, {
    caseNo,
    stationId: d.stationId,
    operator,
    acceptedAt,
    acceptedDate,
    delivery: c.deliveryMethod,
    fee: null,
    note,
    draftId: null,
    applicant,
    // The materials were submitted online (电子材料): the checklist is complete as received.
    materials: item.materials.map((m) => ({ materialId: m.id, name: m.name, form: m.form, copies: m.copies, required: m.required, receivedCopies: m.copies, status: 'received', promiseDate: null })),
    express,
    agent: null,
  })
  const caseId = d.store.cases.insert(image)
  d.repo.link(notice.caseNo, caseNo, true, at)
  const provisional = provisionalNote(plan.provisional)
  scope.record({
    caseId,
    caseNo,
    action: 'accept',
    from: null,
    to: 'accepted',
    at,
    operator,
    stationId: d.stationId,
    image,
    timeline: { note, details: { source: 'upstream', platformCaseNo: notice.caseNo, acceptedAt, ...(provisional ? { deadlineProvisional: provisional } : {}) } },
    audit: [
      {
        action: 'case.accept',
        details: {
          itemCode: item.code,
          itemName: item.name,
          applicant: { kind: applicant.kind, name: maskName(applicant.name), id: applicant.idNumber ? maskIdNumber(applicant.idNumber) : applicant.uscc, source: 'upstream' },
          deadline: plan.deadline,
          promisedDays: item.promisedDays,
          delivery: c.deliveryMethod,
          source: 'upstream',
          platformCaseNo: notice.caseNo,
          noticeId: notice.noticeId,
        },
      },
    ],
  })
  return caseNo
}
