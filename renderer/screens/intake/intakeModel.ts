/**
 * The intake form as the screen holds it, and the rules the screen applies
 * before asking main: which checklist lines still block acceptance, where an
 * error from a command belongs. Pure, so it is unit tested without a browser;
 * main re-checks everything on Accept.
 */
import type { CommandInput, CommandOutput } from '../../../main/contract'
import { expressPrefill } from '../../../main/domain/postalAddress'

export type IntakeForm = CommandInput<'drafts.save'>['form']
export type ApplicantForm = NonNullable<IntakeForm['applicant']>
export type ApplicantKind = NonNullable<ApplicantForm['kind']>
export type MaterialTick = NonNullable<IntakeForm['materials']>[number]
export type DeliveryForm = NonNullable<IntakeForm['delivery']>
export type CatalogItemView = CommandOutput<'catalog.item'>
export type CatalogMaterial = CatalogItemView['materials'][number]

/** received: all copies on the desk; partial: some; missing: a required one not there; deferred: 容缺; optionalAbsent: optional, not brought. */
export type LineState = 'received' | 'partial' | 'missing' | 'deferred' | 'optionalAbsent'

/** A checklist line that stops Accept. */
export interface MaterialBlocker {
  /** The field the error sits next to (and focus goes to). */
  field: string
  materialId: string
  name: string
  kind: 'missing' | 'promiseDate'
}

/** A required field still empty; `label` is its key under the screen's `fields.` texts. */
export interface FieldBlocker {
  field: string
  label: FieldLabel
  kind: 'required'
}

export type FieldLabel = 'name' | 'idNumber' | 'phone' | 'enterpriseName' | 'proposedName' | 'uscc' | 'handlerName' | 'handlerIdNumber' | 'itemCode'

/** 代办: the applicant's signed authorisation not yet checked (ticked), or not photographed. */
export interface AuthorisationBlocker {
  field: 'authorisation.confirmed' | 'authorisation.photo'
  kind: 'authorisation' | 'authorisationPhoto'
}

