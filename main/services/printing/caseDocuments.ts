/**
 * Documents drawn from a case as it stands now rather than from a queued
 * job: the A4 materials checklist (一张清单收件) the applicant signs, for
 * `print.preview` / `print.pdf` by case number. Built from the case page's
 * data; ID numbers are masked here, before they reach any document data.
 */
import type { z } from 'zod'
import { AppError } from '../../domain/errors'
import type { StationConfig } from '../../config/stationConfig'
import type { IdNumberKind } from '../../domain/idNumber'
import { maskIdNumber } from '../../domain/masking'
import { hallMoment } from '../../domain/timestamps'
import type { MaterialsChecklistData } from '../../domain/print/a4Documents'
import { NOT_YET_ISSUED, type caseHeadSchema } from '../../domain/print/receiptData'
import type { A4Kind } from '../../domain/print/printKinds'
import type { CaseMaterialRecord, MaterialForm } from '../../store/caseRecords'
import type { CaseDetail } from '../cases/caseViews'
import { oneTimeNoticeOf, refusalNoticeOf } from './decisionNoticeData'

type CaseHead = z.output<typeof caseHeadSchema>

export const formLabels: Record<MaterialForm, string> = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件' }

/** A stored moment as paper shows it: `2026-11-26T02:32:05.120Z` → `2026-11-26 10:32` (the hall's local time). */
export function paperMoment(timestamp: string): string {
  return hallMoment(timestamp)
}

/** Each ID number kind (`domain/idNumber`) by the name of its card, as the paper calls it. */
const idTypeNames: Record<IdNumberKind | 'foreign2017', string> = {
  resident: '居民身份证',
  hmt: '港澳台居民居住证',
  foreign2023: '外国人永久居留身份证',
  foreign2017: '外国人永久居留身份证',
}
const idTypeName = (kind: string | null): string => (kind !== null && Object.hasOwn(idTypeNames, kind) ? idTypeNames[kind as keyof typeof idTypeNames] : '身份证件')

const checklistStatus = { received: 'received', deferred: 'deficient', absent: 'missing' } as const

function materialNote(m: CaseMaterialRecord): string | undefined {
  if (m.status === 'deferred' && m.promiseDate) return `承诺 ${m.promiseDate} 前补交`
  if (m.status === 'received' && m.suppliedAt) return `${paperMoment(m.suppliedAt).slice(0, 10)} 补交`
  return undefined
}

/** What every case document starts with (receiptData's caseHead): the hall, the case, the item, the applicant with the ID masked. */
export function caseHeadOf(c: CaseDetail, config: Pick<StationConfig, 'hallName' | 'stationName'>): CaseHead {
  const a = c.applicant
  return {
    hallName: config.hallName,
    windowName: config.stationName,
    caseNo: c.caseNo,
    itemName: c.itemName,
    itemCode: c.itemCode,
    applicant:
      a.kind === 'person'
        ? { name: a.name, idNumber: a.idNumber ? maskIdNumber(a.idNumber) : '—', idType: idTypeName(a.idKind) }
        : { name: a.name, idNumber: a.uscc ?? NOT_YET_ISSUED, idType: '统一社会信用代码' },
    ...(a.handlerName && a.handlerIdNumber ? { agent: { name: a.handlerName, idNumber: maskIdNumber(a.handlerIdNumber), idType: '居民身份证' } } : {}),
  }
}

export function materialsChecklistOf(c: CaseDetail, config: Pick<StationConfig, 'hallName' | 'stationName'>): MaterialsChecklistData {
  if (c.materials.length === 0) throw new AppError('NOT_FOUND', `办件 ${c.caseNo} 的事项没有申请材料，没有材料清单可打印`, 'caseNo')
  const owed = c.materials.flatMap((m) => (m.status === 'deferred' && m.promiseDate ? [m.promiseDate] : [])).sort()
  return {
    ...caseHeadOf(c, config),
    materials: c.materials.map((m) => {
      const note = materialNote(m)
      return {
        name: m.name,
        form: formLabels[m.form],
        copies: Math.max(1, m.status === 'received' ? m.receivedCopies : m.copies),
        isRequired: m.required,
        status: checklistStatus[m.status],
        ...(note ? { note } : {}),
      }
    }),
    ...(owed[0] ? { deficiencyDueDate: owed[0] } : {}),
    acceptedAt: paperMoment(c.acceptedAt),
    operator: c.operator,
  }
}

/** Data for an A4 sheet of a case, by case number (print.preview / print.pdf). */
export interface CaseDocumentSource {
  /** Throws NOT_FOUND for an unknown case; null when the kind is not drawn from one case (the handover list is a batch's). */
  dataFor(kind: A4Kind, caseNo: string): unknown
}

export function caseDocumentSource(cases: { get(caseNo: string): CaseDetail }, config: Pick<StationConfig, 'hallName' | 'stationName'>): CaseDocumentSource {
  return {
    dataFor: (kind, caseNo) => {
      switch (kind) {
        case 'materialsChecklist':
          return materialsChecklistOf(cases.get(caseNo), config)
        case 'refusalNotice':
          return refusalNoticeOf(cases.get(caseNo), (c) => caseHeadOf(c, config))
        case 'oneTimeNotice':
          return oneTimeNoticeOf(cases.get(caseNo), (c) => caseHeadOf(c, config), formLabels)
        case 'handoverList':
          return null
      }
    },
  }
}
