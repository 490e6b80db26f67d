/**
 * The output window (统一窗口出件). A card tap finds the person's results;
 * the collector is checked (applicant, the enterprise's handler, or the agent
 * named with an authorisation letter) by the store's lookup hash; a refusal is
 * audited and names who may collect. Collecting checks the certificate number
 * against the approval's, keeps the signature, and in one transaction moves
 * the case to `collected` (timeline and audit through the CaseChangeRecorder,
 * the collector masked), records the collection and queues the output
 * receipt (出件回执).
 */
import type { StationConfig } from '../../config/stationConfig'
import type { OutputCaseView } from '../../contract/output'
import { checkCertificateNo, collectorRoleLabels, judgeCollector, type CollectorRole, type CollectorVerdict } from '../../domain/collection'
import { AppError } from '../../domain/errors'
import { checkAnyIdNumber } from '../../domain/idNumber'
import { maskIdNumber, maskName } from '../../domain/masking'
import { utcTimestamp } from '../../domain/timestamps'
import type { AttachmentFiles } from '../../store/attachmentFiles'
import type { CaseSummary } from '../../store/caseRecords'
import type { Store } from '../../store/store'
import type { CaseChangeRecorder } from '../cases/caseChanges'
import type { CaseService } from '../cases/caseService'
import type { CaseDetail } from '../cases/caseViews'
import { todayOn, type HallClock } from '../cases/hallClock'
import { requireOperator } from '../cases/operator'
import { recordCaseStep } from '../dispatch/caseSteps'
import type { PrintService } from '../printing/printService'
import type { SessionService } from '../system/session'
import { outputReceiptOf } from './outputReceipt'
import { partiesOf, toOutputCase } from './outputViews'
import { storeSignaturePng } from '../attachments/signaturePng'
import { recordView, viewActions } from '../audit/personalDataViews'

export interface OutputServiceDeps {
  store: Store
  changes: CaseChangeRecorder
  session: SessionService
  clock: HallClock
  config: Pick<StationConfig, 'hallName' | 'stationName' | 'receiptLinks' | 'stationId' | 'dataDir'>
  printing: Pick<PrintService, 'enqueue'>
  files: AttachmentFiles
  cases: Pick<CaseService, 'get'>
}

export interface CollectRequest {
  caseNo: string
  idNumber: string
  name: string
  certificateNo: string
  signature?: string | undefined
}

export interface Verdict {
  allowed: boolean
  reason: string
  role: CollectorRole | null
  mayCollect: string[]
}

/** How many of one person's results a card tap lists. */
const FIND_LIMIT = 50

export class OutputService {
  constructor(private readonly deps: OutputServiceDeps) {}

  /** The card tap: this person's cases waiting here, as applicant, handler or named agent. */
  findByCard(idNumber: string): { rows: Array<OutputCaseView & { role: CollectorRole }> } {
    const operator = requireOperator(this.deps.session)
    const id = this.checkedId(idNumber)
    const { store } = this.deps
    const rows = store.collection.readyFor(id, FIND_LIMIT).map((c) => {
      const match = store.collection.match(c.id, id)
      const role: CollectorRole = match.applicant && c.applicantKind === 'person' ? 'applicant' : match.handler ? 'handler' : 'agent'
      return { ...toOutputCase(store, c), role }
    })
    this.auditLookup(operator, null, { command: 'output.findByCard', idNumber: maskIdNumber(id), found: rows.map((r) => r.caseNo) })
    return { rows }
  }

  caseView(caseNo: string): OutputCaseView {
    requireOperator(this.deps.session)
    return toOutputCase(this.deps.store, this.mustFind(caseNo))
  }

  /** May this person collect the case now? A refusal of the person (not of the case's state) is audited. */
  verifyCollector(input: { caseNo: string; idNumber: string }): Verdict {
    const operator = requireOperator(this.deps.session)
    const id = this.checkedId(input.idNumber)
    const current = this.mustFind(input.caseNo)
    const verdict = this.judge(current, id, '')
    // A refusal of the person is its own row (it names who may); any other answer is a lookup by ID number.
    if (!verdict.allowed && current.state === 'ready') this.auditRefusal(current, id, '', verdict, operator, 'verify')
    else this.auditLookup(operator, current.caseNo, { command: 'output.verifyCollector', idNumber: maskIdNumber(id), allowed: verdict.allowed, role: verdict.role })
    return { allowed: verdict.allowed, reason: verdict.reason, role: verdict.role, mayCollect: verdict.mayCollect }
  }

  /**
   * Names the agent (委托代领人) with the authorisation letter photographed
   * for this case (the newest one unless `letterPhotoId` names another).
   */
  recordAgent(input: { caseNo: string; name: string; idNumber: string; letterPhotoId?: string | undefined }): OutputCaseView {
    const operator = requireOperator(this.deps.session)
    const { store } = this.deps
    const id = this.checkedId(input.idNumber)
    const current = this.mustFind(input.caseNo)
    if (current.state !== 'ready') throw new AppError('ILLEGAL_TRANSITION', `办件 ${current.caseNo} 当前不是待出件，不能登记代领人`, 'caseNo')
    const letter = input.letterPhotoId ?? store.collection.newestLetter(current.id)
    if (letter === null) throw new AppError('BAD_INPUT', `请先用高拍仪拍摄申请人出具的委托书（办件 ${current.caseNo}），再登记代领人`, 'letterPhotoId')
    if (!store.collection.isLetterOf(current.id, letter)) throw new AppError('BAD_INPUT', `照片 ${letter} 不是办件 ${current.caseNo} 的委托书照片`, 'letterPhotoId')
    const name = input.name.trim()
    const at = utcTimestamp(this.deps.clock.now())
    const { stationId } = this.deps.config
    store.transaction(() => {
      store.collection.recordAgent({ caseId: current.id, name, idNumber: id, letterAttachmentId: letter, recordedAt: at, recordedWhere: 'output', operator, stationId })
      store.audit({ at, operator, stationId, action: 'output.agent', caseNo: current.caseNo, details: { agent: { name: maskName(name), id: maskIdNumber(id) }, letterPhotoId: letter } })
    })
    return toOutputCase(store, current)
  }

