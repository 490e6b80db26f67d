/**
 * The acceptance receipt (受理回执) is queued inside the accept transaction:
 * an accepted case always has its receipt job, and a rolled-back accept never
 * prints one.
 */
import type { AcceptanceReceiptData } from '../../domain/print/receiptData'
import type { StationConfig } from '../../config/stationConfig'
import type { CaseDetailRecord } from '../../store/caseRecords'
import type { AcceptedCase, IntakeService } from '../cases/intakeService'
import type { PrintService } from './printService'

const formLabels = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件' } as const

/** `2026-11-26T10:32:05.120+08:00` → `2026-11-26 10:32` (the hall's local time, as recorded). */
function receiptMoment(timestamp: string): string {
  return `${timestamp.slice(0, 10)} ${timestamp.slice(11, 16)}`
}

export function acceptanceReceiptOf(c: CaseDetailRecord, config: StationConfig, operator: string): AcceptanceReceiptData {
  const link = (template: string): string => template.replaceAll('{caseNo}', c.caseNo)
  const deferred = c.materials.filter((m) => m.status === 'deferred' && m.promiseDate)
  const dueDate = deferred.map((m) => m.promiseDate!).sort()[0]
  const a = c.applicant
  return {
    hallName: config.hallName,
    windowName: config.stationName,
    caseNo: c.caseNo,
    itemName: c.itemName,
    itemCode: c.itemCode,
    applicant:
      a.kind === 'person'
        ? { name: a.name, idNumber: a.idNumber ?? '—', idType: '居民身份证' }
        : { name: a.name, idNumber: a.uscc ?? '—', idType: '统一社会信用代码' },
    ...(a.handlerName && a.handlerIdNumber ? { agent: { name: a.handlerName, idNumber: a.handlerIdNumber, idType: '居民身份证' } } : {}),
    materials: c.materials
      .filter((m) => m.status !== 'absent')
      .map((m) => ({
        name: m.name,
        form: formLabels[m.form],
        copies: Math.max(1, m.status === 'deferred' ? m.copies : m.receivedCopies),
        status: m.status === 'deferred' ? ('deficient' as const) : ('received' as const),
      })),
    ...(dueDate ? { deficiencyPromise: { dueDate, note: `容缺受理：${deferred.map((m) => m.name).join('、')}` } } : {}),
    ...(c.feeReceiptNo ? { feeReceiptNo: c.feeReceiptNo } : {}),
    ...(c.feeCents ? { feeAmount: (c.feeCents / 100).toFixed(2) } : {}),
    acceptedAt: receiptMoment(c.acceptedAt),
    promisedDate: c.deadline,
    workingDays: c.promisedDays,
    delivery: c.express
      ? {
          method: 'express',
          address: `${c.express.province}${c.express.city}${c.express.district}${c.express.address}（${c.express.recipient}）`,
          recipientPhone: c.express.phone,
        }
      : { method: 'window' },
    operator,
    ...(config.receiptLinks.hallPhone ? { hallPhone: config.receiptLinks.hallPhone } : {}),
    progressQueryUrl: link(config.receiptLinks.progressQuery),
    evaluationUrl: link(config.receiptLinks.evaluation),
  }
}

export function printReceiptOnAccept(deps: {
  intake: IntakeService
  printing: PrintService
  config: StationConfig
  detail: (caseNo: string) => CaseDetailRecord | undefined
}): void {
  deps.intake.addAcceptHook((accepted: AcceptedCase) => {
    const detail = deps.detail(accepted.caseNo)
    if (!detail) throw new Error(`受理回执：事务内找不到刚受理的办件 ${accepted.caseNo}`)
    deps.printing.enqueue({
      kind: 'acceptanceReceipt',
      data: acceptanceReceiptOf(detail, deps.config, accepted.operator),
      caseNo: accepted.caseNo,
      operator: accepted.operator,
      stationId: accepted.stationId,
      // One receipt per case however often the accept is retried.
      idempotencyKey: `acceptanceReceipt:${accepted.caseNo}`,
    })
  })
}
