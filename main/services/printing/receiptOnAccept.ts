/**
 * The acceptance receipt (受理回执) is queued inside the accept transaction:
 * an accepted case always has its receipt job, and a rolled-back accept never
 * prints one. It is built from what the intake just wrote (no second read on
 * the counter's hot path), with ID numbers already masked.
 */
import type { StationConfig } from '../../config/stationConfig'
import { NOT_YET_ISSUED, type AcceptanceReceiptData } from '../../domain/print/receiptData'
import type { AcceptanceReceipts, AcceptedCase } from '../cases/intakeService'
import { formLabels, paperMoment } from './caseDocuments'
import type { PrintService } from './printService'

export function acceptanceReceiptOf(c: AcceptedCase, config: StationConfig): AcceptanceReceiptData {
  const link = (template: string): string => template.replaceAll('{caseNo}', c.caseNo)
  const deferred = c.materials.filter((m) => m.status === 'deferred' && m.promiseDate)
  const dueDate = deferred.map((m) => m.promiseDate!).sort()[0]
  const a = c.applicant
  return {
    hallName: config.hallName,
    windowName: config.stationName,
    caseNo: c.caseNo,
    itemName: c.item.name,
    itemCode: c.item.code,
    ...(c.agent ? { agentBranch: { name: c.agent.branchName, code: c.agent.branchCode } } : {}),
    applicant:
      a.kind === 'person'
        ? { name: a.name, idNumber: a.idMasked ?? '—', idType: '居民身份证' }
        : { name: a.name, idNumber: a.uscc ?? NOT_YET_ISSUED, idType: '统一社会信用代码' },
    ...(a.handler ? { agent: { name: a.handler.name, idNumber: a.handler.idMasked, idType: '居民身份证' } } : {}),
    materials: c.materials
      .filter((m) => m.status !== 'absent')
      .map((m) => ({
        name: m.name,
        form: formLabels[m.form],
        copies: Math.max(1, m.status === 'deferred' ? m.copies : m.receivedCopies),
        status: m.status === 'deferred' ? ('deficient' as const) : ('received' as const),
      })),
    ...(dueDate ? { deficiencyPromise: { dueDate, note: `容缺受理：${deferred.map((m) => m.name).join('、')}` } } : {}),
    ...(c.fee ? { feeReceiptNo: c.fee.receiptNo, feeAmount: (c.fee.cents / 100).toFixed(2) } : {}),
    acceptedAt: paperMoment(c.acceptedAt),
    promisedDate: c.deadline,
    ...(c.deadlineProvisional ? { promisedDateProvisional: c.deadlineProvisional.reason } : {}),
    workingDays: c.item.promisedDays,
    delivery: c.express
      ? {
          method: 'express',
          address: `${c.express.province}${c.express.city}${c.express.district}${c.express.address}（${c.express.recipient}）`,
          recipientPhone: c.express.phone,
        }
      : { method: 'window' },
    operator: c.operator,
    ...(config.receiptLinks.hallPhone ? { hallPhone: config.receiptLinks.hallPhone } : {}),
    progressQueryUrl: link(config.receiptLinks.progressQuery),
    evaluationUrl: link(config.receiptLinks.evaluation),
  }
}

/** The intake's `receipts` port: the composition root hands it to the intake, which calls it inside the accept transaction. */
export function acceptanceReceipts(deps: { printing: Pick<PrintService, 'enqueue'>; config: StationConfig }): AcceptanceReceipts {
  return {
    queueFor(accepted) {
      deps.printing.enqueue({
        kind: 'acceptanceReceipt',
        data: acceptanceReceiptOf(accepted, deps.config),
        caseNo: accepted.caseNo,
        operator: accepted.operator,
        stationId: accepted.stationId,
        // One receipt per case however often the accept is retried.
        idempotencyKey: `acceptanceReceipt:${accepted.caseNo}`,
      })
    },
  }
}
