/**
 * Waybill numbers with a check digit (specs/dispatch.md §C1): `SF` + 12-digit
 * serial + 1 check digit, and the 13-digit domestic EMS form with the same
 * rule. The rule is UPU S10's: weights 8,6,4,2,3,5,9,7 cycled over the serial
 * left to right, `c = 11 − (sum mod 11)`, 10 → 0, 11 → 5. A pre-printed waybill
 * is checked before it is bound to a case, so a misread scan never reaches a
 * label or the courier.
 */

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const

/** The check digit of a serial of digits (any length; SF and EMS use 12). */
export function waybillCheckDigit(serial: string): number {
  if (!/^\d+$/.test(serial)) throw new RangeError(`运单序号应为数字，收到 "${serial}"`)
  let sum = 0
  for (let i = 0; i < serial.length; i++) sum += Number(serial[i]) * WEIGHTS[i % WEIGHTS.length]!
  const c = 11 - (sum % 11)
  return c === 10 ? 0 : c === 11 ? 5 : c
}

const SF_SHAPE = /^SF(\d{12})(\d)$/
const EMS_SHAPE = /^(\d{12})(\d)$/

/** A scan as the labels carry it: scanners add spaces or line ends; letters are upper case. */
export function normalizeWaybillNo(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

/** `SF` + the 12-digit serial + its check digit: how the simulator numbers its waybills. */
export function makeSfWaybillNo(serial: number | bigint | string): string {
  const digits = String(serial)
  if (!/^\d{1,12}$/.test(digits)) throw new RangeError(`运单序号应为 1–12 位数字，收到 "${digits}"`)
  const padded = digits.padStart(12, '0')
  return `SF${padded}${waybillCheckDigit(padded)}`
}

export type WaybillProblem =
  | { kind: 'shape'; waybillNo: string }
  | { kind: 'check_digit'; waybillNo: string; expected: number; actual: number }

/** Null when the number is well formed with a matching check digit; else what is wrong. */
export function waybillProblem(raw: string): WaybillProblem | null {
  const waybillNo = normalizeWaybillNo(raw)
  const match = SF_SHAPE.exec(waybillNo) ?? EMS_SHAPE.exec(waybillNo)
  if (!match) return { kind: 'shape', waybillNo }
  const expected = waybillCheckDigit(match[1]!)
  const actual = Number(match[2])
  return expected === actual ? null : { kind: 'check_digit', waybillNo, expected, actual }
}

export function isValidWaybillNo(raw: string): boolean {
  return waybillProblem(raw) === null
}

/** The sentence the clerk sees for a refused scan: what is wrong and what to do. */
export function describeWaybillProblem(problem: WaybillProblem): string {
  if (problem.kind === 'shape') {
    return `运单号 "${problem.waybillNo}" 格式不对：应为 SF 加 13 位数字，或 13 位数字的邮政运单号；请重新扫描面单条码`
  }
  return `运单号 ${problem.waybillNo} 校验位不符（末位应为 ${problem.expected}，实为 ${problem.actual}）：可能扫错或面单印错，请重新扫描或换一张面单`
}
