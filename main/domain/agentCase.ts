/**
 * 代办: a bank branch registering enterprises for free on the hall's behalf
 * (银行网点代办). Its station offers only the items the catalog marks
 * `agentAllowed`, takes a case only with the applicant's signed authorisation
 * (授权委托书) checked and photographed, records the branch and its clerk on
 * the case, and sends certificates by express unless the applicant says
 * otherwise. Pure rules; the intake service applies them.
 */
import { AppError } from './errors'
import type { Catalog, CatalogItem } from './catalog/catalogSchema'
import type { DeliveryForm, IntakeForm } from './intakeForm'
import { expressPrefill } from './postalAddress'

/** The photo of the signed authorisation is an attachment on this line of the draft (not a checklist material). */
export const AUTHORISATION_MATERIAL_ID = 'authorisation'

/** The branch a station of the `agent` profile belongs to (station config `agent`). */
export interface AgentBranch {
  branchName: string
  branchCode: string
}

/** What a 代办 case records: the branch and the clerk who took it, and the authorisation photo's SHA-256. */
export interface AgentMark extends AgentBranch {
  agentName: string
  authorisationSha256: string
}

/** The catalog as an agent station sees it: only the items a branch may accept. */
export function agentCatalog(catalog: Catalog): Catalog {
  return { ...catalog, items: catalog.items.filter((i) => i.agentAllowed) }
}

/** Refuses an item the catalog does not open to bank branches, saying where the applicant can go instead. */
export function requireAgentItem(item: Pick<CatalogItem, 'code' | 'name' | 'agentAllowed'>, branch: AgentBranch): void {
  if (item.agentAllowed) return
  throw new AppError(
    'FORBIDDEN',
    `事项“${item.name}”（${item.code}）不在银行网点代办范围内，${branch.branchName}不能受理：请申请人到政务服务大厅窗口办理`,
    'itemCode',
  )
}

/**
 * The applicant's authorisation (授权委托书): the clerk confirms the signed
 * letter is on the desk and its photo is on the draft. Returns the photo's
 * SHA-256, which the case keeps.
 */
export function requireAuthorisation(form: IntakeForm, photoSha256: string | null): string {
  if (form.authorisation?.confirmed !== true) {
    throw new AppError('BAD_INPUT', '代办受理需要申请人签署的授权委托书：请核对后勾选“已收到授权委托书”', 'authorisation.confirmed')
  }
  if (photoSha256 === null) {
    throw new AppError('BAD_INPUT', '代办受理需要授权委托书的照片：请用高拍仪拍摄申请人签署的授权委托书（Alt+C）', 'authorisation.photo')
  }
  return photoSha256
}

/**
 * An agent station's certificates go by express unless the form says
 * otherwise: with no method chosen and the item offering express, the
 * delivery is express, filled from the applicant where the form left blanks.
 */
export function agentDelivery(form: IntakeForm, item: Pick<CatalogItem, 'delivery'>): DeliveryForm | undefined {
  if (form.delivery?.method !== undefined || !item.delivery.includes('express')) return form.delivery
  return expressPrefill(form.delivery, form.applicant)
}
