/**
 * What a PIN or password must be before it is stored: long enough and not
 * one a colleague would guess at the counter. Pure: checked by the service
 * before hashing, and by the CLI, so both say the same thing.
 */
export const PIN_MIN_LENGTH = 6
export const PIN_MAX_LENGTH = 64

function isRun(pin: string): boolean {
  if (!/^\d+$/.test(pin)) return false
  const steps = new Set<number>()
  for (let i = 1; i < pin.length; i++) steps.add((pin.charCodeAt(i) - pin.charCodeAt(i - 1) + 10) % 10)
  // 123456, 987654, 901234: one step all along.
  return steps.size === 1 && (steps.has(1) || steps.has(9))
}

/** Why `pin` cannot be used, in words for the clerk; null when it can. */
export function pinProblem(pin: string, operatorId?: string): string | null {
  if (pin.length < PIN_MIN_LENGTH) return `密码至少 ${PIN_MIN_LENGTH} 位`
  if (pin.length > PIN_MAX_LENGTH) return `密码最长 ${PIN_MAX_LENGTH} 位`
  if (/^(.)\1*$/.test(pin)) return '密码不能是同一个字符重复（如 000000）'
  if (isRun(pin)) return '密码不能是连续数字（如 123456、654321）'
  if (operatorId && pin.toUpperCase().includes(operatorId.toUpperCase())) return '密码不能包含工号'
  return null
}

/** Operator ids (工号): letters and digits, as printed on a staff badge. */
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9]{1,16}$/

export function normalizeOperatorId(id: string): string {
  return id.trim().toUpperCase()
}
