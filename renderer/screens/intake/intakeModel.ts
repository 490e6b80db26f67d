/**
 * The intake form as the screen holds it, and the rules the screen applies
 * before asking main: which checklist lines still block acceptance, where an
 * error from a command belongs. Pure, so it is unit tested without a browser;
 * main re-checks everything on Accept.
 */
import type { CommandInput, CommandOutput } from '../../../main/contract'

export type IntakeForm = CommandInput<'drafts.save'>['form']
export type ApplicantForm = NonNullable<IntakeForm['applicant']>
export type ApplicantKind = NonNullable<ApplicantForm['kind']>
export type MaterialTick = NonNullable<IntakeForm['materials']>[number]
export type DeliveryForm = NonNullable<IntakeForm['delivery']>
export type CatalogItemView = CommandOutput<'catalog.item'>
export type CatalogMaterial = CatalogItemView['materials'][number]

/** received: all copies on the desk; partial: some; missing: a required one not there; deferred: 容缺; optionalAbsent: optional, not brought. */
export type LineState = 'received' | 'partial' | 'missing' | 'deferred' | 'optionalAbsent'

export interface Blocker {
  /** The field the error sits next to (and focus goes to). */
  field: string
  materialId: string
  name: string
  kind: 'missing' | 'promiseDate'
}

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
export function materialBlockers(item: CatalogItemView, ticks: readonly MaterialTick[] | undefined): Blocker[] {
  const blockers: Blocker[] = []
  for (const m of item.materials) {
    const tick = ticks?.find((t) => t.materialId === m.id) ?? { materialId: m.id, receivedCopies: 0 }
    if (!m.required || tick.receivedCopies >= m.copies) continue
    if (!tick.deferred) blockers.push({ field: materialField(m.id), materialId: m.id, name: m.name, kind: 'missing' })
    else if (!isPlainDateText(tick.promiseDate)) blockers.push({ field: promiseDateField(m.id), materialId: m.id, name: m.name, kind: 'promiseDate' })
  }
  return blockers
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

/** Express delivery prefilled from the applicant: the counter only confirms. Keeps anything already typed. */
export function expressPrefill(delivery: DeliveryForm | undefined, applicant: ApplicantForm | undefined): DeliveryForm {
  const split = splitAddress(applicant?.address ?? '')
  const current = delivery ?? {}
  const pick = (typed: string | undefined, fallback: string): string => (typed !== undefined && typed.trim() !== '' ? typed : fallback)
  const isEnterprise = applicant?.kind === 'enterprise'
  return {
    ...current,
    method: 'express',
    recipient: pick(current.recipient, (isEnterprise ? applicant?.handlerName : applicant?.name) ?? ''),
    phone: pick(current.phone, applicant?.phone ?? ''),
    province: pick(current.province, split.province),
    city: pick(current.city, split.city),
    district: pick(current.district, split.district),
    address: pick(current.address, split.rest),
  }
}

const MUNICIPALITIES = ['北京市', '天津市', '上海市', '重庆市']

/**
 * Splits a Chinese postal address as printed on an ID card into province,
 * city, district and the rest (`江苏省徐州市鼓楼区中山北路88号` →
 * 江苏省 / 徐州市 / 鼓楼区 / 中山北路88号). Municipalities repeat as the city.
 * What it cannot split stays in `rest`, so nothing typed is dropped.
 */
export function splitAddress(address: string): { province: string; city: string; district: string; rest: string } {
  let rest = address.trim()
  let province = ''
  let city = ''
  let district = ''
  const municipality = MUNICIPALITIES.find((m) => rest.startsWith(m) || rest.startsWith(m.slice(0, 2)))
  if (municipality) {
    province = municipality
    city = municipality
    rest = rest.startsWith(municipality) ? rest.slice(municipality.length) : rest.slice(2)
  } else {
    const p = /^(.{2,3}?省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|新疆|内蒙古|广西|西藏|宁夏|香港特别行政区|澳门特别行政区)/.exec(rest)
    if (p?.[1]) {
      province = p[1]
      rest = rest.slice(p[1].length)
    }
    const c = /^(.{2,9}?(?:自治州|地区|盟|市))/.exec(rest)
    if (province !== '' && c?.[1]) {
      city = c[1]
      rest = rest.slice(c[1].length)
    }
  }
  const d = /^(.{1,9}?(?:区|县|旗|市))/.exec(rest)
  if ((city !== '' || municipality) && d?.[1]) {
    district = d[1]
    rest = rest.slice(d[1].length)
  }
  return { province, city, district, rest }
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

/** An item change keeps the delivery choice only if the new item offers it. */
export function deliveryForItem(delivery: DeliveryForm | undefined, item: CatalogItemView, applicant: ApplicantForm | undefined): DeliveryForm {
  if (delivery?.method && item.delivery.includes(delivery.method)) return delivery
  return item.delivery.includes('window') ? { ...delivery, method: 'window' } : expressPrefill(delivery, applicant)
}
