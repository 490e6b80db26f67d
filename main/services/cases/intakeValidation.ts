/**
 * What acceptance requires of an intake form, field by field. Each failure is
 * an AppError naming the field (dotted path the form can focus) and what is
 * wrong with the value, so the clerk fixes it without asking anyone.
 */
import { AppError } from '../../domain/errors'
import type { CatalogItem, Material } from '../../domain/catalog/catalogSchema'
import { checkDivision } from '../../domain/divisionCheck'
import { checkIdNumber } from '../../domain/idNumber'
import { maskIdNumber } from '../../domain/masking'
import { nationalDivisions } from '../../domain/nationalDivisions'
import type { ApplicantForm, DeliveryForm, IntakeForm, MaterialTick } from '../../domain/intakeForm'
import { checkPhone } from '../../domain/phone'
import type { PlainDate } from '../../domain/plainDate'
import { checkUscc } from '../../domain/uscc'
import type { WorkingDayCalendar } from '../../domain/workingDays'
import type { DeliveryMethod, ExpressAddress, NewApplicant, NewMaterial } from '../../store/caseRecords'

export interface ValidatedIntake {
  applicant: NewApplicant
  materials: NewMaterial[]
  fee: { cents: number; name: string; receiptNo: string } | null
  delivery: DeliveryMethod
  express: ExpressAddress | null
  note: string | null
  identitySource: 'card' | 'typed'
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== ''

function requireText(value: string | undefined, field: string, message: string): string {
  if (!present(value)) throw new AppError('BAD_INPUT', message, field)
  return value.trim()
}

function validIdNumber(raw: string, field: string, today: PlainDate, whose: string): { normalized: string; kind: string } {
  const check = checkIdNumber(raw, { today })
  if (!check.valid) throw new AppError('INVALID_ID_NUMBER', `${whose}身份证号码有误：${check.reason}`, field)
  return { normalized: check.normalized, kind: check.kind }
}

function validPhone(raw: string | undefined, field: string, whose: string): string {
  const value = requireText(raw, field, `请填写${whose}联系电话`)
  const check = checkPhone(value)
  if (!check.valid) throw new AppError('INVALID_PHONE', `${whose}电话有误：${check.reason}`, field)
  return check.normalized
}

function validateApplicant(a: ApplicantForm | undefined, today: PlainDate, item: CatalogItem): NewApplicant {
  if (!a?.kind) throw new AppError('BAD_INPUT', '请选择申请人类型：个人或企业', 'applicant.kind')
  const address = present(a.address) ? a.address.trim() : null
  if (a.kind === 'person') {
    const name = requireText(a.name, 'applicant.name', '请填写申请人姓名（或刷身份证）')
    if (name.length > 50) throw new AppError('BAD_INPUT', '申请人姓名最长 50 个字符', 'applicant.name')
    const id = validIdNumber(requireText(a.idNumber, 'applicant.idNumber', '请填写申请人身份证号码（或刷身份证）'), 'applicant.idNumber', today, '申请人')
    const phone = validPhone(a.phone, 'applicant.phone', '申请人')
    return { kind: 'person', name, phone, address, idNumber: id.normalized, idKind: id.kind, uscc: null, handlerName: null, handlerIdNumber: null }
  }
  if (item.establishment) return validateEstablishment(a, today, item, address)
  const name = requireText(a.name, 'applicant.name', '请填写企业名称')
  const usccCheck = checkUscc(requireText(a.uscc, 'applicant.uscc', '请填写统一社会信用代码'))
  if (!usccCheck.valid) throw new AppError('INVALID_USCC', `统一社会信用代码有误：${usccCheck.reason}`, 'applicant.uscc')
  const phone = validPhone(a.phone, 'applicant.phone', '企业')
  let handlerName: string | null = null
  let handlerId: string | null = null
  if (present(a.handlerIdNumber) || present(a.handlerName)) {
    handlerName = requireText(a.handlerName, 'applicant.handlerName', '请填写经办人姓名（或刷经办人身份证）')
    handlerId = validIdNumber(requireText(a.handlerIdNumber, 'applicant.handlerIdNumber', '请填写经办人身份证号码'), 'applicant.handlerIdNumber', today, '经办人').normalized
  }
  return { kind: 'enterprise', name, phone, address, idNumber: null, idKind: null, uscc: usccCheck.normalized, handlerName, handlerIdNumber: handlerId }
}

/**
 * 设立登记: the enterprise does not exist yet, so it has no 统一社会信用代码;
 * it is named by its proposed name (拟设立名称) and the handler at the
 * counter answers for it — their ID is the case's only identity check.
 */
function validateEstablishment(a: ApplicantForm, today: PlainDate, item: CatalogItem, address: string | null): NewApplicant {
  if (present(a.uscc)) {
    throw new AppError('BAD_INPUT', `事项“${item.name}”是设立登记，拟设立的企业尚无统一社会信用代码：请清空此项（已领取营业执照的企业请选择变更等事项）`, 'applicant.uscc')
  }
  const name = requireText(a.name, 'applicant.name', '请填写拟设立企业的名称（拟设立名称）')
  const phone = validPhone(a.phone, 'applicant.phone', '企业')
  const handlerName = requireText(a.handlerName, 'applicant.handlerName', '设立登记需要经办人：请刷经办人身份证，或填写经办人姓名')
  const handlerId = validIdNumber(requireText(a.handlerIdNumber, 'applicant.handlerIdNumber', '设立登记需要经办人身份证号码'), 'applicant.handlerIdNumber', today, '经办人')
  return { kind: 'enterprise', name, phone, address, idNumber: null, idKind: null, uscc: null, handlerName, handlerIdNumber: handlerId.normalized }
}

/**
 * The one checklist (一张清单收件) against the item's materials. A required
 * material not on the desk blocks acceptance unless it is deferred (容缺受理)
 * with a promise date that is a working day after today.
 */
function validateMaterials(item: CatalogItem, ticks: readonly MaterialTick[], today: PlainDate, calendar: WorkingDayCalendar): NewMaterial[] {
  const byId = new Map<string, MaterialTick>()
  ticks.forEach((t, i) => {
    if (!item.materials.some((m) => m.id === t.materialId)) {
      throw new AppError('BAD_INPUT', `事项“${item.name}”的材料清单中没有编号为 ${t.materialId} 的材料`, `materials[${i}].materialId`)
    }
    if (byId.has(t.materialId)) throw new AppError('BAD_INPUT', `材料 ${t.materialId} 在清单中出现了两次`, `materials[${i}].materialId`)
    byId.set(t.materialId, t)
  })
  return item.materials.map((m: Material) => {
    const tick = byId.get(m.id)
    const received = tick?.receivedCopies ?? 0
    const field = `materials.${m.id}`
    const base = { materialId: m.id, name: m.name, form: m.form, copies: m.copies, required: m.required, receivedCopies: received }
    if (received >= m.copies) return { ...base, status: 'received', promiseDate: null }
    if (!m.required) return { ...base, status: 'absent', promiseDate: null }
    const shortBy = received === 0 ? '未收到' : `需 ${m.copies} 份，只收到 ${received} 份`
    if (!tick?.deferred) {
      throw new AppError('BAD_INPUT', `缺少必交材料“${m.name}”（${shortBy}）：请收齐，或勾选“容缺受理”并填写承诺补交日期`, field)
    }
    const promise = tick.promiseDate
    if (promise === undefined) throw new AppError('BAD_INPUT', `材料“${m.name}”容缺受理需要填写承诺补交日期`, `${field}.promiseDate`)
    if (promise <= today) throw new AppError('BAD_INPUT', `材料“${m.name}”的承诺补交日期 ${promise} 应晚于今天（${today}）`, `${field}.promiseDate`)
    if (!calendar.isWorkingDay(promise)) throw new AppError('BAD_INPUT', `材料“${m.name}”的承诺补交日期 ${promise} 不是工作日，请另选一天`, `${field}.promiseDate`)
    return { ...base, status: 'deferred', promiseDate: promise }
  })
}

function validateDelivery(item: CatalogItem, d: DeliveryForm | undefined): { delivery: DeliveryMethod; express: ExpressAddress | null } {
  const method = d?.method ?? (item.delivery.includes('window') ? 'window' : undefined)
  if (method === undefined) throw new AppError('BAD_INPUT', `请选择领取方式：事项“${item.name}”只能快递送达`, 'delivery.method')
  if (!item.delivery.includes(method)) {
    const allowed = item.delivery.map((m) => (m === 'window' ? '窗口领取' : '快递送达')).join('、')
    throw new AppError('BAD_INPUT', `事项“${item.name}”不支持${method === 'window' ? '窗口领取' : '快递送达'}，只能${allowed}`, 'delivery.method')
  }
  if (method === 'window') return { delivery: 'window', express: null }
  const express: ExpressAddress = {
    recipient: requireText(d?.recipient, 'delivery.recipient', '快递送达需要填写收件人'),
    phone: validPhone(d?.phone, 'delivery.phone', '收件人'),
    province: requireText(d?.province, 'delivery.province', '快递送达需要填写省份'),
    city: requireText(d?.city, 'delivery.city', '快递送达需要填写城市'),
    district: requireText(d?.district, 'delivery.district', '快递送达需要填写区县'),
    address: requireText(d?.address, 'delivery.address', '快递送达需要填写详细地址'),
  }
  // The carrier needs 省/市/区县 that exist (GB/T 2260); short forms (江苏 → 江苏省) are stored in full.
  const division = checkDivision(express, nationalDivisions())
  if (!division.ok) throw new AppError('BAD_INPUT', `收件地址有误：${division.message}`, `delivery.${division.field}`)
  return { delivery: 'express', express: { ...express, ...division.names } }
}

const yuan = (cents: number): string => `¥${(cents / 100).toFixed(2)}`

export function validateIntake(form: IntakeForm, item: CatalogItem, today: PlainDate, calendar: WorkingDayCalendar): ValidatedIntake {
  const applicant = validateApplicant(form.applicant, today, item)
  const materials = validateMaterials(item, form.materials ?? [], today, calendar)
  let fee: ValidatedIntake['fee'] = null
  if (item.fee) {
    // 一票单据交费: one receipt for the item's fee; a fee the clerk did not see paid must not be accepted.
    const receiptNo = requireText(form.fee?.receiptNo, 'fee.receiptNo', `该事项收费 ${yuan(item.fee.amountCents)}（${item.fee.feeName}），请填写缴费票据号`)
    fee = { cents: item.fee.amountCents, name: item.fee.feeName, receiptNo }
  }
  const { delivery, express } = validateDelivery(item, form.delivery)
  const note = present(form.note) ? form.note.trim() : null
  return { applicant, materials, fee, delivery, express, note, identitySource: form.applicant?.source ?? 'typed' }
}

export interface FieldCheck {
  valid: boolean
  normalized: string | null
  reason: string | null
}

export interface ApplicantChecks {
  idNumber?: FieldCheck & { birthDate: string | null; gender: 'male' | 'female' | null; kind: string | null; masked: string | null }
  uscc?: FieldCheck
  phone?: FieldCheck & { kind: 'mobile' | 'landline' | null }
}

/** Each given field checked on its own, for the form's live hints. */
export function checkApplicantFields(input: { idNumber?: string; uscc?: string; phone?: string }, today: PlainDate): ApplicantChecks {
  const out: ApplicantChecks = {}
  if (input.idNumber !== undefined) {
    const c = checkIdNumber(input.idNumber, { today })
    out.idNumber = c.valid
      ? { valid: true, normalized: c.normalized, reason: null, birthDate: c.birthDate, gender: c.gender, kind: c.kind, masked: maskIdNumber(c.normalized) }
      : { valid: false, normalized: null, reason: c.reason, birthDate: null, gender: null, kind: null, masked: null }
  }
  if (input.uscc !== undefined) {
    const c = checkUscc(input.uscc)
    out.uscc = c.valid ? { valid: true, normalized: c.normalized, reason: null } : { valid: false, normalized: null, reason: c.reason }
  }
  if (input.phone !== undefined) {
    const c = checkPhone(input.phone)
    out.phone = c.valid ? { valid: true, normalized: c.normalized, reason: null, kind: c.kind } : { valid: false, normalized: null, reason: c.reason, kind: null }
  }
  return out
}
