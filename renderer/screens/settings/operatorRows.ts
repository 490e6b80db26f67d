/**
 * The account list's words for an operator, and which row the keys move to.
 * Pure, so the rules are tested without a page.
 */
import type { OperatorViewDto } from '../../../main/contract/operators'

export type OperatorState = { kind: 'inUse' } | { kind: 'disabled' } | { kind: 'locked'; until: string }

/** Disabled wins over locked: a disabled account cannot sign in whatever its lock says. */
export function operatorState(op: OperatorViewDto): OperatorState {
  if (op.disabled) return { kind: 'disabled' }
  if (op.lockedUntil !== null) return { kind: 'locked', until: op.lockedUntil }
  return { kind: 'inUse' }
}

/** `王晓明 A0123`, as the rows of the trail name them. */
export function operatorName(op: Pick<OperatorViewDto, 'id' | 'name'>): string {
  return `${op.name} ${op.id}`
}

/** The list after one account's change (the command answers the account as it is now); a new one goes last. */
export function withOperator(list: readonly OperatorViewDto[], changed: OperatorViewDto): OperatorViewDto[] {
  const at = list.findIndex((o) => o.id === changed.id)
  if (at < 0) return [...list, changed]
  const next = [...list]
  next[at] = changed
  return next
}

/** ↑/↓ from the selected account (none yet: the first); stays at either end. */
export function moveSelection(list: readonly OperatorViewDto[], selectedId: string | null, step: 1 | -1): string | null {
  if (list.length === 0) return null
  const at = list.findIndex((o) => o.id === selectedId)
  if (at < 0) return list[0]!.id
  return list[Math.min(list.length - 1, Math.max(0, at + step))]!.id
}
