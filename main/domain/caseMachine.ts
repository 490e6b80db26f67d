/**
 * A case's lifecycle from acceptance (受理) to output (出件). Every transition
 * the app makes goes through `nextState`, so an illegal one is refused in one
 * place with a message the clerk can act on.
 */
import { AppError } from './errors'

export const caseStates = [
  'accepted',
  'in_review',
  'needs_supplement',
  'approved',
  'rejected',
  'ready',
  'collected',
  'shipping',
  'handed_over',
  'delivered',
  'withdrawn',
] as const
export type CaseState = (typeof caseStates)[number]

export const caseActions = [
  'startReview',
  'approve',
  'reject',
  'requestSupplement',
  'supply',
  'produce',
  'collect',
  'ship',
  'handOver',
  'deliver',
  'withdraw',
  'unship',
] as const
export type CaseAction = (typeof caseActions)[number]

export const stateLabels: Readonly<Record<CaseState, string>> = {
  accepted: '已受理',
  in_review: '审查中',
  needs_supplement: '待补正',
  approved: '准予办理',
  rejected: '不予办理',
  ready: '待出件',
  collected: '已出件',
  shipping: '待寄递',
  handed_over: '已交寄',
  delivered: '已送达',
  withdrawn: '已撤回',
}

export const actionLabels: Readonly<Record<CaseAction, string>> = {
  startReview: '开始审查',
  approve: '准予',
  reject: '不予',
  requestSupplement: '补正',
  supply: '补齐材料',
  produce: '制证',
  collect: '窗口领取',
  ship: '寄递',
  handOver: '交寄快递',
  deliver: '签收',
  withdraw: '撤回',
  unship: '取消寄递',
}

/** Each state's allowed actions and where they lead. States with none are final. */
const transitions: Readonly<Record<CaseState, Partial<Record<CaseAction, CaseState>>>> = {
  accepted: { startReview: 'in_review', withdraw: 'withdrawn' },
  in_review: { approve: 'approved', reject: 'rejected', requestSupplement: 'needs_supplement', withdraw: 'withdrawn' },
  needs_supplement: { supply: 'in_review', withdraw: 'withdrawn' },
  // Withdrawal stops at `ready`: once the certificate exists it has been issued.
  approved: { produce: 'ready', withdraw: 'withdrawn' },
  ready: { collect: 'collected', ship: 'shipping' },
  // 取消寄递: the shipment was cancelled before the courier took it (the courier desk only, with its carrier cancel).
  shipping: { handOver: 'handed_over', unship: 'ready' },
  handed_over: { deliver: 'delivered' },
  // A rejection is final; its notice is printed from the rejected case itself.
  rejected: {},
  collected: {},
  delivered: {},
  withdrawn: {},
}

/** The state `action` leads to from `from`; throws ILLEGAL_TRANSITION naming both states. */
export function nextState(from: CaseState, action: CaseAction): CaseState {
  const to = transitions[from][action]
  if (to !== undefined) return to
  const allowed = allowedActions(from)
  const hint = allowed.length === 0 ? '，该状态已办结' : `；当前可执行：${allowed.map((a) => `“${actionLabels[a]}”`).join('、')}`
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `办件${stateLabels[from]}（${from}），不能执行“${actionLabels[action]}”转为${stateLabels[targetOf(action)]}（${targetOf(action)}）${hint}`,
  )
}

export function allowedActions(state: CaseState): CaseAction[] {
  return caseActions.filter((a) => transitions[state][a] !== undefined)
}

/**
 * Actions only the courier desk takes, together with their shipment: 取消寄递
 * cancels the carrier's order too, so the case page never offers it alone.
 */
export const deskOnlyActions: ReadonlySet<CaseAction> = new Set<CaseAction>(['unship'])

/** True while waiting for the applicant's supplement (补正): those days do not count toward the deadline. */
export function isClockStopped(state: CaseState): boolean {
  return state === 'needs_supplement'
}

/** False once nothing more can happen to the case (output done, rejected or withdrawn). */
export function isOpen(state: CaseState): boolean {
  return allowedActions(state).length > 0
}

/** Every action leads to one state wherever it is legal; the error message names it. */
function targetOf(action: CaseAction): CaseState {
  for (const state of caseStates) {
    const to = transitions[state][action]
    if (to !== undefined) return to
  }
  throw new Error(`action ${action} leads nowhere`)
}