export type Blocker = MaterialBlocker | FieldBlocker | AuthorisationBlocker

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isPlainDateText(text: string | undefined): boolean {
  const m = PLAIN_DATE.exec(text ?? '')
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export function materialField(materialId: string): string {
  return `materials.${materialId}`
}

export function promiseDateField(materialId: string): string {
  return `materials.${materialId}.promiseDate`
}

/**
 * One tick per checklist line of `item`, keeping what was already ticked for
 * the same material (an item re-picked after a reload keeps its counts).
 */
export function ticksForItem(item: CatalogItemView, previous: readonly MaterialTick[] | undefined): MaterialTick[] {
  return item.materials.map((m) => {
    const old = previous?.find((t) => t.materialId === m.id)
    return old ? { ...old } : { materialId: m.id, receivedCopies: 0 }
  })
}

export function tickOf(form: IntakeForm, materialId: string): MaterialTick {
  return form.materials?.find((t) => t.materialId === materialId) ?? { materialId, receivedCopies: 0 }
}

/** The form with one line replaced (added if the line had no tick yet). */
export function withTick(form: IntakeForm, tick: MaterialTick): IntakeForm {
  const list = form.materials ?? []
  const found = list.some((t) => t.materialId === tick.materialId)
  return { ...form, materials: found ? list.map((t) => (t.materialId === tick.materialId ? tick : t)) : [...list, tick] }
}

/** Space on a line: all copies received, or none (a deferral no longer applies once the paper is here). */
export function toggledReceived(material: CatalogMaterial, tick: MaterialTick): MaterialTick {
  const isReceived = tick.receivedCopies >= material.copies
  return isReceived ? { materialId: tick.materialId, receivedCopies: 0 } : { materialId: tick.materialId, receivedCopies: material.copies }
}

export function lineState(material: CatalogMaterial, tick: MaterialTick): LineState {
  if (tick.receivedCopies >= material.copies) return 'received'
  if (!material.required) return tick.receivedCopies > 0 ? 'partial' : 'optionalAbsent'
  if (tick.deferred) return 'deferred'
  return tick.receivedCopies > 0 ? 'partial' : 'missing'
}

/** Whether 容缺 may be ticked on this line: only a required material that is not fully on the desk. */
export function canDefer(material: CatalogMaterial, tick: MaterialTick): boolean {
  return material.required && tick.receivedCopies < material.copies
}

/**
 * The lines that stop Accept: a required material short of copies and not
 * deferred, or deferred without a valid promise date. (Whether the date is a
 * working day after today is main's call: it holds the calendar.)
 */
export function materialBlockers(item: CatalogItemView, ticks: readonly MaterialTick[] | undefined): MaterialBlocker[] {
  const blockers: MaterialBlocker[] = []
  for (const m of item.materials) {
    const tick = ticks?.find((t) => t.materialId === m.id) ?? { materialId: m.id, receivedCopies: 0 }
    if (!m.required || tick.receivedCopies >= m.copies) continue
    if (!tick.deferred) blockers.push({ field: materialField(m.id), materialId: m.id, name: m.name, kind: 'missing' })
    else if (!isPlainDateText(tick.promiseDate)) blockers.push({ field: promiseDateField(m.id), materialId: m.id, name: m.name, kind: 'promiseDate' })
  }
  return blockers
}

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === ''

/**
 * The applicant fields Accept requires that are still empty, in the order
 * they sit on the screen — the same rule main applies (intakeValidation.ts),
 * shown before the clerk presses Accept instead of after. Whether a filled
 * value is valid stays main's call (and the live check's).
 */
export function applicantBlockers(applicant: ApplicantForm | undefined, item: CatalogItemView | null): FieldBlocker[] {
  const a = applicant ?? {}
  const wanted: Array<[keyof ApplicantForm, FieldLabel]> = []
  if ((a.kind ?? 'person') === 'person') {
    wanted.push(['name', 'name'], ['idNumber', 'idNumber'], ['phone', 'phone'])
  } else if (item?.establishment) {
    // 设立登记: no credit code yet; the handler answers for the enterprise.
    wanted.push(['name', 'proposedName'], ['phone', 'phone'], ['handlerName', 'handlerName'], ['handlerIdNumber', 'handlerIdNumber'])
  } else {
    wanted.push(['name', 'enterpriseName'], ['uscc', 'uscc'], ['phone', 'phone'])
    // A handler is optional, but one started must be finished.
    if (!isBlank(a.handlerName) || !isBlank(a.handlerIdNumber)) wanted.push(['handlerName', 'handlerName'], ['handlerIdNumber', 'handlerIdNumber'])
  }
  return wanted.filter(([key]) => isBlank(a[key] as string | undefined)).map(([key, label]) => ({ field: `applicant.${key}`, label, kind: 'required' as const }))
}

/** 代办: the authorisation ticked and photographed — main's rule (domain/agentCase.ts), shown before Accept. */
export function authorisationBlockers(form: IntakeForm, hasPhoto: boolean): AuthorisationBlocker[] {
  const blockers: AuthorisationBlocker[] = []
  if (form.authorisation?.confirmed !== true) blockers.push({ field: 'authorisation.confirmed', kind: 'authorisation' })
  if (!hasPhoto) blockers.push({ field: 'authorisation.photo', kind: 'authorisationPhoto' })
  return blockers
}

/**
 * Everything that stops Accept, in screen order: the applicant, the item, the
 * checklist, then (an agent station's intake) the applicant's authorisation.
 */
export function acceptBlockers(form: IntakeForm, item: CatalogItemView | null, authorisation?: { hasPhoto: boolean }): Blocker[] {
  const noItem: FieldBlocker[] = isBlank(form.itemCode) ? [{ field: 'itemCode', label: 'itemCode', kind: 'required' }] : []
  return [
    ...applicantBlockers(form.applicant, item),
    ...noItem,
    ...(item ? materialBlockers(item, form.materials) : []),
    ...(authorisation ? authorisationBlockers(form, authorisation.hasPhoto) : []),
  ]
}

/**
 * Ctrl+A in the checklist: every required material on the desk with the
 * copies the catalog asks for (a deferral no longer applies). Optional lines
 * stay as they are: they are conditional papers (a power of attorney only when
 * someone else applies), and ticking one not brought would print it on the receipt.
 */
export function receiveAllRequired(item: CatalogItemView, form: IntakeForm): IntakeForm {
  const ticks = ticksForItem(item, form.materials).map((tick) => {
    const m = item.materials.find((x) => x.id === tick.materialId)
    if (!m?.required) return tick
    return { materialId: tick.materialId, receivedCopies: Math.max(tick.receivedCopies, m.copies) }
  })
  return { ...form, materials: ticks }
}

/** Counts for the checklist header. */
export function materialSummary(item: CatalogItemView, ticks: readonly MaterialTick[] | undefined): { required: number; received: number; deferred: number; missing: number } {
  let required = 0
  let received = 0
  let deferred = 0
  let missing = 0
  for (const m of item.materials) {
    if (!m.required) continue
    required++
    const state = lineState(m, ticks?.find((t) => t.materialId === m.id) ?? { materialId: m.id, receivedCopies: 0 })
    if (state === 'received') received++
    else if (state === 'deferred') deferred++
    else missing++
  }
  return { required, received, deferred, missing }
}

/**
 * Where a command's error belongs on the screen. The contract names a field of
 * `cases.accept` under its `form` input (`form.applicant.name`); main names
 * checklist lines either by material (`materials.<id>`) or by position in the
 * submitted array (`materials[2].materialId`); the screen keys its lines by material.
 */
export function screenFieldOf(rawField: string | undefined, form: IntakeForm): string | undefined {
  if (rawField === undefined || rawField === '' || rawField === 'form') return undefined
  const field = rawField.replace(/^form\./, '')
  const m = /^materials\[(\d+)\](?:\.(\w+))?$/.exec(field)
  if (!m) return field
  const tick = form.materials?.[Number(m[1])]
  if (!tick) return 'materials'
  return m[2] === 'promiseDate' ? promiseDateField(tick.materialId) : materialField(tick.materialId)
}

/** `¥80.00`: full-width yuan is what receipts print; amounts are kept in cents. */
export function formatYuan(cents: number): string {
  return `¥${(cents / 100).toFixed(2)}`
}

// One split for the screen and for main (an agent station defaults to express): the domain holds it.
export { expressPrefill, splitAddress } from '../../../main/domain/postalAddress'

/** An express delivery takes what it still lacks from the applicant (a card tapped after the item was picked); any other stays. */
export function expressFollowsApplicant(delivery: DeliveryForm | undefined, applicant: ApplicantForm | undefined): DeliveryForm | undefined {
  return delivery?.method === 'express' ? expressPrefill(delivery, applicant) : delivery
}

/**
 * Person ↔ enterprise. The person at the counter stays: the applicant of a
 * personal case becomes the enterprise's handler (经办人), and back.
 */
export function switchKind(applicant: ApplicantForm | undefined, kind: ApplicantKind): ApplicantForm {
  const a = applicant ?? {}
  if ((a.kind ?? 'person') === kind) return { ...a, kind }
  const base = { kind, phone: a.phone ?? '', source: a.source }
  return kind === 'enterprise'
    ? { ...base, name: '', uscc: '', address: '', handlerName: a.name ?? '', handlerIdNumber: a.idNumber ?? '' }
    : { ...base, name: a.handlerName ?? '', idNumber: a.handlerIdNumber ?? '', address: '' }
}

/**
 * An item change keeps the delivery choice only if the new item offers it;
 * else the `preferred` method where the item offers it (a hall window: window
 * pickup; a bank branch's agent intake: express, the certificate comes home).
 */
export function deliveryForItem(
  delivery: DeliveryForm | undefined,
  item: CatalogItemView,
  applicant: ApplicantForm | undefined,
  preferred: 'window' | 'express' = 'window',
): DeliveryForm {
  if (delivery?.method && item.delivery.includes(delivery.method)) return delivery
  const method = item.delivery.includes(preferred) ? preferred : item.delivery.includes('window') ? 'window' : 'express'
  return method === 'window' ? { ...delivery, method: 'window' } : expressPrefill(delivery, applicant)
}
