/**
 * The station's side of 代办: on a station of the `agent` profile, the bank
 * branch it belongs to and where intake finds the photographed authorisation
 * (授权委托书) of a draft. Built by the composition root from the station
 * config and the material photos; null on every other profile.
 */
import type { StationConfig } from '../../config/stationConfig'
import { AUTHORISATION_MATERIAL_ID, type AgentBranch } from '../../domain/agentCase'
import type { AttachmentService } from '../attachments/attachmentService'

export interface AgentStation {
  branch: AgentBranch
  /** SHA-256 of the draft's latest authorisation photo, or null when none was taken. */
  authorisationPhoto(draftId: string): string | null
}

export function agentStationOf(config: Pick<StationConfig, 'profile' | 'agent'>, photos: Pick<AttachmentService, 'list'>): AgentStation | null {
  if (config.profile !== 'agent' || config.agent === undefined) return null
  const branch: AgentBranch = { branchName: config.agent.branchName, branchCode: config.agent.branchCode }
  return {
    branch,
    authorisationPhoto(draftId) {
      // Listed in the order taken: a retake adds the new photo before the old one goes, so the last one is the letter.
      const taken = photos.list({ draftId }).filter((p) => p.materialId === AUTHORISATION_MATERIAL_ID)
      return taken.at(-1)?.sha256 ?? null
    },
  }
}
