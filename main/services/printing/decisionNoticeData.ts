/**
 * The review's notices drawn from the case (print.preview / print.pdf by case
 * number): each from the timeline entry of its decision — the last 不予 or
 * 补正 — which keeps what the notice says (reason, legal basis, the missing
 * materials, the department), so a reprint months later is the same paper.
 */
import { AppError } from '../../domain/errors'
import type { OneTimeNoticeData, RefusalNoticeData } from '../../domain/print/decisionNotices'
import type { caseHeadSchema } from '../../domain/print/receiptData'
import { refusalKinds, type RefusalKind } from '../../domain/reviewDecisions'
import { hallMoment } from '../../domain/timestamps'
import type { MaterialForm } from '../../store/caseRecords'
import type { CaseDetail } from '../cases/caseViews'
import type { z } from 'zod'

type CaseHead = z.output<typeof caseHeadSchema>
type Entry = CaseDetail['timeline'][number]

function lastDecision(c: CaseDetail, action: 'reject' | 'requestSupplement', what: string): Entry {
  const entry = c.timeline.findLast((e) => e.action === action)
  if (!entry) throw new AppError('NOT_FOUND', `办件 ${c.caseNo} 没有${what === '决定书' ? '不予办理的决定' : '补正告知'}，没有${what}可打印`, 'caseNo')
  return entry
}

const textOf = (details: Record<string, unknown> | null, key: string): string | undefined => {
  const value = details?.[key]
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

export function refusalNoticeOf(c: CaseDetail, headOf: (c: CaseDetail) => CaseHead): RefusalNoticeData {
  const entry = lastDecision(c, 'reject', '决定书')
  const legalBasis = textOf(entry.details, 'legalBasis')
  // A refusal recorded before the legal basis was asked for: the paper cannot be made up afterwards.
  if (!legalBasis || !entry.note) throw new AppError('NOT_FOUND', `办件 ${c.caseNo} 的不予办理决定没有记录理由和法律依据，无法生成决定书`, 'caseNo')
  const refusal = textOf(entry.details, 'refusal')
  return {
    ...headOf(c),
    departmentName: textOf(entry.details, 'departmentName') ?? c.department,
    acceptedAt: hallMoment(c.acceptedAt),
    operator: entry.operator,
    refusal: refusalKinds.includes(refusal as RefusalKind) ? (refusal as RefusalKind) : 'notPermitted',
    reason: entry.note,
    legalBasis,
    decidedAt: hallMoment(entry.at),
  }
}

export function oneTimeNoticeOf(c: CaseDetail, headOf: (c: CaseDetail) => CaseHead, formLabels: Record<MaterialForm, string>): OneTimeNoticeData {
  const entry = lastDecision(c, 'requestSupplement', '补正告知书')
  const picked = Array.isArray(entry.details?.missingMaterials) ? (entry.details.missingMaterials as Array<{ materialId?: unknown; name?: unknown }>) : []
  const items = picked.map((m) => {
    // The form and copies as the case's checklist asks for them; the name as recorded at the decision.
    const line = c.materials.find((x) => x.materialId === m.materialId)
    const name = typeof m.name === 'string' ? m.name : (line?.name ?? String(m.materialId))
    return { name, ...(line ? { form: formLabels[line.form], copies: line.copies } : {}) }
  })
  const dueDate = textOf(entry.details, 'supplementDueDate')
  return {
    ...headOf(c),
    departmentName: textOf(entry.details, 'departmentName') ?? c.department,
    acceptedAt: hallMoment(c.acceptedAt),
    operator: entry.operator,
    items,
    ...(entry.note ? { text: entry.note } : {}),
    ...(dueDate ? { dueDate } : {}),
    noticedAt: hallMoment(entry.at),
  }
}
