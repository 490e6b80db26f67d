/**
 * A postal address as one line (an ID card's 住址) split into what a carrier
 * needs, and the express delivery filled from the applicant. Shared by the
 * intake screen (which prefills while the clerk types) and the intake service
 * (an agent station defaults to express when the form names no method), so
 * both split an address the same way.
 */
import type { ApplicantForm, DeliveryForm } from './intakeForm'

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
