/**
 * How personal data looks in lists, logs and exports: enough to tell two
 * applicants apart at the counter, not enough to reuse. The full value is
 * shown only on the case page.
 */

const MASK = '*'

/** Keeps the first and last `keep` characters (by code point: rare names lie outside the BMP). */
function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value)
  if (chars.length <= keepStart + keepEnd) return MASK.repeat(chars.length)
  return chars.slice(0, keepStart).join('') + MASK.repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join('')
}

/** `320302199001011234` → `3203**********1234`: first 4 (province and city) and last 4 characters. */
export function maskIdNumber(id: string): string {
  return maskMiddle(id.replace(/\s+/g, '').toUpperCase(), 4, 4)
}

/**
 * Mobile `13812345678` → `138****5678`; landline `0516-83801234` →
 * `0516-****1234` (the area code only says the city, so it stays). A number
 * masked already comes back as it was: paper data carries phones masked.
 */
export function maskPhone(phone: string): string {
  const compact = phone.trim()
  const landline = /^(0\d{2,3})-([\d*]{7,8})(-\d+)?$/.exec(compact)
  if (landline) return `${landline[1]!}-${maskMiddle(landline[2]!, 0, 4)}`
  return maskMiddle(compact.replace(/[\s-]/g, ''), 3, 4)
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`: the first character and one mark per hidden character. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return MASK.repeat(chars.length)
  return chars[0]! + MASK.repeat(chars.length - 1)
}

/** A monthly account or card number on a waybill: first 3, last 3 (`7551234567` → `755****567`). */
export function maskAccount(account: string): string {
  return maskMiddle(account.trim(), 3, 3)
}
