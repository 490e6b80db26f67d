/**
 * The output receipt (出件回执) of a window collection, built from what the
 * collection just checked — ID numbers masked before they reach the data.
 */
import type { StationConfig } from '../../config/stationConfig'
import type { CollectorRole } from '../../domain/collection'
import { maskIdNumber } from '../../domain/masking'
import { NOT_YET_ISSUED, type OutputReceiptData } from '../../domain/print/receiptData'
import { hallMoment } from '../../domain/timestamps'
import type { CaseSummary } from '../../store/caseRecords'

export interface CollectedFacts {
  role: CollectorRole
  name: string
  idNumber: string
  /** The certificate handed over; null: the item issues none (the result is named by the item). */
  certificate: { type: string; number: string } | null
  at: string
  operator: string
}

export function outputReceiptOf(c: CaseSummary, f: CollectedFacts, config: Pick<StationConfig, 'hallName' | 'stationName' | 'receiptLinks'>): OutputReceiptData {
  return {
    hallName: config.hallName,
    windowName: config.stationName,
    caseNo: c.caseNo,
    itemName: c.itemName,
    applicant:
      c.applicantKind === 'person'
        ? { name: c.applicantName, idNumber: c.applicantIdMasked ?? '—', idType: '居民身份证' }
        : { name: c.applicantName, idNumber: c.uscc ?? NOT_YET_ISSUED, idType: '统一社会信用代码' },
    // The enterprise's handler takes it for the enterprise itself; only an agent collects for someone else.
    recipient: { name: f.name, idNumber: maskIdNumber(f.idNumber), idType: '居民身份证', relation: f.role === 'agent' ? 'agent' : 'self' },
    results: [f.certificate ? { name: f.certificate.type, number: f.certificate.number, copies: 1 } : { name: `${c.itemName}办理结果`.slice(0, 80), copies: 1 }],
    method: { kind: 'window' },
    handedAt: hallMoment(f.at),
    operator: f.operator,
    evaluationUrl: config.receiptLinks.evaluation.replaceAll('{caseNo}', c.caseNo),
  }
}
