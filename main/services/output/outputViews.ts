/**
 * A case as the output window sees it: the people it names (masked), its
 * certificate, its agent and, once done, its collection. Read from the store
 * without decrypting a single ID number.
 */
import type { OutputCaseView } from '../../contract/output'
import { stateLabels } from '../../domain/caseMachine'
import { whoMayCollect, type CaseParties } from '../../domain/collection'
import { maskName } from '../../domain/masking'
import type { CaseSummary } from '../../store/caseRecords'
import type { Store } from '../../store/store'

export function partiesOf(store: Store, c: CaseSummary): CaseParties {
  const agent = store.collection.agentOf(c.id)
  return {
    caseNo: c.caseNo,
    state: c.state,
    applicant: { kind: c.applicantKind, name: c.applicantName, idMasked: c.applicantIdMasked },
    handler: store.collection.handlerOf(c.id),
    agent: agent ? { name: agent.name, idMasked: agent.idMasked, hasLetter: agent.letterAttachmentId !== null } : null,
  }
}

export function toOutputCase(store: Store, c: CaseSummary): OutputCaseView {
  const parties = partiesOf(store, c)
  const agent = store.collection.agentOf(c.id)
  const certificate = store.certificates.ofCaseNo(c.caseNo)
  const collection = store.collection.collectionOf(c.id)
  return {
    caseNo: c.caseNo,
    itemCode: c.itemCode,
    itemName: c.itemName,
    department: c.department,
    state: c.state,
    stateLabel: stateLabels[c.state],
    acceptedAt: c.acceptedAt,
    applicantKind: c.applicantKind,
    applicantName: c.applicantName,
    delivery: c.delivery,
    certificate: certificate ? { type: certificate.type, number: certificate.number, issuedOn: certificate.issuedOn } : null,
    agent: agent ? { name: agent.name, idMasked: agent.idMasked, hasLetter: agent.letterAttachmentId !== null, recordedWhere: agent.recordedWhere } : null,
    collection: collection
      ? {
          role: collection.role,
          collectorName: maskName(collection.collectorName),
          collectorIdMasked: collection.collectorIdMasked,
          collectedAt: collection.collectedAt,
          certificateNo: collection.certificateNo,
        }
      : null,
    mayCollect: whoMayCollect(parties),
  }
}