  collect(input: CollectRequest): CaseDetail {
    const operator = requireOperator(this.deps.session)
    const { store, config } = this.deps
    const id = this.checkedId(input.idNumber)
    const name = input.name.trim()
    const current = this.mustFind(input.caseNo)
    const verdict = this.judge(current, id, name)
    if (!verdict.allowed) {
      if (current.state !== 'ready') throw new AppError('ILLEGAL_TRANSITION', verdict.reason, 'caseNo')
      this.auditRefusal(current, id, name, verdict, operator, 'collect')
      throw new AppError('COLLECTOR_MISMATCH', verdict.reason, 'idNumber')
    }
    const recorded = store.certificates.ofCaseNo(current.caseNo) ?? null
    const certificate = checkCertificateNo(current.caseNo, recorded, input.certificateNo)
    if (certificate.kind === 'missing') throw new AppError('BAD_INPUT', certificate.message, 'certificateNo')
    if (certificate.kind === 'mismatch') {
      this.audit(current.caseNo, operator, 'output.certificateMismatch', { given: input.certificateNo.trim(), recorded: recorded?.number ?? null })
      throw new AppError('BAD_INPUT', certificate.message, 'certificateNo')
    }
    // The file first, durably: the collection row names it by hash.
    const signature = input.signature === undefined ? null : storeSignaturePng(this.deps.files, config.dataDir, input.signature, '领取人')
    const at = utcTimestamp(this.deps.clock.now())
    const role = verdict.role
    const collector = { role, name: maskName(name), id: maskIdNumber(id) }
    const checkDetails = certificate.kind === 'matched' ? { certificateNo: certificate.number, certificateChecked: true } : { certificateChecked: false, certificateNote: certificate.note }

    this.deps.changes.transaction((scope) => {
      recordCaseStep(store, scope, {
        caseNo: current.caseNo,
        action: 'collect',
        at,
        operator,
        stationId: config.stationId,
        note: `窗口领取：${collectorRoleLabels[role]} ${collector.name}（${collector.id}）`,
        details: { collector, ...checkDetails, ...(signature ? { signatureSha256: signature.sha256 } : { signed: false }) },
      })
      store.collection.recordCollection({
        caseId: current.id,
        role,
        collectorName: name,
        collectorIdNumber: id,
        certificateNo: certificate.kind === 'matched' ? certificate.number : input.certificateNo.trim() || null,
        isCertificateChecked: certificate.kind === 'matched',
        signatureFile: signature?.file ?? null,
        signatureSha256: signature?.sha256 ?? null,
        collectedAt: at,
        operator,
        stationId: config.stationId,
      })
      this.deps.printing.enqueue({
        kind: 'outputReceipt',
        data: outputReceiptOf(current, { role, name, idNumber: id, certificate: recorded, at, operator }, config),
        caseNo: current.caseNo,
        operator,
        stationId: config.stationId,
        idempotencyKey: `outputReceipt:${current.caseNo}`,
      })
    })
    return this.deps.cases.get(current.caseNo)
  }

  private judge(current: CaseSummary, idNumber: string, name: string): CollectorVerdict {
    const { store } = this.deps
    return judgeCollector(partiesOf(store, current), store.collection.match(current.id, idNumber), { name, idNumber })
  }

  private auditRefusal(c: CaseSummary, idNumber: string, name: string, verdict: CollectorVerdict, operator: string, at: 'verify' | 'collect'): void {
    this.audit(c.caseNo, operator, 'output.refuse', {
      step: at,
      collector: { ...(name ? { name: maskName(name) } : {}), id: maskIdNumber(idNumber) },
      reason: verdict.reason,
      mayCollect: verdict.mayCollect,
    })
  }

  private auditLookup(operator: string, caseNo: string | null, details: Record<string, unknown>): void {
    recordView(this.deps.store, { at: utcTimestamp(this.deps.clock.now()), operator, stationId: this.deps.config.stationId, action: viewActions.lookup, caseNo, details })
  }

  /** An audit row on its own (a refusal writes nothing else), in its own transaction. */
  private audit(caseNo: string, operator: string, action: string, details: Record<string, unknown>): void {
    const { store, config } = this.deps
    const at = utcTimestamp(this.deps.clock.now())
    store.transaction(() => store.audit({ at, operator, stationId: config.stationId, action, caseNo, details }))
  }

  private checkedId(idNumber: string): string {
    const check = checkAnyIdNumber(idNumber, { today: todayOn(this.deps.clock) })
    if (!check.valid) throw new AppError('INVALID_ID_NUMBER', `领取人身份证号码有误：${check.reason}`, 'idNumber')
    return check.normalized
  }

  private mustFind(caseNo: string): CaseSummary {
    const found = this.deps.store.cases.summary(caseNo.trim())
    if (!found) throw new AppError('NOT_FOUND', `没有编号为 ${caseNo} 的办件`, 'caseNo')
    return found
  }
}
